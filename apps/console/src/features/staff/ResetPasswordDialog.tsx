import type { StaffUser } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { PASSWORD_MIN_LENGTH } from '../../app/domain.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid, TextField } from '../../components/Fields.tsx';
import { staffApi } from './staff.api.ts';

interface ResetPasswordDialogProps {
  user: StaffUser;
  onDone(user: StaffUser): void;
  onCancel(): void;
}

/** An administrator sets a new password for someone (it also unlocks a locked account). */
export function ResetPasswordDialog({ user, onDone, onCancel }: ResetPasswordDialogProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH }));
      focusFirstInvalid(formRef.current);
      return;
    }
    setError(undefined);
    setSaving(true);
    try {
      onDone(await staffApi.resetPassword(user.id, password));
    } catch (e) {
      setFormError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('staff.resetTitle', { name: user.fullName })} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <p className="muted">{t('staff.resetNote')}</p>
        <FormError message={formError} />
        <TextField
          label={t('password.new')}
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="new-password"
          hint={t('staff.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={error}
        />
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('staff.resetPassword')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
