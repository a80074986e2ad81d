import { currentLanguage } from '../i18n/index.ts';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat;

const cache = new Map<string, Formatter>();

function formatter<T extends Formatter>(name: string, make: (locale: string) => T): T {
  const locale = currentLanguage() === 'en' ? 'en-GB' : 'vi-VN';
  const key = `${name}:${locale}`;
  let found = cache.get(key);
  if (!found) {
    found = make(locale);
    cache.set(key, found);
  }
  return found as T;
}

const dateOf = () =>
  formatter(
    'date',
    (l) =>
      new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
  );
const timeOf = (seconds: boolean) =>
  formatter(
    seconds ? 'time-s' : 'time',
    (l) =>
      new Intl.DateTimeFormat(l, {
        timeZone: TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
      }),
  );

/** "25/11/2026 18:02:36" in Vietnam time (the province's clock, whatever the browser's zone). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${dateOf().format(date)} ${timeOf(true).format(date)}`;
}

/** "25/11/2026 18:02" in Vietnam time (deadlines: the seconds add nothing). */
export function formatDateTimeShort(iso: string): string {
  const date = new Date(iso);
  return `${dateOf().format(date)} ${timeOf(false).format(date)}`;
}

/** "18:02" in Vietnam time. */
export function formatTime(iso: string): string {
  return timeOf(false).format(new Date(iso));
}

export function formatNumber(value: number, maxFractionDigits = 2): string {
  return formatter(
    `number-${maxFractionDigits}`,
    (l) => new Intl.NumberFormat(l, { maximumFractionDigits: maxFractionDigits }),
  ).format(value);
}

/** "20/11/2026" in Vietnam time. */
export function formatDate(iso: string): string {
  return dateOf().format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
];

/**
 * "sau 3 giờ nữa" / "2 ngày trước": the distance from now in the largest unit that keeps it readable
 * (minutes under an hour, hours under two days, then days).
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const [unit, size] = abs < 3_600_000 ? UNITS[0]! : abs < 2 * 86_400_000 ? UNITS[1]! : UNITS[2]!;
  const rtf = formatter('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always' }));
  // Never "0 minutes": a deadline a few seconds away reads as one minute.
  const amount = Math.round(diff / size) || (diff < 0 ? -1 : 1);
  return rtf.format(amount, unit);
}

/** A calendar day "2026-09-02" as the province reads it: "02/09/2026". */
export function formatDay(day: string): string {
  return dateOf().format(new Date(`${day}T12:00:00+07:00`));
}

/** The weekday of a calendar day: "Thứ Tư" / "Wednesday". */
export function formatWeekday(day: string): string {
  return formatter(
    'weekday',
    (l) => new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, weekday: 'long' }),
  ).format(new Date(`${day}T12:00:00+07:00`));
}

/** The current year in Vietnam. */
export function currentYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(new Date()));
}
