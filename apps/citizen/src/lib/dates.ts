/** Dates as the citizen reads them, in the province's time zone and the app's language. */
import { currentLanguage } from '../i18n/index.ts';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'vi-VN');
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** 05/03/2026 */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** 14:05, 05/03/2026 */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(locale(), {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: TIME_ZONE,
  }).format(date);
  return `${time}, ${formatDate(iso)}`;
}
