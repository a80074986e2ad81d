import { currentLanguage } from '../../i18n/index.ts';

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

// The contract's constants, from its zod-free module (the phone gets no schema library).
export {
  MAX_REPORT_PHOTOS,
  OPEN_REPORT_STATUSES as OPEN_STATUSES,
  REPORT_STATUSES,
} from '@dltt/contracts/constants';

export type TimeLeft =
  | { kind: 'overdue' }
  | { kind: 'days'; days: number; hours: number }
  | { kind: 'hours'; hours: number; minutes: number };

/** Wall-clock time until `dueIso` (the server already placed it in working time), rounded down. */
export function timeLeft(dueIso: string, now = Date.now()): TimeLeft {
  const ms = new Date(dueIso).getTime() - now;
  if (!(ms > 0)) return { kind: 'overdue' };
  const totalMinutes = Math.floor(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  if (days > 0) return { kind: 'days', days, hours };
  return { kind: 'hours', hours, minutes: totalMinutes % 60 };
}

/** "Phú Xuân" matches "phu xuan": search ignores case and Vietnamese marks. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

// The server's own rule (a small file without zod), so the form never accepts what the server refuses.
export { isVietnamesePhone } from '@dltt/contracts/phone';
