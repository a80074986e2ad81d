import type { Booking } from '@dltt/contracts';
import type { TFunction } from 'i18next';

/**
 * Dates and times of appointments, always in Vietnam time whatever the phone's own zone: Asia/Ho_Chi_Minh is
 * UTC+7 all year (no daylight saving since 1975), as the server's schedule assumes. A fixed offset is exact
 * here and avoids shipping or trusting a time-zone database.
 */
const VN_OFFSET_MS = 7 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The Vietnam calendar day 'YYYY-MM-DD' and wall-clock time 'HH:MM' of an instant. */
export function vietnamParts(iso: string): { day: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
  return {
    day: shifted.toISOString().slice(0, 10),
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

/** '07:30' */
export const timeOf = (iso: string) => vietnamParts(iso).time;

/** ISO weekday of a 'YYYY-MM-DD' day: 1 = Monday ... 7 = Sunday (the numbering of the centre's sessions). */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** '26/11' */
export const shortDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** '26/11/2026' */
export const longDate = (day: string) => `${shortDate(day)}/${day.slice(0, 4)}`;

/** 'Thứ Năm' */
export const weekdayName = (day: string, t: TFunction) =>
  t(`appointments.weekdays.${isoWeekday(day)}` as 'appointments.weekdays.1');

/** 'Thứ Năm, 26/11/2026' */
export const dayLabel = (day: string, t: TFunction) => `${weekdayName(day, t)}, ${longDate(day)}`;

/** '07:30 – 07:45' */
export const timeRange = (startsAt: string, endsAt: string) => `${timeOf(startsAt)} – ${timeOf(endsAt)}`;

/** '07:30, Thứ Năm, 26/11/2026': a whole appointment time in one line. */
export const whenLabel = (startsAt: string, t: TFunction) =>
  `${timeOf(startsAt)}, ${dayLabel(vietnamParts(startsAt).day, t)}`;

/** The end of a slot that starts at `startsAt` and lasts `minutes`. */
export const plusMinutes = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** A booking still ahead of the person (to come to), as opposed to one used, missed, cancelled or over. */
export const isUpcoming = (booking: Booking, now = Date.now()) =>
  booking.status === 'confirmed' && new Date(booking.endsAt).getTime() > now;

export const BOOKING_STATUS_CLASS: Record<Booking['status'], string> = {
  confirmed: 'appt-status-ok',
  checked_in: 'appt-status-done',
  cancelled: 'appt-status-off',
  no_show: 'appt-status-off',
};
