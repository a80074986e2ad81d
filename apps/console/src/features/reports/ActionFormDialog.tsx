import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid } from '../../components/Fields.tsx';

/** What a dialog's fields say about themselves; see useFieldErrors. */
export interface FormCheck {
  /** Nothing is wrong with the current values. */
  ok: boolean;
  /** From now on, show each field's error next to it. */
  reveal(): void;
}

/**
 * Field errors worked out from the current values on every render and shown from the first submit on, so an
 * error goes away as soon as its field is right (not at the next submit).
 */
export function useFieldErrors<F extends string>(
  problems: Record<F, string | undefined>,
): { errors: Partial<Record<F, string>>; check: FormCheck } {
  const [shown, setShown] = useState(false);
  const ok = Object.values<string | undefined>(problems).every((p) => !p);
  return { errors: shown ? problems : {}, check: { ok, reveal: () => setShown(true) } };
}

interface ActionFormDialogProps {
  title: string;
  submitLabel: string;
  /** The fields' state (from useFieldErrors); omitted when there is nothing to check. */
  check?: FormCheck | undefined;
  /** Sends the action; a rejection is shown above the form, which stays open. */
  send(): Promise<void>;
  onCancel(): void;
  /** Told about every failure after it is shown (the page refreshes the report on a conflict). */
  onFailed?: ((error: unknown) => void) | undefined;
  /** Irreversible actions ask once more before sending. */
  confirm?: { title: string; body: ReactNode } | undefined;
  /** A red submit button (reject). */
  danger?: boolean;
  children: ReactNode;
}

/** The dialog of one report action: fields, a submit button, "Hủy", errors, and an optional confirmation. */
export function ActionFormDialog({
  title,
  submitLabel,
  check,
  send,
  onCancel,
  onFailed,
  confirm,
  danger,
  children,
}: ActionFormDialogProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [triedInvalid, setTriedInvalid] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // "Check the marked fields" lasts only while a field is still wrong.
  const summary = triedInvalid && check && !check.ok ? t('validation.fixErrors') : formError;

  const run = async () => {
    setBusy(true);
    setFormError(undefined);
    try {
      await send();
    } catch (e) {
      setFormError(errorMessage(e));
      setBusy(false);
      setConfirming(false);
      onFailed?.(e);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check && !check.ok) {
      check.reveal();
      setTriedInvalid(true);
      setFormError(undefined);
      focusFirstInvalid(formRef.current);
      return;
    }
    setTriedInvalid(false);
    setFormError(undefined);
    if (confirm) setConfirming(true);
    else void run();
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <FormError message={summary} />
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        {children}
        <div className="dialog-actions">
          <button
            type="submit"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy}
          >
            {submitLabel}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {confirming && confirm ? (
        <ConfirmDialog title={confirm.title} onConfirm={run} onCancel={() => setConfirming(false)}>
          {confirm.body}
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
