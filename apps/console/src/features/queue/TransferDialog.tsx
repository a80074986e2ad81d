import type { ServiceField, Ticket } from '@dltt/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError, SelectField } from '../../components/Fields.tsx';

interface TransferDialogProps {
  ticket: Ticket;
  /** The centre's other active fields. */
  fields: readonly ServiceField[];
  onCancel(): void;
  onTransfer(fieldId: string): Promise<void>;
}

/** "Chuyển lĩnh vực": the person goes to another field's queue with a new number, keeping their place in time. */
export function TransferDialog({ ticket, fields, onCancel, onTransfer }: TransferDialogProps) {
  const { t } = useTranslation();
  const [fieldId, setFieldId] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fieldId) {
      setFieldError(t('validation.chooseOne'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onTransfer(fieldId);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('counter.transferTitle', { number: ticket.display })} onClose={onCancel}>
      <form noValidate onSubmit={submit}>
        <p>{t('counter.transferIntro')}</p>
        <FormError message={error} />
        {fields.length === 0 ? (
          <p>{t('counter.transferNoFields')}</p>
        ) : (
          <SelectField
            label={t('counter.transferField')}
            value={fieldId}
            onChange={(v) => {
              setFieldId(v);
              setFieldError(undefined);
            }}
            options={fields.map((f) => ({ value: f.id, label: `${f.letter} – ${f.name}` }))}
            placeholder={t('counter.transferPlaceholder')}
            required
            error={fieldError}
          />
        )}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={busy || fields.length === 0}>
            {t('counter.transferSubmit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
