/** A wall-clock time in Vietnam (UTC+7, no daylight saving) as an instant: `vn('2026-09-03', '07:40')`. */
export const vn = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+07:00`);
