import type { ReportStatus } from '@dltt/contracts';

/**
 * Values the contract also exports; repeated here because importing them would ship zod to the phone.
 * `satisfies` keeps them in step with the contract's types.
 */
export const MAX_REPORT_PHOTOS = 5;
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'published',
  'rejected',
  'reopened',
] as const satisfies readonly ReportStatus[];

/** Statuses in which the agency still owes an answer, so a deadline is shown. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'in_progress', 'reopened'];

export type TimeLeft =
  | { kind: 'overdue' }
  | { kind: 'days'; days: number; hours: number }
  | { kind: 'hours'; hours: number; minutes: number };

/** Wall-clock time until `dueIso` (the server already placed it in working time), rounded down. */
export function timeLeft(dueIso: string, now = Date.now()): TimeLeft {
  const ms = new Date(dueIso).getTime() - now;
  if (!(ms > 0)) return { kind: 'overdue' };
  const totalMinutes = Math.floor(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  if (days > 0) return { kind: 'days', days, hours };
  return { kind: 'hours', hours, minutes: totalMinutes % 60 };
}
