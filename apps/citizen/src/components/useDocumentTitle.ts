import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the browser tab / history entry after the page: "<page> – Đắk Lắk Trực Tuyến". */
export function useDocumentTitle(title?: string) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title && title !== appName ? `${title} – ${appName}` : appName;
  }, [title, appName]);
}
