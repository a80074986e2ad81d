import '../reports.css';
import type { MyReport, PublicReport } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { followedReportPath, myReportPath, REPORT_PATHS } from '../../../app/paths.ts';
import { Icon } from '../../../components/Icon.tsx';
import { NotificationsLink } from '../../../components/NotificationsLink.tsx';
import { OutboxList } from '../../../components/OutboxList.tsx';
import { PagedList } from '../../../components/PagedList.tsx';
import { PageLayout } from '../../../components/PageLayout.tsx';
import { usePagedList } from '../../../components/usePagedList.ts';
import { formatDate } from '../../../lib/dates.ts';
import { removeEntry } from '../../../lib/outbox/outbox.ts';
import { useOutbox } from '../../../lib/outbox/useOutbox.ts';
import { Deadline, PrivatePhoto, PublicPhoto, StatusBadge } from '../ReportBits.tsx';
import { reopenReport } from '../report-outbox.ts';
import { fetchFollowedReports, fetchMyReports, useCategoryLabel } from '../reports.api.ts';

// The outbox's sender for reports rides in this page's chunk (it lists what waits and reopens refused ones),
// so sending from anywhere costs no chunk of its own (app/outbox.ts loads it from here).
export { sendReport } from '../report-outbox.ts';

const PAGE_SIZE = 10;
const TABS = ['mine', 'followed'] as const;
type Tab = (typeof TABS)[number];

function MyReportItem({ report }: { report: MyReport }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const photo = report.photos.find((p) => p.kind === 'before');
  return (
    <li>
      <Link className="report-card" to={myReportPath(report.code)}>
        {photo && <PrivatePhoto id={photo.id} size="thumb" alt="" />}
        <span className="report-card-body">
          <span className="report-card-title">{categoryLabel(report)}</span>
          <span className="report-card-meta">
            <StatusBadge status={report.status} />
            <Deadline report={report} />
          </span>
          <span className="hint">
            {t('reports.list.codeDate', { code: report.code, date: formatDate(report.createdAt) })}
          </span>
        </span>
      </Link>
    </li>
  );
}

function FollowedItem({ report }: { report: PublicReport }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const photo = report.photos.find((p) => p.kind === 'before');
  return (
    <li>
      <Link className="report-card" to={followedReportPath(report.code)}>
        {photo && <PublicPhoto id={photo.id} size="thumb" alt="" />}
        <span className="report-card-body">
          <span className="report-card-title">{categoryLabel(report)}</span>
          <span className="report-card-meta">
            <StatusBadge status={report.status} />
          </span>
          <span className="hint">
            {t('reports.list.codeDate', { code: report.code, date: formatDate(report.createdAt) })}
          </span>
        </span>
      </Link>
    </li>
  );
}

function EmptyMine() {
  const { t } = useTranslation();
  return (
    <section className="notice">
      <span className="notice-icon">
        <Icon name="reports" size={56} />
      </span>
      <p>{t('reports.mine.empty')}</p>
      <Link className="button-link" to={REPORT_PATHS.new}>
        <Icon name="plus" />
        <span>{t('reports.hub.newButton')}</span>
      </Link>
    </section>
  );
}

/** "Phản ánh của tôi": what I sent (with deadlines) and what I follow, one tap apart. */
export function MyReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'followed' ? 'followed' : 'mine';
  const loadMine = useCallback(
    (page: number, signal: AbortSignal) => fetchMyReports(page, PAGE_SIZE, signal),
    [],
  );
  const loadFollowed = useCallback(
    (page: number, signal: AbortSignal) => fetchFollowedReports(page, PAGE_SIZE, signal),
    [],
  );

  return (
    <PageLayout title={t('reports.mine.title')}>
      <NotificationsLink />
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('reports.mine.tabsLabel')}</legend>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={tab === id}
            onClick={() => setParams(id === 'mine' ? {} : { tab: id }, { replace: true })}
          >
            {t(`reports.mine.tabs.${id}`)}
          </button>
        ))}
      </fieldset>
      {tab === 'mine' ? <MineList load={loadMine} /> : <FollowedList load={loadFollowed} />}
    </PageLayout>
  );
}

function MineList({ load }: { load: Parameters<typeof usePagedList<MyReport>>[0] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = usePagedList(load);
  // Reports sent without network wait here; once one reaches the server, the list below is read again.
  const outbox = useOutbox('report', list.retry);
  const none = outbox.entries.length === 0 && outbox.sent.length === 0;
  return (
    <>
      <OutboxList
        kind="report"
        view={outbox}
        reopen={{
          label: t('reports.queued.reopen'),
          run: async (entry) => {
            await reopenReport(entry);
            await removeEntry(entry.id);
            navigate(REPORT_PATHS.new);
          },
        }}
      />
      <PagedList
        list={list}
        label={t('reports.mine.tabs.mine')}
        empty={none && <EmptyMine />}
        renderItem={(report) => <MyReportItem key={report.code} report={report} />}
      />
    </>
  );
}

function FollowedList({ load }: { load: Parameters<typeof usePagedList<PublicReport>>[0] }) {
  const { t } = useTranslation();
  const list = usePagedList(load);
  return (
    <PagedList
      list={list}
      label={t('reports.mine.tabs.followed')}
      empty={
        <section className="notice">
          <span className="notice-icon">
            <Icon name="bell" size={56} />
          </span>
          <p>{t('reports.mine.followedEmpty')}</p>
        </section>
      }
      renderItem={(report) => <FollowedItem key={report.code} report={report} />}
    />
  );
}
