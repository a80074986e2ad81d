import type { PlanningDataset, PlanningImportStatus, PlanningStatus } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber } from '../../components/format.ts';

const STATUS_TONE: Record<PlanningStatus, string> = {
  in_force: 'badge badge-on',
  draft: 'badge badge-warn',
  superseded: 'badge badge-off',
};

export function DatasetStatusBadge({ status }: { status: PlanningStatus }) {
  const { t } = useTranslation();
  return <span className={STATUS_TONE[status]}>{t(`planning.statuses.${status}`)}</span>;
}

const IMPORT_TONE: Record<PlanningImportStatus, string> = {
  uploaded: 'badge badge-off',
  queued: 'badge badge-off',
  running: 'badge badge-warn',
  validated: 'badge badge-warn',
  published: 'badge badge-on',
  failed: 'badge badge-danger',
  cancelled: 'badge badge-off',
};

export function ImportStatusBadge({ status }: { status: PlanningImportStatus }) {
  const { t } = useTranslation();
  return <span className={IMPORT_TONE[status]}>{t(`planning.importStatuses.${status}`)}</span>;
}

export function SampleBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-sample">{t('planning.sampleBadge')}</span>;
}

/** "Số 12/QĐ-UBND ngày 05/03/2025", or just the number or the date when only one is known. */
export function decisionText(dataset: Pick<PlanningDataset, 'decision'>, t: TFunction): string | null {
  const d = dataset.decision;
  if (!d) return null;
  if (d.number && d.date) return t('planning.decisionOf', { number: d.number, date: formatDay(d.date) });
  return d.number || (d.date ? formatDay(d.date) : null);
}

/** "2,4 MB" / "830 kB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${formatNumber(bytes / 1_000_000, 1)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
}

/** "2020–2030", "từ 2021", or null. */
export function periodText(start: number | null, end: number | null): string | null {
  if (start && end) return `${start}–${end}`;
  if (start) return `${start}–`;
  if (end) return `–${end}`;
  return null;
}
