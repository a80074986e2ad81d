import type { CategoryDeadlines } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { WORKING_HOURS_PER_DAY } from '../../app/domain.ts';
import { formatNumber } from '../../components/format.ts';

/** Working hours as working days, e.g. 12 -> "1,5" in Vietnamese. */
export function workingDays(hours: number): string {
  return formatNumber(hours / WORKING_HOURS_PER_DAY, 2);
}

/** "1,5 ngày", "1 day", "2 days": working hours as days, in words with the language's plural. */
export function daysText(hours: number, t: TFunction): string {
  return t('categories.days', { count: hours / WORKING_HOURS_PER_DAY, days: workingDays(hours) });
}

export type Priority = keyof CategoryDeadlines;
export type DeadlineField = keyof CategoryDeadlines[Priority];

// A Record literal rather than a list, so tsc fails when the contract gains or loses a priority.
const PRIORITY_SET: Record<Priority, true> = { urgent: true, normal: true, complex: true };
/** In the order the dialog shows them, most pressing first. */
export const PRIORITIES = Object.keys(PRIORITY_SET) as Priority[];
export const DEADLINE_FIELDS: readonly DeadlineField[] = ['acceptHours', 'resolveHours'];

/** The bounds of DeadlinePair's hours in the contract. */
export const DEADLINE_HOURS = { min: 1, max: 2000 } as const;

/** The inputs as typed, per priority and field. */
export type DeadlinesDraft = Record<Priority, Record<DeadlineField, string>>;

/** Field errors keyed "normal.resolveHours": the server's issue paths without "body.", so both land alike. */
export type DeadlineErrors = Partial<Record<string, string>>;

export const fieldKey = (priority: Priority, field: DeadlineField) => `${priority}.${field}`;

export function toDeadlinesDraft(view: CategoryDeadlines): DeadlinesDraft {
  const pair = (p: Priority) => ({
    acceptHours: String(view[p].acceptHours),
    resolveHours: String(view[p].resolveHours),
  });
  return { urgent: pair('urgent'), normal: pair('normal'), complex: pair('complex') };
}

/** A whole number of hours within the contract's bounds, else null. */
export function parseHours(value: string): number | null {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= DEADLINE_HOURS.min && n <= DEADLINE_HOURS.max ? n : null;
}

/**
 * The contract's bounds, and one rule it leaves to us: a report cannot be due for resolution before it is
 * due for acceptance.
 */
export function validateDeadlines(draft: DeadlinesDraft, t: TFunction): DeadlineErrors {
  const errors: DeadlineErrors = {};
  for (const p of PRIORITIES) {
    const accept = parseHours(draft[p].acceptHours);
    const resolve = parseHours(draft[p].resolveHours);
    if (accept === null) errors[fieldKey(p, 'acceptHours')] = t('validation.integerRange', DEADLINE_HOURS);
    if (resolve === null) errors[fieldKey(p, 'resolveHours')] = t('validation.integerRange', DEADLINE_HOURS);
    else if (accept !== null && resolve < accept) {
      errors[fieldKey(p, 'resolveHours')] = t('categoryDeadlines.resolveBeforeAccept', { count: accept });
    }
  }
  return errors;
}

/** The PUT body, or null while any hours are not a whole number within the bounds. */
export function toDeadlinesBody(draft: DeadlinesDraft): CategoryDeadlines | null {
  const pair = (p: Priority) => {
    const acceptHours = parseHours(draft[p].acceptHours);
    const resolveHours = parseHours(draft[p].resolveHours);
    return acceptHours === null || resolveHours === null ? null : { acceptHours, resolveHours };
  };
  const urgent = pair('urgent');
  const normal = pair('normal');
  const complex = pair('complex');
  return urgent && normal && complex ? { urgent, normal, complex } : null;
}
