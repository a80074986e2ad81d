import type { StaffReportEvent } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { isEventKind, isReportStatus } from './reports.domain.ts';

/** The report's history, oldest first: who did what, the status change, the note, and who may see it. */
export function ReportTimeline({ events }: { events: readonly StaffReportEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted">{t('report.noEvents')}</p>;

  const statusName = (s: string | null) => (isReportStatus(s) ? t(`reportStatus.${s}`) : (s ?? ''));
  const kindName = (e: StaffReportEvent) => {
    if (isEventKind(e.kind)) return t(`report.events.${e.kind}`);
    if (isReportStatus(e.toStatus)) return t('report.statusTo', { to: statusName(e.toStatus) });
    return e.kind;
  };
  const actor = (e: StaffReportEvent) =>
    e.actorType === 'citizen'
      ? t('report.actorCitizen')
      : e.actorType === 'system'
        ? t('report.actorSystem')
        : (e.actorName ?? t('common.emDash'));

  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e, i) => (
        // Events have no id in the contract; their order never changes, so the index is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
        <li key={i}>
          <div className="timeline-head">
            <strong>{kindName(e)}</strong>
            <span className={e.visibility === 'internal' ? 'badge badge-off' : 'badge badge-info'}>
              {e.visibility === 'internal' ? t('report.visibilityInternal') : t('report.visibilityPublic')}
            </span>
          </div>
          <div className="timeline-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {actor(e)}
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
              ? ` · ${t('report.statusChange', { from: statusName(e.fromStatus), to: statusName(e.toStatus) })}`
              : null}
          </div>
          {e.note ? <p className="prose">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
