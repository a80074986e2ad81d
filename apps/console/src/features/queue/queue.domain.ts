import type { Ticket } from '@dltt/contracts';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '@dltt/contracts/constants';
import { ApiError } from '../../lib/api-error.ts';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;

/** Today in Vietnam, "YYYY-MM-DD" (the province's calendar, whatever the browser's zone). */
export function vietnamToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar day moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** "04:07" for 247 seconds; hours only when needed ("1:02:03"). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

// The characters of booking codes (no I, O, 0 or 1): the kiosk's keypad offers only these.
export { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH };

/** What someone types or a scanner reads, as the server expects it: upper case letters and digits only. */
export function cleanCode(value: string): string {
  return value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, BOOKING_CODE_LENGTH);
}

/** Shortest and longest code taken from a scan. */
const SCANNED_CODE_LENGTH = [4, 40] as const;

/**
 * The code in what was scanned (camera or a keyboard-like reader): the whole text, or the last part of a link,
 * in upper case letters and digits. The kiosk sends it as it is: the server knows which codes exist (bookings
 * today; other kinds of numbers may follow). Null when nothing in it looks like a code.
 */
export function codeFromQr(raw: string): string | null {
  const lastPart =
    raw
      .trim()
      .split(/[/?#=]/)
      .filter(Boolean)
      .pop() ?? '';
  const code = lastPart.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return code.length >= SCANNED_CODE_LENGTH[0] && code.length <= SCANNED_CODE_LENGTH[1] ? code : null;
}

/** The booked slot's start of a ticket from an appointment (null for walk-ins). */
export function slotStartOf(ticket: Ticket): string | null {
  return ticket.slotStartsAt;
}

/** "A 0 1 5": the number spelled out, so a Vietnamese voice reads "A không một năm" like the screen. */
export function spokenNumber(display: string): string {
  return display.split('').join(' ');
}

export function hasCode(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}

/** `details.from` of CHECK_IN_TOO_EARLY: when check-in opens. */
export function checkInOpensAt(error: unknown): string | null {
  if (!hasCode(error, 'CHECK_IN_TOO_EARLY')) return null;
  const details: unknown = error.details;
  if (typeof details !== 'object' || details === null || !('from' in details)) return null;
  return typeof details.from === 'string' ? details.from : null;
}
