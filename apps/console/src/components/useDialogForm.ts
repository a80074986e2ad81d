import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/api.ts';
import { placeServerError, type ServerErrorPlacement } from '../lib/form-errors.ts';
import { focusFirstInvalid } from './Fields.tsx';

/** The keys of V whose values are text (what TextField, TextAreaField and SelectField edit). */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

export interface DialogFormOptions<V, E extends string> extends ServerErrorPlacement<E> {
  /** The fields' first values (or a function making them). */
  initial: V | (() => V);
  /** What is wrong with these values, by field (undefined = fine); worked out again on every render. */
  validate?(values: V): Partial<Record<E, string | undefined>>;
  /** Sends the form; a rejection is shown (beside its field or above the form) and the form stays open. */
  save(values: V): Promise<void>;
  /** "Check the marked fields" above the form while a field is wrong; true unless a one-field form says no. */
  summary?: boolean;
  /** Told about every failed save after it is shown (a page refreshes the report on a conflict). */
  onFailed?: ((error: unknown) => void) | undefined;
}

export interface DialogFormState<V, E extends string> {
  formRef: RefObject<HTMLFormElement>;
  values: V;
  /** Changes one value; a server error shown beside that field goes with it. */
  set<K extends keyof V>(key: K, value: V[K]): void;
  /** Changes several values at once (nested drafts); see clearError. */
  update(change: (values: V) => V): void;
  /** Drops the server's error beside a field once it is edited (for fields changed through update). */
  clearError(key: E): void;
  /** value, onChange and error for a text field bound to values[key]. */
  field<K extends TextKey<V> & E>(
    key: K,
  ): { value: string; onChange(value: string): void; error: string | undefined };
  errors: Partial<Record<E, string>>;
  /** Above the form: "check the marked fields" while one is wrong, else the last failed save's message. */
  message: string | undefined;
  /** The failed save's details that belong to no field. */
  issues: string[];
  busy: boolean;
  /** A submit that asked first is waiting for the confirmation (see run and cancelConfirm). */
  confirming: boolean;
  /** The form's submit: checks every field, then saves (or, with askFirst, opens the confirmation). */
  submit(event: FormEvent, askFirst?: boolean): void;
  /** Saves now (the confirmation's "Xác nhận"). Never rejects: a failure is shown in the form. */
  run(): Promise<void>;
  cancelConfirm(): void;
}

/**
 * The state of a dialog's form: its values, their errors, the save and its busy state.
 *
 * Field errors are worked out from the current values and shown from the first submit on, so a message goes
 * as soon as its field is right; the server's refusals go beside the field they name (fieldOfCode,
 * fieldOfPath) until it is edited, or above the form. Focus moves to the first marked field after a
 * refused submit or save.
 */
export function useDialogForm<V, E extends string = Extract<keyof V, string>>(
  options: DialogFormOptions<V, NoInfer<E>>,
): DialogFormState<V, E> {
  const { initial, validate, save, summary = true, onFailed } = options;
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<V>(initial);
  const [shown, setShown] = useState(false);
  // The last submit was refused for invalid fields: the summary shows until they are right. After a valid
  // submit the server's answer (if any) stays the message, even while a field is being re-edited.
  const [triedInvalid, setTriedInvalid] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});
  const [saveError, setSaveError] = useState<string>();
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const problems: Partial<Record<string, string>> = {};
  for (const [key, message] of Object.entries<string | undefined>(validate?.(values) ?? {})) {
    if (message) problems[key] = message;
  }
  const invalid = Object.keys(problems).length > 0;
  const errors: Partial<Record<E, string>> = shown ? { ...serverErrors, ...problems } : serverErrors;
  const message = summary && triedInvalid && invalid ? t('validation.fixErrors') : saveError;

  const clearError = (key: string) =>
    setServerErrors((current) => {
      if (!(key in current)) return current;
      const { [key]: _, ...rest } = current;
      return rest;
    });

  const set = <K extends keyof V>(key: K, value: V[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (typeof key === 'string') clearError(key);
  };

  const run = async () => {
    setBusy(true);
    setSaveError(undefined);
    setServerErrors({});
    setIssues([]);
    try {
      await save(values);
    } catch (e) {
      const placed = placeServerError(e, errorMessage(e), options);
      setServerErrors(placed.fields);
      setSaveError(placed.message);
      setIssues(placed.issues);
      setBusy(false);
      setConfirming(false);
      const form = formRef.current;
      if (Object.keys(placed.fields).length > 0) focusFirstInvalid(form);
      else setTimeout(() => form?.querySelector('.form-error')?.scrollIntoView({ block: 'nearest' }));
      onFailed?.(e);
    }
  };

  const submit = (event: FormEvent, askFirst = false) => {
    event.preventDefault();
    setShown(true);
    setTriedInvalid(invalid);
    setSaveError(undefined);
    setServerErrors({});
    setIssues([]);
    if (invalid) {
      focusFirstInvalid(formRef.current);
      return;
    }
    if (askFirst) setConfirming(true);
    else void run();
  };

  return {
    formRef,
    values,
    set,
    update: setValues,
    clearError,
    field: (key) => ({
      value: String(values[key]),
      onChange: (value: string) => {
        setValues((current) => ({ ...current, [key]: value }));
        clearError(key);
      },
      error: errors[key],
    }),
    errors,
    message,
    issues,
    busy,
    confirming,
    submit,
    run,
    cancelConfirm: () => setConfirming(false),
  };
}
