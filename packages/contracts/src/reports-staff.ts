import { z } from 'zod';
import {
  REJECTION_REASONS,
  REPORT_CODE_PATTERN,
  REPORT_EVENT_VISIBILITIES,
  REPORT_PHOTO_KINDS,
  REPORT_PRIORITIES,
  REPORT_TEXT_MAX,
  STAFF_NOTIFICATION_KINDS,
  STAFF_REPORT_ACTIONS,
} from './constants.ts';
import { ReportStatus } from './reports.ts';

/** Handling of field reports in the console: inbox, detail, transitions, templates. */

export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const ReportPriority = z.enum(REPORT_PRIORITIES);
export type ReportPriority = z.infer<typeof ReportPriority>;

export const ReportCode = z.string().regex(REPORT_CODE_PATTERN);
export const ReportCodeParams = z.object({ code: ReportCode });

export const StaffReportPhoto = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_PHOTO_KINDS),
  width: z.number(),
  height: z.number(),
  /** Hidden from the public (and the reporter) by the dispatcher: it shows personal data. */
  hidden: z.boolean(),
});
export type StaffReportPhoto = z.infer<typeof StaffReportPhoto>;

export const StaffReportEvent = z.object({
  at: z.string(),
  actorType: z.enum(['citizen', 'staff', 'system']),
  /** The staff member's full name; null for citizens (never identified here) and the system. */
  actorName: z.string().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  visibility: z.enum(REPORT_EVENT_VISIBILITIES),
});
export type StaffReportEvent = z.infer<typeof StaffReportEvent>;

/** One row of the inbox. */
export const StaffReportSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ReportStatus,
  priority: ReportPriority,
  categoryId: z.uuid(),
  categoryName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  assignedOfficerId: z.uuid().nullable(),
  assignedOfficerName: z.string().nullable(),
  /** The first 200 characters. */
  excerpt: z.string(),
  createdAt: z.string(),
  acceptDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  /** Past the deadline that applies now (accepting while submitted/reopened, resolving until resolved). */
  overdue: z.boolean(),
  /** The first before-photo, for a thumbnail. */
  thumbnailPhotoId: z.uuid().nullable(),
});
export type StaffReportSummary = z.infer<typeof StaffReportSummary>;

/** A report as the staff of the handling agency (or the dispatcher) see it. */
export const StaffReport = StaffReportSummary.omit({ excerpt: true, thumbnailPhotoId: true }).extend({
  description: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number().nullable() }),
  /** For following up with the reporter; never shown publicly. */
  contactPhone: z.string().nullable(),
  /** The name and e-mail an Open311 client sent with the request (first_name + last_name, email); never public. */
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  /** The Open311 client (API key holder) that filed the report; null for reports from the app. */
  filedVia: z.string().nullable(),
  hideIdentity: z.boolean(),
  publicAnswer: z.string().nullable(),
  rejectionReason: RejectionReason.nullable(),
  duplicateOfCode: z.string().nullable(),
  requiresAfterPhoto: z.boolean(),
  rating: z.number().int().nullable(),
  reopenCount: z.number().int(),
  photos: z.array(StaffReportPhoto),
  events: z.array(StaffReportEvent),
  /** What the caller may do now, so the console shows only the buttons that will work. */
  actions: z.array(z.enum(STAFF_REPORT_ACTIONS)),
});
export type StaffReport = z.infer<typeof StaffReport>;
export type StaffReportAction = StaffReport['actions'][number];

export const StaffReportListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: ReportStatus.optional(),
  categoryId: z.uuid().optional(),
  communeCode: z.string().max(10).optional(),
  /** Only for those who see every agency (dispatcher, admin); others always see their own agency. */
  agencyId: z.uuid().optional(),
  assignedOfficerId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Diacritic-insensitive search in the code, the description and the address. */
  q: z.string().trim().max(100).optional(),
  /** `deadline`: the most urgent first (overdue at the top); `newest`: the latest first. */
  sort: z.enum(['deadline', 'newest']).default('deadline'),
});
export type StaffReportListQuery = z.infer<typeof StaffReportListQuery>;

/** The inbox's live stream: `since` is the moment the officer last looked (the server's time, from `at`). */
export const InboxStreamQuery = z.object({ since: z.iso.datetime({ offset: true }).optional() });
export type InboxStreamQuery = z.infer<typeof InboxStreamQuery>;

/**
 * One event of the inbox stream: something changed among the reports the caller may handle. It carries only
 * counts of the caller's own scope; the inbox re-reads its page to see what.
 */
export const InboxPulse = z.object({
  /** The server's time when this was read: the next `since` once the officer has seen the new ones. */
  at: z.iso.datetime(),
  /** Reports filed into the caller's scope after `since` (0 without one). */
  newCount: z.number().int().min(0),
});
export type InboxPulse = z.infer<typeof InboxPulse>;

const Note = z.string().trim().min(1).max(REPORT_TEXT_MAX);
export const ReportActionBodies = {
  accept: z.object({ note: Note.optional(), priority: ReportPriority.optional() }),
  start: z.object({ note: Note.optional() }),
  resolve: z.object({ publicAnswer: Note }),
  reject: z
    .object({ reason: RejectionReason, duplicateOfCode: ReportCode.optional(), publicNote: Note })
    .refine((b) => b.reason !== 'duplicate' || b.duplicateOfCode, {
      message: 'duplicateOfCode is required',
      path: ['duplicateOfCode'],
    }),
  publish: z.object({ hiddenPhotoIds: z.array(z.uuid()).max(20).default([]) }),
  /** The dispatcher sends a resolution back to the agency. */
  return: z.object({ note: Note }),
  transfer: z.object({ agencyId: z.uuid(), reason: Note }),
  assign: z.object({ officerId: z.uuid().nullable() }),
  note: z.object({ note: Note, visibility: z.enum(REPORT_EVENT_VISIBILITIES) }),
};
export type AcceptBody = z.infer<typeof ReportActionBodies.accept>;
export type RejectBody = z.infer<typeof ReportActionBodies.reject>;
export type PublishBody = z.infer<typeof ReportActionBodies.publish>;
export type TransferBody = z.infer<typeof ReportActionBodies.transfer>;
export type NoteBody = z.infer<typeof ReportActionBodies.note>;

export const BulkAcceptBody = z.object({ codes: z.array(ReportCode).min(1).max(100) });
export const BulkAcceptResult = z.object({
  accepted: z.array(z.string()),
  failed: z.array(z.object({ code: z.string(), error: z.string(), message: z.string() })),
});
export type BulkAcceptResult = z.infer<typeof BulkAcceptResult>;

/** An officer the report can be assigned to. */
export const Assignee = z.object({ id: z.uuid(), fullName: z.string(), role: z.string() });
export type Assignee = z.infer<typeof Assignee>;

export const ResponseTemplate = z.object({
  id: z.uuid(),
  categoryId: z.uuid().nullable(),
  title: z.string(),
  body: z.string(),
});
export type ResponseTemplate = z.infer<typeof ResponseTemplate>;

export const ResponseTemplateBody = z.object({
  /** null: usable for every category. */
  categoryId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(REPORT_TEXT_MAX),
});
export type ResponseTemplateBody = z.infer<typeof ResponseTemplateBody>;

/** A console notification for staff: a report became overdue or was escalated. */
export const StaffNotification = z.object({
  id: z.uuid(),
  kind: z.enum(STAFF_NOTIFICATION_KINDS),
  reportCode: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type StaffNotification = z.infer<typeof StaffNotification>;

export const StaffNotificationPage = z.object({
  items: z.array(StaffNotification),
  total: z.number().int(),
  /** Unread among all of them, not only this page. */
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StaffNotificationPage = z.infer<typeof StaffNotificationPage>;
