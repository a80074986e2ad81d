import type { IssuedApiClient } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { apiClientsApi } from './api-clients.api.ts';

const NAME_MAX = 120;
const CONTACT_MAX = 200;

interface ApiClientFormDialogProps {
  onIssued(client: IssuedApiClient): void;
  onCancel(): void;
}

/** Names the system that will connect, then issues its key. */
export function ApiClientFormDialog({ onIssued, onCancel }: ApiClientFormDialogProps) {
  const { t } = useTranslation();
  const form = useDialogForm({
    initial: { name: '', contact: '' },
    validate: (v) => ({ name: v.name.trim() ? undefined : t('validation.required') }),
    save: async (v) =>
      onIssued(await apiClientsApi.issue({ name: v.name.trim(), contact: v.contact.trim() || null })),
  });

  return (
    <DialogForm
      title={t('apiClients.createTitle')}
      form={form}
      submitLabel={t('apiClients.issue')}
      busyLabel={t('apiClients.issuing')}
      onCancel={onCancel}
    >
      <TextField
        label={t('apiClients.name')}
        {...form.field('name')}
        required
        autoComplete="off"
        maxLength={NAME_MAX}
        hint={t('apiClients.nameHint')}
      />
      <TextField
        label={t('apiClients.contact')}
        {...form.field('contact')}
        autoComplete="off"
        maxLength={CONTACT_MAX}
        hint={t('apiClients.contactHint')}
      />
    </DialogForm>
  );
}
