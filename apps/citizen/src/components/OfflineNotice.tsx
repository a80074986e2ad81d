import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';
import { useOnline } from './useOnline.ts';

/**
 * A calm line above every page while the device is offline: the app still opens (the web build keeps it on the
 * phone, see vite.config.ts) and shows what it has kept. A status, not an error: nothing is wrong with the app.
 * The live region stays in the page while online, empty, so a screen reader hears the line when it appears.
 */
export function OfflineNotice() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <div role="status" className={online ? undefined : 'offline-notice'}>
      {!online && (
        <>
          <Icon name="offline" size={24} className="offline-notice-icon" />
          <p>
            <strong>{t('offline.title')}</strong> {t('offline.body')}
          </p>
        </>
      )}
    </div>
  );
}
