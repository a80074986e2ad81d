import { type MyReport, ReportStatus } from '@dltt/contracts';
import type { ReportPhotoRow } from './report-photos.repository.ts';
import type { ReportEventRow, ReportRow } from './reports.repository.ts';

/** The report as its own reporter sees it: their contact phone is theirs to see. */
export function presentMyReport(
  row: ReportRow,
  events: ReportEventRow[],
  photos: ReportPhotoRow[],
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
    photos: photos.map((p) => ({ id: p.id, kind: p.kind, width: p.width, height: p.height })),
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
