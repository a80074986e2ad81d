import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { FormError, focusFirstInvalid, TextField } from '../../components/Fields.tsx';
import { formatTime } from '../../components/format.ts';

function lockedUntil(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_LOCKED') return undefined;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('lockedUntil' in details)) return undefined;
  return typeof details.lockedUntil === 'string' ? details.lockedUntil : undefined;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} — ${t('app.name')}`;
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nextMissing = { username: !username.trim(), password: !password };
    setMissing(nextMissing);
    if (nextMissing.username || nextMissing.password) {
      setError(undefined);
      focusFirstInvalid(formRef.current);
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await login({ username: username.trim(), password });
    } catch (e) {
      const until = lockedUntil(e);
      setError(
        until ? `${errorMessage(e)} ${t('login.lockedUntil', { time: formatTime(until) })}` : errorMessage(e),
      );
      setPassword('');
      setSending(false);
    }
  };

  return (
    <div className="login">
      <header className="login-top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main className="login-main">
        <form ref={formRef} className="card login-card" noValidate onSubmit={submit}>
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          <FormError message={error} />
          <TextField
            label={t('login.username')}
            value={username}
            onChange={setUsername}
            autoComplete="username"
            required
            spellCheck={false}
            error={missing.username ? t('validation.required') : undefined}
          />
          <TextField
            label={t('login.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
            error={missing.password ? t('validation.required') : undefined}
          />
          <button type="submit" className="button button-primary button-block" disabled={sending}>
            {sending ? t('login.sending') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
