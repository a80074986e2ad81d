import type { StaffReport } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/States.tsx';
import { NoteForm } from './NoteForm.tsx';
import { ReportActions } from './ReportActions.tsx';
import { Deadline, PriorityText, StatusBadge } from './ReportBits.tsx';
import { ReportMap } from './ReportMap.tsx';
import { AfterPhotos, PhotoGrid, usePhotoName } from './ReportPhotos.tsx';
import { ReportTimeline } from './ReportTimeline.tsx';
import { reportsApi } from './reports.api.ts';
import { awaitsAcceptance, isResolving } from './reports.domain.ts';
import { useCategoryName } from './useCategoryName.ts';

/** One report as its handlers see it: what was reported, where, by when, what happened, and what to do next. */
export function ReportDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [notice, setNotice] = useState('');
  const query = useQuery(useCallback((signal: AbortSignal) => reportsApi.get(code, signal), [code]));
  const report = query.data?.code === code ? query.data : undefined;

  const changed = (updated: StaffReport, message: string) => {
    query.replace(updated);
    setNotice(message);
  };

  return (
    <Page title={t('report.title', { code })}>
      <Link to="/reports" className="back-link">
        {t('report.back')}
      </Link>
      <Notice text={notice} />
      {query.error && !report ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : !report ? (
        <Loading />
      ) : (
        <ReportBody report={report} onChanged={changed} onStale={query.reload} />
      )}
    </Page>
  );
}

interface ReportBodyProps {
  report: StaffReport;
  onChanged(report: StaffReport, message: string): void;
  onStale(): void;
}

function ReportBody({ report, onChanged, onStale }: ReportBodyProps) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const name = usePhotoName(report.photos);
  const before = report.photos.filter((p) => p.kind === 'before');
  const accepting = awaitsAcceptance(report.status);
  const open = accepting || isResolving(report.status);
  // The server decides what is overdue; the line that is late is the running one already past.
  const lateFor = (running: boolean, at: string | null) =>
    report.overdue && running && at !== null && Date.parse(at) < Date.now();
  const { lat, lng, accuracy } = report.location;
  const mapUrl = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;

  return (
    <div className="report-grid">
      <div>
        <section className="card" aria-labelledby="report-actions-heading">
          <h2 id="report-actions-heading">{t('report.actions')}</h2>
          <ReportActions report={report} onChanged={onChanged} onStale={onStale} />
        </section>
        <section className="card" aria-labelledby="report-description-heading">
          <h2 id="report-description-heading">{t('report.description')}</h2>
          <p className="prose" data-testid="report-description">
            {report.description}
          </p>
        </section>
        <section className="card" aria-labelledby="report-photos-heading">
          <h2 id="report-photos-heading">{t('report.photos')}</h2>
          <h3>{t('report.beforePhotos')}</h3>
          {before.length > 0 ? (
            <PhotoGrid photos={before} name={name} />
          ) : (
            <p className="muted">{t('report.noPhotos')}</p>
          )}
          <AfterPhotos report={report} onReport={onChanged} />
        </section>
        {report.publicAnswer || report.rejectionReason ? (
          <section className="card" aria-labelledby="report-result-heading">
            <h2 id="report-result-heading">{t('report.result')}</h2>
            <dl className="details">
              {report.rejectionReason ? (
                <>
                  <dt>{t('report.rejectionReason')}</dt>
                  <dd>{t(`rejectionReasons.${report.rejectionReason}`)}</dd>
                </>
              ) : null}
              {report.duplicateOfCode ? (
                <>
                  <dt>{t('report.duplicateOf')}</dt>
                  <dd>
                    <Link to={`/reports/${report.duplicateOfCode}`}>{report.duplicateOfCode}</Link>
                  </dd>
                </>
              ) : null}
              {report.publicAnswer ? (
                <>
                  <dt>{t('report.publicAnswer')}</dt>
                  <dd className="prose">{report.publicAnswer}</dd>
                </>
              ) : null}
              {report.rating !== null ? (
                <>
                  <dt>{t('report.rating')}</dt>
                  <dd>{t('report.ratingValue', { rating: report.rating })}</dd>
                </>
              ) : null}
            </dl>
          </section>
        ) : null}
        <section className="card" aria-labelledby="report-timeline-heading">
          <h2 id="report-timeline-heading">{t('report.timeline')}</h2>
          <ReportTimeline events={report.events} />
          {report.actions.includes('note') ? <NoteForm report={report} onChanged={onChanged} /> : null}
        </section>
      </div>
      <div>
        <section className="card" aria-labelledby="report-info-heading">
          <h2 id="report-info-heading">{t('report.info')}</h2>
          <dl className="details" data-testid="report-info">
            <dt>{t('reports.status')}</dt>
            <dd>
              <StatusBadge status={report.status} />
            </dd>
            <dt>{t('reports.priority')}</dt>
            <dd>
              <PriorityText priority={report.priority} />
            </dd>
            <dt>{t('reports.category')}</dt>
            <dd>{categoryName(report.categoryId, report.categoryName)}</dd>
            <dt>{t('reports.commune')}</dt>
            <dd>{report.communeName}</dd>
            <dt>{t('reports.agency')}</dt>
            <dd>{report.agencyName}</dd>
            <dt>{t('reports.officer')}</dt>
            <dd>{report.assignedOfficerName ?? t('reports.unassigned')}</dd>
            <dt>{t('report.createdAt')}</dt>
            <dd>{formatDateTime(report.createdAt)}</dd>
            <dt>{t('report.acceptDueAt')}</dt>
            <dd>
              <Deadline
                at={report.acceptDueAt}
                overdue={lateFor(accepting, report.acceptDueAt)}
                running={accepting}
              />
            </dd>
            <dt>{t('report.resolveDueAt')}</dt>
            <dd>
              <Deadline
                at={report.resolveDueAt}
                overdue={lateFor(open, report.resolveDueAt)}
                running={open}
              />
            </dd>
            {report.reopenCount > 0 ? (
              <>
                <dt>{t('report.reopenCount')}</dt>
                <dd>{report.reopenCount}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="report-location-heading">
          <h2 id="report-location-heading">{t('report.location')}</h2>
          <ReportMap location={report.location} accuracy={accuracy} />
          <dl className="details">
            {report.address ? (
              <>
                <dt>{t('report.address')}</dt>
                <dd>{report.address}</dd>
              </>
            ) : null}
            <dt>{t('report.lat')}</dt>
            <dd>{formatNumber(lat, 6)}</dd>
            <dt>{t('report.lng')}</dt>
            <dd>{formatNumber(lng, 6)}</dd>
            {accuracy !== null ? (
              <>
                <dt>{t('report.accuracy')}</dt>
                <dd>{t('report.accuracyValue', { m: formatNumber(accuracy, 0) })}</dd>
              </>
            ) : null}
          </dl>
          <a href={mapUrl} target="_blank" rel="noopener noreferrer">
            {t('report.openMap')} <span className="sr-only">{t('report.newTab')}</span>
          </a>
        </section>
        <section className="card" aria-labelledby="report-contact-heading">
          <h2 id="report-contact-heading">{t('report.contact')}</h2>
          <p className="hint">{t('report.contactHint')}</p>
          {report.reporterName || report.reporterEmail || report.filedVia ? (
            <dl className="details" data-testid="reporter-contact">
              {report.reporterName ? (
                <>
                  <dt>{t('report.reporterName')}</dt>
                  <dd>{report.reporterName}</dd>
                </>
              ) : null}
              {report.reporterEmail ? (
                <>
                  <dt>{t('report.reporterEmail')}</dt>
                  <dd>
                    <a href={`mailto:${report.reporterEmail}`}>{report.reporterEmail}</a>
                  </dd>
                </>
              ) : null}
              {report.filedVia ? (
                <>
                  <dt>{t('report.filedVia')}</dt>
                  <dd>{report.filedVia}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {report.contactPhone ? (
            <dl className="details">
              <dt>{t('report.contactPhone')}</dt>
              <dd>
                <a href={`tel:${report.contactPhone}`} data-testid="contact-phone">
                  {report.contactPhone}
                </a>
              </dd>
            </dl>
          ) : (
            <p>{t('report.noPhone')}</p>
          )}
          <p>{report.hideIdentity ? t('report.identityHidden') : t('report.identityShown')}</p>
        </section>
      </div>
    </div>
  );
}
