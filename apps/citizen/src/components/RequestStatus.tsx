import { useTranslation } from 'react-i18next';
import { Button, Spinner } from 'zmp-ui';
import type { ApiError } from '../app/api.ts';
import { Icon } from './Icon.tsx';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{t('app.loading')}</span>
    </div>
  );
}

const CLIENT_CODES = ['NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE'] as const;
type ClientCode = (typeof CLIENT_CODES)[number];
const isClientCode = (code: string): code is ClientCode => (CLIENT_CODES as readonly string[]).includes(code);

/** A failed request: what went wrong in plain words, and a way to try again. */
export function RequestError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  // Server errors carry a Vietnamese message meant for citizens; our own codes are translated here.
  const message = isClientCode(error.code) ? t(`errors.${error.code}`) : error.message;
  return (
    <div className="request-error" role="alert">
      <Icon name="alert" size={32} className="request-error-icon" />
      <div>
        <p className="request-error-title">{t('errors.title')}</p>
        <p>{message}</p>
        <Button variant="secondary" size="large" prefixIcon={<Icon name="retry" />} onClick={onRetry}>
          {t('errors.retry')}
        </Button>
      </div>
    </div>
  );
}
