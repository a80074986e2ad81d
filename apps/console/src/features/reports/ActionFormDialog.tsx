import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { FormError, focusFirstInvalid } from '../../components/Fields';

interface ActionFormDialogProps {
  title: string;
  submitLabel: string;
  /** Checks the fields (showing their errors); true when the form may be sent. */
  validate(): boolean;
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
  validate,
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
  const [confirming, setConfirming] = useState(false);

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
    if (!validate()) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setFormError(undefined);
    if (confirm) setConfirming(true);
    else void run();
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <FormError message={formError} />
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
