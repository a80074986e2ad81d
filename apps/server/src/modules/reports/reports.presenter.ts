import { FEEDBACK_DAYS, type MyReport, ReportStatus } from '@dltt/contracts';
import { isOverdue } from './report-workflow.ts';
import type { ReportEventRow, ReportRow, SubmittedPhotoRow } from './reports.repository.ts';

/** Until when the reporter may rate or reopen a published result; null when that time is over. */
export function feedbackUntil(
  row: Pick<ReportRow, 'status' | 'published_at' | 'rating'>,
  now: Date,
): Date | null {
  if (row.status !== 'published' || !row.published_at) return null;
  const until = new Date(row.published_at.getTime() + FEEDBACK_DAYS * 86_400_000);
  return until.getTime() > now.getTime() ? until : null;
}

/**
 * The report as its own reporter sees it: their contact phone is theirs to see; the agency's answer only once
 * it is published (after the dispatcher's review); photos the dispatcher hid are left out.
 */
export function presentMyReport(
  row: ReportRow,
  events: ReportEventRow[],
  photos: SubmittedPhotoRow[],
  now: Date,
): MyReport {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    categoryId: row.category_id,
    categoryName: row.category_name,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    agencyName: row.agency_name,
    description: row.description,
    address: row.address_text,
    location: { lat: row.lat, lng: row.lng, accuracy: row.accuracy_m },
    contactPhone: row.contact_phone,
    hideIdentity: row.hide_identity,
    createdAt: row.created_at.toISOString(),
    resolveDueAt: row.resolve_due_at?.toISOString() ?? null,
    overdue: isOverdue(row, now),
    publicAnswer: row.status === 'published' ? row.public_answer : null,
    rejectionReason: row.rejection_reason,
    duplicateOfCode: row.duplicate_of_code,
    publishedAt: row.published_at?.toISOString() ?? null,
    rating: row.rating,
    feedbackUntil: row.rating === null ? (feedbackUntil(row, now)?.toISOString() ?? null) : null,
    photos: photos
      .filter((p) => !p.hidden && (p.kind === 'before' || row.status === 'published'))
      .map((p) => ({ id: p.id, kind: p.kind, width: p.width, height: p.height })),
    timeline: events.map((e) => {
      const status = ReportStatus.safeParse(e.to_status);
      return {
        at: e.at.toISOString(),
        kind: e.kind,
        status: status.success ? status.data : null,
        note: e.note,
      };
    }),
  };
}
