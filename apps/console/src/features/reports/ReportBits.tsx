import type { ReportPriority, ReportStatus } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTimeShort, formatRelative } from '../../components/format.ts';
import { awaitsAcceptance, isResolving, statusTone } from './reports.domain.ts';

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${statusTone(status)}`}>{t(`reportStatus.${status}`)}</span>;
}

export function PriorityText({ priority }: { priority: ReportPriority }) {
  const { t } = useTranslation();
  const text = t(`priority.${priority}`);
  return priority === 'urgent' ? <strong>{text}</strong> : <span>{text}</span>;
}

interface DeadlineSource {
  status: ReportStatus;
  acceptDueAt: string | null;
  resolveDueAt: string | null;
}

/** The deadline that runs now: accepting while the report waits for it, then resolving; none once resolved. */
export function currentDeadline(r: DeadlineSource): { kind: 'accept' | 'resolve'; at: string } | null {
  if (awaitsAcceptance(r.status) && r.acceptDueAt) return { kind: 'accept', at: r.acceptDueAt };
  if ((awaitsAcceptance(r.status) || isResolving(r.status)) && r.resolveDueAt)
    return { kind: 'resolve', at: r.resolveDueAt };
  return null;
}

interface DeadlineProps {
  at: string | null;
  /** Which deadline, named before the time left ("Tiếp nhận: sau 14 giờ nữa"), where a list mixes both kinds. */
  kind?: 'accept' | 'resolve' | undefined;
  overdue: boolean;
  /** false once the deadline no longer runs (resolved, published, rejected): the time alone. */
  running?: boolean;
}

/** "sau 3 giờ nữa" with the exact time below; red and labelled "Quá hạn" when overdue. */
export function Deadline({ at, kind, overdue, running = true }: DeadlineProps) {
  const { t } = useTranslation();
  if (!at) return <span>{t('common.emDash')}</span>;
  const exact = formatDateTimeShort(at);
  if (!running) return <time dateTime={at}>{exact}</time>;
  return (
    <span className={overdue ? 'deadline deadline-overdue' : 'deadline'} data-testid="deadline">
      <span className="deadline-main">
        {overdue ? <span className="badge badge-danger">{t('reports.overdue')}</span> : null}{' '}
        {kind ? (
          <span className="deadline-kind">
            {t(kind === 'accept' ? 'reports.dueKindAccept' : 'reports.dueKindResolve')}{' '}
          </span>
        ) : null}
        <time dateTime={at}>{formatRelative(at)}</time>
      </span>
      <span className="deadline-at">{exact}</span>
    </span>
  );
}

/** The inbox's deadline cell: the deadline that applies now, and which one it is. */
export function CurrentDeadline({ report }: { report: DeadlineSource & { overdue: boolean } }) {
  const due = currentDeadline(report);
  return <Deadline at={due?.at ?? null} kind={due?.kind} overdue={report.overdue && due !== null} />;
}
