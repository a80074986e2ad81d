import './notifications.css';
import type { CitizenNotification, CitizenNotificationPage } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { followedReportPath, myReportPath } from '../../app/paths.ts';
import { Icon } from '../../components/Icon.tsx';
import { PagedList } from '../../components/PagedList.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { fetchNotifications } from '../../lib/notifications.ts';
import { useSentCodes } from '../../lib/sent-reports.ts';
import { RUNTIME } from '../../platform/index.ts';
import { markNotificationsRead } from './notifications.api.ts';
import { ZaloNotifySwitch } from './ZaloNotifySwitch.tsx';

const PAGE_SIZE = 20;

function notificationText(item: CitizenNotification, t: TFunction): string {
  if (item.kind === 'queue_soon')
    return t('reports.notifications.queueSoon', { display: item.ticketDisplay });
  if (item.kind === 'queue_called')
    return t('reports.notifications.queueCalled', {
      display: item.ticketDisplay,
      counter: item.counterNumber,
    });
  // A transfer puts the report back to "submitted" at the new agency: say what happened instead.
  if (item.kind === 'transferred')
    return t('reports.notifications.statusChanged', {
      code: item.reportCode,
      status: t('reports.event.transferred'),
    });
  return item.status
    ? t('reports.notifications.statusChanged', {
        code: item.reportCode,
        status: t(`reports.status.${item.status}`),
      })
    : t('reports.notifications.update', { code: item.reportCode });
}

/** Where a notification leads: the live ticket, my report, or a report I follow. */
function notificationTarget(item: CitizenNotification, mine: boolean): string {
  if (item.ticketId) return `/tickets/${encodeURIComponent(item.ticketId)}`;
  const code = item.reportCode ?? '';
  return mine ? myReportPath(code) : followedReportPath(code);
}

function NotificationItem({ item, mine }: { item: CitizenNotification; mine: boolean }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        className={`notification${item.read ? '' : ' notification-unread'}`}
        to={notificationTarget(item, mine)}
      >
        <span className="notification-icon">
          <Icon name="bell" size={24} />
        </span>
        <span className="notification-body">
          {!item.read && <span className="new-tag">{t('reports.notifications.new')}</span>}
          <span className="notification-what">{notificationText(item, t)}</span>
          {item.note && <span className="notification-note">{item.note}</span>}
          <span className="hint">{formatDateTime(item.createdAt)}</span>
        </span>
      </Link>
    </li>
  );
}

/** The notifications list; opening it marks everything read (the unread ones stay highlighted this time). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const unreadSeen = useRef(false);
  const load = useCallback(async (page: number, signal: AbortSignal): Promise<CitizenNotificationPage> => {
    const result = await fetchNotifications(page, PAGE_SIZE, signal);
    if (result.unread > 0) unreadSeen.current = true;
    return result;
  }, []);
  const list = usePagedList(load);
  // A notification names only the code: reports sent from this device open as "mine", others as followed.
  const sent = useSentCodes();
  const loaded = list.state.status === 'success';

  useEffect(() => {
    if (!loaded || !unreadSeen.current) return;
    unreadSeen.current = false;
    markNotificationsRead().catch(() => undefined); // Still unread next time: harmless.
  }, [loaded]);

  return (
    <PageLayout title={t('reports.notifications.title')}>
      {RUNTIME === 'zalo' && <ZaloNotifySwitch />}
      <PagedList
        list={list}
        label={t('reports.notifications.title')}
        empty={
          <section className="notice">
            <span className="notice-icon">
              <Icon name="bell" size={56} />
            </span>
            <p>{t('reports.notifications.empty')}</p>
          </section>
        }
        renderItem={(item) => (
          <NotificationItem key={item.id} item={item} mine={item.mine || sent.has(item.reportCode ?? '')} />
        )}
      />
    </PageLayout>
  );
}
