import type {
  RejectionReason,
  ReportPriority,
  ReportStatus,
  StaffNotification,
  StaffReportAction,
} from '@dltt/contracts';

/*
 * Local mirrors of the report constants in @dltt/contracts (see app/domain.ts for why they are not
 * imported): each `Record<Union, ...>` makes tsc fail when the contract gains or loses a member.
 */

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
export const REPORT_STATUSES = Object.keys(STATUS_TONE) as ReportStatus[];
export function statusTone(status: ReportStatus): 'warn' | 'info' | 'on' | 'off' {
  return STATUS_TONE[status];
}

/** Statuses in which a report waits to be accepted (the rows the inbox lets you accept in bulk). */
const AWAITING_ACCEPTANCE: readonly ReportStatus[] = ['submitted', 'reopened'];
export function awaitsAcceptance(status: ReportStatus): boolean {
  return AWAITING_ACCEPTANCE.includes(status);
}
/** Statuses in which the resolve deadline runs. */
const RESOLVING: readonly ReportStatus[] = ['accepted', 'in_progress'];
export function isResolving(status: ReportStatus): boolean {
  return RESOLVING.includes(status);
}

const PRIORITY_SET: Record<ReportPriority, true> = { urgent: true, normal: true, complex: true };
export const REPORT_PRIORITIES = Object.keys(PRIORITY_SET) as ReportPriority[];

const REJECTION_REASON_SET: Record<RejectionReason, true> = {
  duplicate: true,
  out_of_scope: true,
  invalid: true,
  insufficient_information: true,
};
export const REJECTION_REASONS = Object.keys(REJECTION_REASON_SET) as RejectionReason[];

const NOTIFICATION_KIND_SET: Record<StaffNotification['kind'], true> = {
  overdue: true,
  escalated: true,
  assigned: true,
  returned: true,
  reopened: true,
};
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_SET) as StaffNotification['kind'][];

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

/** ReportCode in the contract: PA-<year>-<at least 6 digits>. */
export const REPORT_CODE_PATTERN = /^PA-\d{4}-\d{6,}$/;

/** MAX_REPORT_PHOTOS in the contract; the server enforces it (TOO_MANY_PHOTOS). */
export const MAX_AFTER_PHOTOS = 5;

/** Report texts (answers, notes, reasons) in the contract are 1..4000 characters. */
export const NOTE_MAX = 4000;

/**
 * Event kinds the server writes (report-handling.service.ts), which the console has names for; a kind
 * not listed here is shown by the status it led to, or as its code.
 */
export const EVENT_KINDS = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'answer',
  'rejected',
  'published',
  'returned',
  'transferred',
  'transfer_reason',
  'assigned',
  'note',
  'photo_added',
  'photo_deleted',
  'reopened',
  'rated',
  'overdue',
  'escalated',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export function isEventKind(kind: string): kind is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(kind);
}
export function isReportStatus(value: string | null): value is ReportStatus {
  return value !== null && (REPORT_STATUSES as readonly string[]).includes(value);
}
