/**
 * Working-time arithmetic for deadlines, in Vietnam time (UTC+7, no daylight saving). A working day has
 * two sessions, 07:30-11:30 and 13:00-17:00: 8 working hours. Weekends are off unless swapped in;
 * holidays are off. Pure functions: the calendar's exceptions come in as a map.
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const SESSIONS_MIN: readonly (readonly [number, number])[] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];
export { WORKING_HOURS_PER_DAY } from '@dltt/contracts/constants';

/** Exceptions to Monday-Friday: 'YYYY-MM-DD' -> working (true) or not (false). */
export type CalendarExceptions = ReadonlyMap<string, boolean>;

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const exception = exceptions.get(day);
  if (exception !== undefined) return exception;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The Vietnam calendar day of an instant, as 'YYYY-MM-DD'. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant when `hours` working hours have passed since `start`. Time outside sessions does not count:
 * a report sent on Friday evening with 8 hours starts counting on Monday 07:30 and is due Monday 17:00.
 */
export function addWorkingHours(start: Date, hours: number, exceptions: CalendarExceptions): Date {
  if (!(hours >= 0)) throw new RangeError(`hours must be >= 0, got ${hours}`);
  let remaining = Math.round(hours * 60);
  // Work on "wall-clock" milliseconds: Vietnam local time expressed as if it were UTC.
  let t = start.getTime() + VN_OFFSET_MS;
  for (let days = 0; days < 3660; days++) {
    const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
    if (isWorkingDay(new Date(dayStart).toISOString().slice(0, 10), exceptions)) {
      for (const [from, to] of SESSIONS_MIN) {
        const sessionEnd = dayStart + to * MINUTE_MS;
        if (t >= sessionEnd) continue;
        const begin = Math.max(t, dayStart + from * MINUTE_MS);
        const available = (sessionEnd - begin) / MINUTE_MS;
        if (remaining <= available) return new Date(begin + remaining * MINUTE_MS - VN_OFFSET_MS);
        remaining -= available;
        t = sessionEnd;
      }
    }
    t = dayStart + DAY_MS;
  }
  throw new RangeError('deadline more than ten years away');
}

/** Working hours between two instants (0 when `end` is not after `start`). */
export function workingHoursBetween(start: Date, end: Date, exceptions: CalendarExceptions): number {
  let minutes = 0;
  let t = start.getTime() + VN_OFFSET_MS;
  const stop = end.getTime() + VN_OFFSET_MS;
  while (t < stop) {
    const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
    if (isWorkingDay(new Date(dayStart).toISOString().slice(0, 10), exceptions)) {
      for (const [from, to] of SESSIONS_MIN) {
        const begin = Math.max(t, dayStart + from * MINUTE_MS);
        const finish = Math.min(stop, dayStart + to * MINUTE_MS);
        if (finish > begin) minutes += (finish - begin) / MINUTE_MS;
      }
    }
    t = dayStart + DAY_MS;
  }
  return minutes / 60;
}
