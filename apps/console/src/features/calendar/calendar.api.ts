import type { CalendarDay, SetCalendarDayBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export const calendarApi = {
  list: (year: number, signal?: AbortSignal) =>
    api<CalendarDay[]>('GET', '/calendar-days', { query: { year }, signal }),
  /** Makes `day` (YYYY-MM-DD) a day off (working=false) or a swapped working day (working=true). */
  set: (day: string, body: SetCalendarDayBody) =>
    api<CalendarDay>('PUT', `/calendar-days/${encodeURIComponent(day)}`, { body }),
  remove: (day: string) => api<{ ok: true }>('DELETE', `/calendar-days/${encodeURIComponent(day)}`),
};
