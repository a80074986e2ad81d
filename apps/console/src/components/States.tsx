import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../app/api.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state state-loading" role="status">
      {label ?? t('table.loading')}
    </p>
  );
}

export function EmptyState({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <p className="state state-empty">{text ?? t('table.empty')}</p>;
}

/** An error from the server or the network, with its request id for support, and a retry. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="state state-error" role="alert">
      <p>{errorMessage(error)}</p>
      {requestId ? <p className="muted small">{t('errors.requestId', { id: requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * A polite live region for "saved" messages (green), or for a plain state of things such as "nobody is waiting"
 * (`neutral`); always rendered so announcements are not lost.
 */
export function Notice({ text, tone = 'ok' }: { text: string; tone?: 'ok' | 'neutral' }) {
  const className = !text ? 'notice notice-empty' : tone === 'neutral' ? 'notice notice-neutral' : 'notice';
  return (
    <p className={className} role="status">
      {text}
    </p>
  );
}
