import { type CalendarExceptions, isWorkingDay, vietnamDay } from '../../shared/working-time.ts';

/**
 * When a centre can be booked: pure functions over its opening sessions, the shared working calendar and its own
 * closures. Times are Vietnam local (UTC+7, no daylight saving).
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface Session {
  weekday: number;
  starts_min: number;
  ends_min: number;
}

/** ISO weekday of a 'YYYY-MM-DD' day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of a Vietnam wall-clock time on a day. */
export function vnInstant(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE_MS - VN_OFFSET_MS);
}

export type ClosedReason = 'holiday' | 'weekend' | 'closure' | 'no_session';

/**
 * The sessions a centre opens on a day. A weekend day swapped into a working day (làm bù) works like a Monday,
 * since centres seldom define weekend sessions.
 */
export function sessionsOn(day: string, sessions: Session[], exceptions: CalendarExceptions): Session[] {
  const weekday = isoWeekday(day);
  const own = sessions.filter((s) => s.weekday === weekday);
  if (own.length === 0 && weekday >= 6 && exceptions.get(day) === true)
    return sessions.filter((s) => s.weekday === 1);
  return own;
}

/** Why a centre is closed on a day, or null when it opens. */
export function closedReason(
  day: string,
  sessions: Session[],
  exceptions: CalendarExceptions,
  closures: ReadonlySet<string>,
): ClosedReason | null {
  if (closures.has(day)) return 'closure';
  if (exceptions.get(day) === false) return 'holiday';
  // A centre that sets weekend sessions (many one-stop desks open on Saturday mornings) opens then too.
  if (sessionsOn(day, sessions, exceptions).length > 0) return null;
  return isWorkingDay(day, exceptions) ? 'no_session' : 'weekend';
}

/** Whether `now` falls in one of the centre's opening sessions of `day` (the day must be open). */
export function inSession(
  now: Date,
  day: string,
  sessions: Session[],
  exceptions: CalendarExceptions,
): boolean {
  return sessionsOn(day, sessions, exceptions).some(
    (s) => vnInstant(day, s.starts_min) <= now && now < vnInstant(day, s.ends_min),
  );
}

/** The slots of a day: each session cut into `slotMinutes` pieces; a piece that does not fit is dropped. */
export function slotsOfDay(
  day: string,
  sessions: Session[],
  exceptions: CalendarExceptions,
  slotMinutes: number,
): { startsAt: Date; endsAt: Date }[] {
  const out: { startsAt: Date; endsAt: Date }[] = [];
  for (const s of sessionsOn(day, sessions, exceptions).sort((a, b) => a.starts_min - b.starts_min)) {
    for (let m = s.starts_min; m + slotMinutes <= s.ends_min; m += slotMinutes) {
      out.push({ startsAt: vnInstant(day, m), endsAt: vnInstant(day, m + slotMinutes) });
    }
  }
  return out;
}

/** The next `count` open days from today (Vietnam day of `now`) on, looking at most 120 days ahead. */
export function openDays(now: Date, count: number, isOpen: (day: string) => boolean): string[] {
  const days: string[] = [];
  let day = vietnamDay(now);
  for (let i = 0; i < 120 && days.length < count; i++, day = addDays(day, 1)) if (isOpen(day)) days.push(day);
  return days;
}
