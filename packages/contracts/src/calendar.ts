import { z } from 'zod';
import { CALENDAR_DAY_SOURCES } from './constants.ts';

/** The working calendar that deadlines are counted in: holidays and working weekend days (modules/calendar). */

export const CalendarDay = z.object({
  day: z.string(),
  working: z.boolean(),
  name: z.string(),
  source: z.enum(CALENDAR_DAY_SOURCES),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const SetCalendarDayBody = z.object({ working: z.boolean(), name: z.string().trim().min(1).max(120) });
export type SetCalendarDayBody = z.infer<typeof SetCalendarDayBody>;
