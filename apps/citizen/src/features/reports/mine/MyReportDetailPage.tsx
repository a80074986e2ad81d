import '../reports.css';
import type { MyReport } from '@dltt/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { followedReportPath } from '../../../app/paths.ts';
import { useRequest } from '../../../app/useRequest.ts';
import { PageLayout } from '../../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../../components/RequestStatus.tsx';
import { formatDateTime } from '../../../lib/dates.ts';
import { Deadline, PhotoGroups, StatusBadge, Timeline } from '../ReportBits.tsx';
import { OPEN_STATUSES } from '../report-format.ts';
import { fetchMyReport, useCategoryLabel } from '../reports.api.ts';
import { FeedbackPanel } from './FeedbackPanel.tsx';

export function MyReportDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => fetchMyReport(code, signal), [code]);
  const { state, retry } = useRequest(load);
  const [updated, setUpdated] = useState<MyReport | null>(null);

  // A notification may be about a report this device follows rather than sent: show its public page.
  const notMine = state.status === 'error' && state.error.code === 'REPORT_NOT_FOUND';
  useEffect(() => {
    if (notMine) navigate(followedReportPath(code), { replace: true });
  }, [notMine, navigate, code]);

  const report = updated ?? (state.status === 'success' ? state.data : null);
  return (
    <PageLayout title={t('reports.detail.mineTitle')}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && !notMine && <RequestError error={state.error} onRetry={retry} />}
      {report && <MyReportView report={report} onUpdated={setUpdated} />}
    </PageLayout>
  );
}

function MyReportView({ report, onUpdated }: { report: MyReport; onUpdated: (r: MyReport) => void }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  return (
    <article className="report-detail" aria-labelledby="report-code">
      <header className="report-head">
        <p className="hint">{t('reports.detail.code')}</p>
        <h2 id="report-code" className="report-code">
          {report.code}
        </h2>
        <p className="report-card-meta">
          <StatusBadge status={report.status} />
          <Deadline report={report} />
        </p>
      </header>

      <dl className="facts">
        <dt>{t('reports.detail.category')}</dt>
        <dd>{categoryLabel(report)}</dd>
        <dt>{t('reports.detail.agency')}</dt>
        <dd>{report.agencyName}</dd>
        <dt>{t('reports.detail.commune')}</dt>
        <dd>{report.communeName}</dd>
        <dt>{t('reports.detail.sentAt')}</dt>
        <dd>{formatDateTime(report.createdAt)}</dd>
        {/* Only while an answer is owed (the rule of the deadline badge above): after it, a due date reads as pending. */}
        {report.resolveDueAt && OPEN_STATUSES.includes(report.status) && (
          <>
            <dt>{t('reports.detail.dueAt')}</dt>
            <dd>{formatDateTime(report.resolveDueAt)}</dd>
          </>
        )}
        {report.address && (
          <>
            <dt>{t('reports.detail.address')}</dt>
            <dd>{report.address}</dd>
          </>
        )}
        {report.contactPhone && (
          <>
            <dt>{t('reports.detail.phone')}</dt>
            <dd>{report.contactPhone}</dd>
          </>
        )}
        <dt>{t('reports.detail.identity')}</dt>
        <dd>
          {report.hideIdentity ? t('reports.detail.identityHidden') : t('reports.detail.identityShown')}
        </dd>
      </dl>

      {report.status === 'rejected' && report.rejectionReason && (
        <section className="report-section answer answer-rejected" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t('reports.detail.rejectedTitle')}</h2>
          <p>{t(`reports.rejection.${report.rejectionReason}`)}</p>
          {report.duplicateOfCode && (
            <p>{t('reports.detail.duplicateOf', { code: report.duplicateOfCode })}</p>
          )}
        </section>
      )}

      {report.publicAnswer && (
        <section className="report-section answer" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('reports.detail.answer')}</h2>
          {report.publishedAt && <p className="hint">{formatDateTime(report.publishedAt)}</p>}
          <p className="answer-text">{report.publicAnswer}</p>
        </section>
      )}

      {report.rating !== null && (
        <p className="rated">{t('reports.detail.rated', { rating: report.rating })}</p>
      )}
      <FeedbackPanel report={report} onUpdated={onUpdated} />

      <section className="report-section" aria-labelledby="description-title">
        <h2 id="description-title">{t('reports.detail.description')}</h2>
        <p className="description">{report.description}</p>
      </section>

      <section className="report-section" aria-labelledby="photos-title">
        <h2 id="photos-title">{t('reports.detail.photos')}</h2>
        <PhotoGroups photos={report.photos} source="mine" />
      </section>

      <Timeline entries={report.timeline} />
    </article>
  );
}
