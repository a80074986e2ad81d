import type { ServiceField, Ticket } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';

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
  const form = useDialogForm({
    initial: { fieldId: '' },
    validate: (v) => ({ fieldId: v.fieldId ? undefined : t('validation.chooseOne') }),
    summary: false,
    save: (v) => onTransfer(v.fieldId),
  });

  return (
    <DialogForm
      title={t('counter.transferTitle', { number: ticket.display })}
      form={form}
      submitLabel={t('counter.transferSubmit')}
      submitDisabled={fields.length === 0}
      onCancel={onCancel}
      intro={<p>{t('counter.transferIntro')}</p>}
    >
      {fields.length === 0 ? (
        <p>{t('counter.transferNoFields')}</p>
      ) : (
        <SelectField
          label={t('counter.transferField')}
          {...form.field('fieldId')}
          options={fields.map((f) => ({ value: f.id, label: `${f.letter} – ${f.name}` }))}
          placeholder={t('counter.transferPlaceholder')}
          required
        />
      )}
    </DialogForm>
  );
}
