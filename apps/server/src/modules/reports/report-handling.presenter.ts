import type { Role, StaffReport, StaffReportSummary } from '@dltt/contracts';
import type { ReporterContactRow, StaffEventRow, StaffReportRow } from './report-handling.repository.ts';
import type { ReportPhotoRow } from './report-photos.repository.ts';
import { availableActions, isOverdue } from './report-workflow.ts';

export function presentStaffReportSummary(row: StaffReportRow, now: Date): StaffReportSummary {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    priority: row.priority,
    categoryId: row.category_id,
    categoryName: row.category_name,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    assignedOfficerId: row.assigned_officer_id,
    assignedOfficerName: row.assigned_officer_name,
    excerpt: row.description.slice(0, 200),
    createdAt: row.created_at.toISOString(),
    acceptDueAt: row.accept_due_at?.toISOString() ?? null,
    resolveDueAt: row.resolve_due_at?.toISOString() ?? null,
    overdue: isOverdue(row, now),
    thumbnailPhotoId: row.thumbnail_photo_id,
  };
}

/**
 * The full report for the handling agency (only staff who may handle it reach this). Staff see the contact phone
 * and what an Open311 client sent about the reporter (name, e-mail, which client); never the citizen's account.
 */
export function presentStaffReport(
  row: StaffReportRow,
  reporter: ReporterContactRow,
  events: StaffEventRow[],
  photos: ReportPhotoRow[],
  role: Role,
  now: Date,
): StaffReport {
  const { excerpt: _excerpt, thumbnailPhotoId: _thumb, ...summary } = presentStaffReportSummary(row, now);
  return {
    ...summary,
    description: row.description,
    address: row.address_text,
    location: { lat: row.lat, lng: row.lng, accuracy: row.accuracy_m },
    contactPhone: row.contact_phone,
    reporterName: reporter.reporter_name,
    reporterEmail: reporter.reporter_email,
    filedVia: reporter.client_name,
    hideIdentity: row.hide_identity,
    publicAnswer: row.public_answer,
    rejectionReason: row.rejection_reason,
    duplicateOfCode: row.duplicate_of_code,
    requiresAfterPhoto: row.requires_after_photo,
    rating: row.rating,
    reopenCount: row.reopen_count,
    photos: photos.map((p) => ({
      id: p.id,
      kind: p.kind,
      width: p.width,
      height: p.height,
      hidden: p.hidden,
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      actorType: e.actor_type,
      actorName: e.actor_type === 'staff' ? e.actor_name : null,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      visibility: e.visibility,
    })),
    actions: availableActions(role, row.status),
  };
}
