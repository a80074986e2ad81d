import { currentLanguage } from '../i18n';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  name: string,
  make: (locale: string) => T,
): T {
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
