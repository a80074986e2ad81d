import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { useAuth, useSession } from '../../app/auth.tsx';
import { PASSWORD_MIN_LENGTH } from '../../app/domain.ts';
import { FormError, focusFirstInvalid, TextField } from '../../components/Fields.tsx';
import { Page } from '../../components/Page.tsx';
import { Notice } from '../../components/States.tsx';
import { authApi } from './auth.api.ts';

type Field = 'current' | 'next' | 'confirm';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState('');
  const [sending, setSending] = useState(false);
  const { passwordChanged } = useAuth();
  const { user } = useSession();

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!current) found.current = t('validation.required');
    if (next.length < PASSWORD_MIN_LENGTH)
      found.next = t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH });
    if (!confirm) found.confirm = t('validation.required');
    else if (confirm !== next) found.confirm = t('validation.passwordMismatch');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    setFormError(undefined);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setSending(true);
    try {
      await authApi.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(t('password.done'));
      passwordChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'WRONG_PASSWORD') setErrors({ current: e.message });
      else if (e instanceof ApiError && e.code === 'PASSWORD_REUSED') setErrors({ next: e.message });
      else setFormError(errorMessage(e));
      focusFirstInvalid(formRef.current);
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title={t('password.title')}>
      <Notice text={done} />
      {user.mustChangePassword ? <p className="notice notice-warn">{t('password.why')}</p> : null}
      <form ref={formRef} className="card form-narrow" noValidate onSubmit={submit}>
        <FormError message={formError} />
        <TextField
          label={t('password.current')}
          type="password"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          required
          error={errors.current}
        />
        <TextField
          label={t('password.new')}
          type="password"
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          required
          hint={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
          error={errors.next}
        />
        <TextField
          label={t('password.confirm')}
          type="password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? t('common.saving') : t('password.submit')}
        </button>
      </form>
    </Page>
  );
}
