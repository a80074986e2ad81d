import { z } from 'zod';
import { REPORT_PHOTO_KINDS } from './constants.ts';
import { ReportStatus } from './reports.ts';

/**
 * Field reports as anyone may see them: published results, and open reports near a place (duplicate check).
 * Never the reporter's name, phone, account or device.
 */
export const PublicReport = z.object({
  code: z.string(),
  status: ReportStatus,
  categoryId: z.uuid(),
  categoryName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  agencyName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  rating: z.number().int().nullable(),
  /** Visible photos; fetch them from /public/report-photos/{id}/{full|thumb}. */
  photos: z.array(
    z.object({ id: z.uuid(), kind: z.enum(REPORT_PHOTO_KINDS), width: z.number(), height: z.number() }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      status: ReportStatus.nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type PublicReport = z.infer<typeof PublicReport>;

export const PublicReportListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  categoryId: z.uuid().optional(),
  communeCode: z.string().max(10).optional(),
  status: ReportStatus.optional(),
  /** Map view: only reports inside `minLng,minLat,maxLng,maxLat`. */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
    .optional(),
});
export type PublicReportListQuery = z.infer<typeof PublicReportListQuery>;

/** Open reports of a category near a point (about 200 m, last 30 days): "Có phải sự việc này?" */
export const NearbyReportsQuery = z.object({
  categoryId: z.uuid(),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type NearbyReportsQuery = z.infer<typeof NearbyReportsQuery>;

export const NearbyReport = PublicReport.omit({ timeline: true, publicAnswer: true, rating: true }).extend({
  distanceM: z.number(),
  /** The asking citizen filed it themselves (nothing to follow; "already sent"). */
  mine: z.boolean(),
});
export type NearbyReport = z.infer<typeof NearbyReport>;

/** The reporter's verdict on a published result, within FEEDBACK_DAYS days. */
export const RateReportBody = z.object({ rating: z.number().int().min(1).max(5) });
export const NotFixedBody = z.object({ note: z.string().trim().min(1).max(2000) });

export const CitizenNotification = z.object({
  id: z.uuid(),
  /** The report it is about; null for a queue notification. */
  reportCode: z.string().nullable(),
  /**
   * For reports: the status the report moved to, or `note` for a public note from the agency.
   * For the queue: `queue_soon` (3 or fewer people ahead) or `queue_called` (go to the counter).
   */
  kind: z.string(),
  /** The queue ticket it is about (live page /tickets/{id}); null for report updates. */
  ticketId: z.uuid().nullable(),
  ticketDisplay: z.string().nullable(),
  counterNumber: z.number().int().nullable(),
  status: ReportStatus.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
  /** About the citizen's own report (else one they follow). */
  mine: z.boolean(),
});
export type CitizenNotification = z.infer<typeof CitizenNotification>;

export const CitizenNotificationPage = z.object({
  items: z.array(CitizenNotification),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CitizenNotificationPage = z.infer<typeof CitizenNotificationPage>;
