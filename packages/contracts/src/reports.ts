import { z } from 'zod';
import { VietnamesePhone } from './common.ts';
import {
  MAX_REPORT_PHOTOS,
  REJECTION_REASONS,
  REPORT_LOCATION_SOURCES,
  REPORT_PHOTO_KINDS,
  REPORT_STATUSES,
  REPORT_TEXT_MAX,
} from './constants.ts';

export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** The client's key for one draft; a retry with the same key returns the report already created. */
export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
});

export const ReportLocation = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    /** Metres; required for GPS fixes. */
    // Some phones report 0 m for a very good fix; a negative accuracy is nonsense.
    accuracy: z.number().nonnegative().max(100_000).nullable().default(null),
    source: z.enum(REPORT_LOCATION_SOURCES),
  })
  .refine((l) => l.source === 'map' || l.accuracy !== null, {
    message: 'accuracy is required for GPS',
    path: ['accuracy'],
  });

export const UploadedPhoto = z.object({
  id: z.uuid(),
  width: z.number().int(),
  height: z.number().int(),
  /** The position the camera recorded, offered to the citizen when GPS is not available. */
  exifLocation: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type UploadedPhoto = z.infer<typeof UploadedPhoto>;

export const SubmitReportBody = z.object({
  categoryId: z.uuid(),
  /** Ids from POST /report-photos, in display order. */
  photoIds: z
    .array(z.uuid())
    .min(1)
    .max(MAX_REPORT_PHOTOS)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate photo' }),
  location: ReportLocation,
  /** Needed only while commune boundaries are not loaded; otherwise the location decides. */
  communeCode: z.string().trim().max(10).nullable().default(null),
  address: z.string().trim().max(300).nullable().default(null),
  description: z.string().trim().min(1).max(REPORT_TEXT_MAX),
  contactPhone: VietnamesePhone.nullable().default(null),
  hideIdentity: z.boolean().default(true),
  consent: z.literal(true),
});
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export const ReportTimelineEntry = z.object({
  at: z.string(),
  kind: z.string(),
  status: ReportStatus.nullable(),
  note: z.string().nullable(),
});

/** A report as the citizen who sent it sees it (their own contact phone included). */
export const MyReport = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ReportStatus,
  categoryId: z.uuid(),
  categoryName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  agencyName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number().nullable() }),
  contactPhone: z.string().nullable(),
  hideIdentity: z.boolean(),
  createdAt: z.string(),
  /** When the agency must have resolved it (working hours, holidays excluded); shown as a countdown. */
  resolveDueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The agency's answer, once the result is published. */
  publicAnswer: z.string().nullable(),
  rejectionReason: z.enum(REJECTION_REASONS).nullable(),
  duplicateOfCode: z.string().nullable(),
  publishedAt: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  /** Until when the reporter may rate the result or say it is not fixed; null when they cannot (now). */
  feedbackUntil: z.string().nullable(),
  /** Photos the reporter took (before) and the agency's (after); photos hidden by the dispatcher are left out. */
  photos: z.array(
    z.object({ id: z.uuid(), kind: z.enum(REPORT_PHOTO_KINDS), width: z.number(), height: z.number() }),
  ),
  timeline: z.array(ReportTimelineEntry),
});
export type MyReport = z.infer<typeof MyReport>;
