import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { ZaloDeliveryLog } from './ZaloDeliveryLog.tsx';
import { ZaloSettingsForm } from './ZaloSettingsForm.tsx';
import { zaloApi } from './zalo.api.ts';

/**
 * "Thông báo qua Zalo": how citizens who opted in get their notifications in Zalo (ZNS template messages or
 * Official Account messages), and the log of every delivery with its retries.
 */
export function ZaloPage() {
  const { t } = useTranslation();
  const settings = useQuery(useCallback((signal: AbortSignal) => zaloApi.settings(signal), []));

  return (
    <Page title={t('zalo.title')}>
      <p>{t('zalo.intro')}</p>
      <section aria-labelledby="zalo-settings-title">
        <h2 id="zalo-settings-title">{t('zalo.settingsTitle')}</h2>
        {settings.error ? (
          <ErrorMessage error={settings.error} onRetry={settings.reload} />
        ) : settings.data ? (
          <ZaloSettingsForm settings={settings.data} onSaved={settings.replace} />
        ) : (
          <Loading />
        )}
      </section>
      <ZaloDeliveryLog />
    </Page>
  );
}
