import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, Dialog } from './Dialog.tsx';
import { FormError } from './Fields.tsx';
import type { DialogFormState } from './useDialogForm.ts';

interface FormFrameProps<V, E extends string> {
  /** From useDialogForm. */
  form: DialogFormState<V, E>;
  /** "Lưu" unless given. */
  submitLabel?: string;
  /** The submit button's text while saving: submitLabel when only that is given, else "Đang lưu…". */
  busyLabel?: string;
  /** A red submit button (reject). */
  danger?: boolean;
  /** Keeps the submit button off (nothing to choose from). */
  submitDisabled?: boolean;
  onCancel(): void;
  /** Asks once more before saving (an irreversible action, a deactivation); no question when undefined. */
  confirm?: { title: string; body: ReactNode } | undefined;
  /** Text above the form's error message. */
  intro?: ReactNode;
  children: ReactNode;
}

/**
 * A dialog's form: the message above it (with the save's details that belong to no field), the fields, the
 * submit and "Hủy" buttons, and the confirmation when one is asked for.
 */
export function FormFrame<V, E extends string>({
  form,
  submitLabel,
  busyLabel,
  danger,
  submitDisabled,
  onCancel,
  confirm,
  intro,
  children,
}: FormFrameProps<V, E>) {
  const { t } = useTranslation();
  return (
    <>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(event) => form.submit(event, confirm !== undefined)}
        className="dialog-form"
      >
        {intro}
        <FormError message={form.message} />
        {form.issues.length > 0 ? (
          <ul className="issue-list">
            {form.issues.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : null}
        {children}
        <div className="dialog-actions">
          <button
            type="submit"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={form.busy || submitDisabled}
          >
            {form.busy ? (busyLabel ?? submitLabel ?? t('common.saving')) : (submitLabel ?? t('common.save'))}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {form.confirming && confirm ? (
        <ConfirmDialog title={confirm.title} onConfirm={form.run} onCancel={form.cancelConfirm}>
          {confirm.body}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

interface DialogFormProps<V, E extends string> extends FormFrameProps<V, E> {
  title: string;
  /** A wider dialog, for editors with several columns. */
  wide?: boolean;
}

/** A dialog holding one form (see FormFrame and useDialogForm). */
export function DialogForm<V, E extends string>({ title, wide, ...frame }: DialogFormProps<V, E>) {
  return (
    <Dialog title={title} wide={wide} onClose={frame.onCancel}>
      <FormFrame {...frame} />
    </Dialog>
  );
}
