import type { StaffNotificationPage } from '@dltt/contracts';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../components/format.ts';
import { notificationsApi } from './reports.api.ts';

const PAGE_SIZE = 20;
const POLL_MS = 60_000;
/** Beyond this the badge reads "99+" so it keeps its size. */
const MAX_SHOWN = 99;

/**
 * The header's bell: how many report notifications (overdue, escalated, assigned, returned) are unread,
 * and a panel listing the latest with links to the reports. Polls every minute while the tab is visible.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [page, setPage] = useState<StaffNotificationPage>();
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState(false);
  const [marking, setMarking] = useState(false);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      setPage(await notificationsApi.list({ page: 1, pageSize: PAGE_SIZE }, signal));
      setError(undefined);
    } catch (e) {
      if (!signal?.aborted) setError(e);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(controller.signal);
    }, POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [refresh]);

  // Following a link closes the panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setOpen(false), [location.pathname]);

  // Escape or a click elsewhere closes it too.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (e.target instanceof Node && !wrapRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const items = page?.items ?? [];
  // The server counts every unread notification, not only those on the first page.
  const unread = page?.unread ?? 0;
  const unreadText = unread > MAX_SHOWN ? `${MAX_SHOWN}+` : String(unread);

  const markAllRead = async () => {
    setMarking(true);
    try {
      await notificationsApi.markAllRead();
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setMarking(false);
    }
  };

  return (
    <div className="bell" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-ghost"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => {
          if (!open) void refresh();
          setOpen(!open);
        }}
      >
        {t('notifications.button')}
        {unread > 0 ? (
          <>
            <span className="bell-count" aria-hidden="true">
              {unreadText}
            </span>
            <span className="sr-only"> ({t('notifications.unread', { n: unreadText })})</span>
          </>
        ) : null}
      </button>
      <div id={panelId} className="bell-panel" hidden={!open}>
        <h2>{t('notifications.title')}</h2>
        {error && !page ? (
          <p className="field-error">{errorMessage(error)}</p>
        ) : items.length === 0 ? (
          <p className="muted">{t('notifications.empty')}</p>
        ) : (
          <ul className="bell-list">
            {items.map((n) => (
              <li key={n.id} className={n.read ? undefined : 'unread'}>
                <Link to={`/reports/${n.reportCode}`}>
                  {n.reportCode}: {t(`notifications.kinds.${n.kind}`)}
                </Link>
                <div className="timeline-meta">
                  {n.read ? null : <span className="badge badge-danger">{t('notifications.new')}</span>}{' '}
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </div>
              </li>
            ))}
          </ul>
        )}
        {unread > 0 ? (
          <button
            type="button"
            className="button button-small"
            disabled={marking}
            onClick={() => void markAllRead()}
          >
            {t('notifications.markAllRead')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
