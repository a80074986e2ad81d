import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button, Spinner } from 'zmp-ui';
import type { ApiError } from '../app/api.ts';
import { Icon } from './Icon.tsx';
import { useOnline } from './useOnline.ts';

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

/** What to tell the person: server errors carry a message meant for citizens; our own codes are translated. */
export function errorText(error: ApiError, t: TFunction): string {
  return isClientCode(error.code) ? t(`errors.${error.code}`) : error.message;
}

/** True when the request may never have reached the server (so the same request can simply be sent again). */
export function isConnectionError(error: ApiError): boolean {
  return isClientCode(error.code) || error.status >= 500 || error.code === 'RATE_LIMITED';
}

/**
 * A failed request: what went wrong in plain words, and a way to try again; for something that does not exist
 * (404) trying again cannot help, so the way home is offered instead. Offline, a request that could not reach
 * the server is no error: a calm line says the page needs the network, and the request is made again as soon
 * as the device is back online.
 */
export function RequestError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  const online = useOnline();
  const wentOffline = useRef(false);
  useEffect(() => {
    if (!online) wentOffline.current = true;
    else if (wentOffline.current) {
      wentOffline.current = false;
      onRetry();
    }
  }, [online, onRetry]);
  if (!online && isClientCode(error.code)) {
    return (
      <div className="request-offline" role="status">
        <Icon name="offline" size={28} className="request-error-icon" />
        <p>{t('offline.needsNetwork')}</p>
      </div>
    );
  }
  const message = errorText(error, t);
  const missing = error.status === 404;
  return (
    <div className="request-error" role="alert">
      <Icon name="alert" size={32} className="request-error-icon" />
      <div>
        <p className="request-error-title">{t(missing ? 'errors.notFoundTitle' : 'errors.title')}</p>
        <p>{message}</p>
        {missing ? (
          <Link className="button-link" to="/">
            {t('nav.home')}
          </Link>
        ) : (
          <Button variant="secondary" size="large" prefixIcon={<Icon name="retry" />} onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        )}
      </div>
    </div>
  );
}
