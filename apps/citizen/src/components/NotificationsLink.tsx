import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REPORT_PATHS } from '../app/paths.ts';
import { settle, useRetryingEffect } from '../app/useRequest.ts';
import { fetchNotifications } from '../lib/notifications.ts';
import { Icon } from './Icon.tsx';

/**
 * The bell: a large link to the notifications with the unread count as a red badge ("Thông báo 3 chưa đọc" for
 * screen readers). A device that never sent or followed anything has no identity and no notifications, so
 * nothing is asked of the server then.
 */
export function NotificationsLink() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  useRetryingEffect((signal) => {
    // The badge is a hint; the list page shows errors.
    settle(
      fetchNotifications(1, 1, signal),
      signal,
      (page) => setUnread(page.unread),
      () => undefined,
    );
    return undefined;
  }, []);
  return (
    <Link className="bell-link" to={REPORT_PATHS.notifications} data-testid="notifications-link">
      <Icon name="bell" size={28} />
      <span>
        {t('reports.notifications.title')}
        {unread > 0 && (
          <>
            {' '}
            <span className="bell-badge" data-testid="unread-count">
              {unread > 99 ? '99+' : unread}
            </span>
            <span className="visually-hidden">{t('reports.notifications.unread')}</span>
          </>
        )}
      </span>
    </Link>
  );
}
