import '../reports.css';
import type { PublicReport } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicReportPath } from '../../../app/paths.ts';
import { useRequest } from '../../../app/useRequest.ts';
import { PageLayout } from '../../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../../components/RequestStatus.tsx';
import { ShareButton } from '../../../components/ShareButton.tsx';
import { formatDateTime } from '../../../lib/dates.ts';
import { PhotoGroups, StatusBadge, Timeline } from '../ReportBits.tsx';
import { fetchFollowedReport, fetchPublicReport, useCategoryLabel } from '../reports.api.ts';

/** One report as anyone may see it: never the reporter's name, phone or account (the API sends none). */
function PublicReportView({ report }: { report: PublicReport }) {
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
        {report.address && (
          <>
            <dt>{t('reports.detail.address')}</dt>
            <dd>{report.address}</dd>
          </>
        )}
      </dl>
      {report.publicAnswer && (
        <section className="report-section answer" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('reports.detail.answer')}</h2>
          {report.publishedAt && <p className="hint">{formatDateTime(report.publishedAt)}</p>}
          <p className="answer-text">{report.publicAnswer}</p>
        </section>
      )}
      {report.rating !== null && (
        <p className="rated">{t('reports.detail.ratedPublic', { rating: report.rating })}</p>
      )}
      <section className="report-section" aria-labelledby="description-title">
        <h2 id="description-title">{t('reports.detail.description')}</h2>
        <p className="description">{report.description}</p>
      </section>
      <section className="report-section" aria-labelledby="photos-title">
        <h2 id="photos-title">{t('reports.detail.photos')}</h2>
        <PhotoGroups photos={report.photos} source="public" />
      </section>
      <Timeline entries={report.timeline} />
      {report.publishedAt && (
        <ShareButton
          title={t('share.reportTitle', { code: report.code })}
          path={publicReportPath(report.code)}
        />
      )}
    </article>
  );
}

function ReportPage({
  title,
  load,
}: {
  title: string;
  load: (signal: AbortSignal) => Promise<PublicReport>;
}) {
  const { state, retry } = useRequest(load);
  return (
    <PageLayout title={title}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' && <PublicReportView report={state.data} />}
    </PageLayout>
  );
}

/** A published result, by code (/reports/public/:code). */
export function PublicReportDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => fetchPublicReport(code, signal), [code]);
  return <ReportPage title={t('reports.detail.publicTitle')} load={load} />;
}

/** A report this device follows, open or published (/reports/followed/:code). */
export function FollowedReportDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => fetchFollowedReport(code, signal), [code]);
  return <ReportPage title={t('reports.detail.followedTitle')} load={load} />;
}
