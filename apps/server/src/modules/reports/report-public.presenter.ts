import { type NearbyReport, type PublicReport, ReportStatus } from '@dltt/contracts';
import { publicText, publicTextOrNull } from '../../shared/public-text.ts';
import type { PublicEventRow, PublicPhotoRow, PublicReportRow } from './report-public.repository.ts';

/**
 * A report for anyone to see. Built from a row that holds no personal data at all; the agency's answer and the
 * after-photos only once the dispatcher has published the result.
 */
export function presentPublicReport(
  row: PublicReportRow,
  photos: PublicPhotoRow[],
  events: PublicEventRow[],
): PublicReport {
  // A reopened report stays listed with its status, but its answer and after-photos are public only while a
  // result reviewed by the dispatcher stands (status published): a new answer waits for the next review.
  const published = row.status === 'published';
  return {
    code: row.code,
    status: row.status,
    categoryId: row.category_id,
    categoryName: row.category_name,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    agencyName: row.agency_name,
    description: publicText(row.description),
    address: publicTextOrNull(row.address_text),
    location: { lat: row.lat, lng: row.lng },
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    publicAnswer: published ? publicTextOrNull(row.public_answer) : null,
    rating: row.rating,
    photos: photos
      .filter((p) => p.report_id === row.id && (published || p.kind === 'before'))
      .map((p) => ({ id: p.id, kind: p.kind, width: p.width, height: p.height })),
    timeline: events
      .filter((e) => e.report_id === row.id)
      .map((e) => {
        const status = ReportStatus.safeParse(e.to_status);
        return {
          at: e.at.toISOString(),
          kind: e.kind,
          status: status.success ? status.data : null,
          // A citizen's "not fixed" note is their own words, and an officer may quote them in a public note.
          note: publicTextOrNull(e.note),
        };
      }),
  };
}

export function presentNearbyReport(
  row: PublicReportRow,
  photos: PublicPhotoRow[],
  distanceM: number,
  mine: boolean,
): NearbyReport {
  const { timeline: _t, publicAnswer: _a, rating: _r, ...rest } = presentPublicReport(row, photos, []);
  return { ...rest, distanceM: Math.round(distanceM), mine };
}
