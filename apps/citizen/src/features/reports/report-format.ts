// The contract's constants, from its zod-free module (the phone gets no schema library).
export {
  MAX_REPORT_PHOTOS,
  OPEN_REPORT_STATUSES as OPEN_STATUSES,
  REPORT_STATUSES,
} from '@dltt/contracts/constants';

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
