import type { ReportStatus, StaffReportAction } from '@dltt/contracts';
import {
  AWAITING_ACCEPTANCE_STATUSES,
  OPEN_REPORT_STATUSES,
  REPORT_EVENT_KINDS,
  REPORT_STATUSES,
} from '@dltt/contracts/constants';

/* The report constants come from @dltt/contracts/constants (no zod, see app/domain.ts). */
export {
  MAX_AFTER_PHOTOS,
  REJECTION_REASONS,
  REPORT_CODE_PATTERN,
  REPORT_PRIORITIES,
  REPORT_STATUSES,
  REPORT_TEXT_MAX as NOTE_MAX,
  STAFF_NOTIFICATION_KINDS as NOTIFICATION_KINDS,
} from '@dltt/contracts/constants';

/** The badge style of each status: waiting for the agency, being worked on, done, or closed without a result. */
const STATUS_TONE: Record<ReportStatus, 'warn' | 'info' | 'on' | 'off'> = {
  submitted: 'warn',
  accepted: 'info',
  in_progress: 'info',
  resolved: 'warn',
  published: 'on',
  rejected: 'off',
  reopened: 'warn',
};
export function statusTone(status: ReportStatus): 'warn' | 'info' | 'on' | 'off' {
  return STATUS_TONE[status];
}

/** The report waits to be accepted (the rows the inbox lets you accept in bulk). */
export function awaitsAcceptance(status: ReportStatus): boolean {
  return AWAITING_ACCEPTANCE_STATUSES.includes(status);
}
/** The report was accepted and its result is still owed: the resolve deadline runs. */
export function isResolving(status: ReportStatus): boolean {
  return OPEN_REPORT_STATUSES.includes(status) && !awaitsAcceptance(status);
}

/** The order of the action buttons on a report (the main step first, then the side ones). */
const ACTION_ORDER: Record<StaffReportAction, number> = {
  accept: 1,
  start: 2,
  resolve: 3,
  publish: 4,
  return: 5,
  assign: 6,
  transfer: 7,
  reject: 8,
  addPhoto: 90,
  note: 91,
};
export function sortedActions(actions: readonly StaffReportAction[]): StaffReportAction[] {
  return [...actions].sort((a, b) => ACTION_ORDER[a] - ACTION_ORDER[b]);
}

/**
 * Event kinds the server writes, which the console has names for; a kind not listed is shown by the status it
 * led to, or as its code.
 */
export const EVENT_KINDS = REPORT_EVENT_KINDS;
export type EventKind = (typeof EVENT_KINDS)[number];
export function isEventKind(kind: string): kind is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(kind);
}
export function isReportStatus(value: string | null): value is ReportStatus {
  return value !== null && (REPORT_STATUSES as readonly string[]).includes(value);
}
