import type { IssuedApiClient } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid, TextField } from '../../components/Fields.tsx';
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
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const error = name.trim() ? undefined : t('validation.required');
    setNameError(error);
    if (error) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setFormError(undefined);
    setSaving(true);
    try {
      onIssued(await apiClientsApi.issue({ name: name.trim(), contact: contact.trim() || null }));
    } catch (e) {
      setFormError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('apiClients.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        <TextField
          label={t('apiClients.name')}
          value={name}
          onChange={setName}
          required
          autoComplete="off"
          maxLength={NAME_MAX}
          hint={t('apiClients.nameHint')}
          error={nameError}
        />
        <TextField
          label={t('apiClients.contact')}
          value={contact}
          onChange={setContact}
          autoComplete="off"
          maxLength={CONTACT_MAX}
          hint={t('apiClients.contactHint')}
        />
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('apiClients.issuing') : t('apiClients.issue')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
