import {
  NEARBY_DAYS,
  NEARBY_RADIUS_M,
  type NearbyReport,
  type NearbyReportsQuery,
  type Page,
  type PageQuery,
  type PublicReport,
  type PublicReportListQuery,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { CitizenPrincipal } from '../../http/access.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { presentNearbyReport, presentPublicReport } from './report-public.presenter.ts';
import { type PublicReportRow, reportPublicRepository as repo } from './report-public.repository.ts';

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine); plenty for a 200 m radius. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const PAGE_TTL_MS = 1000;
const OPEN_FOR_DUPLICATES = new Set(['submitted', 'accepted', 'in_progress', 'reopened', 'resolved']);

export function createReportPublicService(deps: { db: Executor; clock: Clock; files: FileStore }) {
  const { db, clock, files } = deps;

  async function present(rows: PublicReportRow[]): Promise<PublicReport[]> {
    const ids = rows.map((r) => r.id);
    const [photos, events] = await Promise.all([repo.visiblePhotos(db, ids), repo.publicEvents(db, ids)]);
    return rows.map((r) => presentPublicReport(r, photos, events));
  }

  /**
   * The public list is the busiest read of the province (every phone opening "Kết quả xử lý"); a page is kept for
   * one second, and dropped at once when a result is published or reopened in this process.
   */
  const pages = new Map<string, { until: number; page: Promise<Page<PublicReport>> }>();

  async function loadPage(query: PublicReportListQuery): Promise<Page<PublicReport>> {
    const bbox = query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
    const { rows, total } = await repo.listPublished(db, { ...query, bbox });
    return { items: await present(rows), total, page: query.page, pageSize: query.pageSize };
  }

  return {
    list(query: PublicReportListQuery): Promise<Page<PublicReport>> {
      const key = JSON.stringify(query);
      const hit = pages.get(key);
      if (hit && hit.until > Date.now()) return hit.page;
      if (pages.size > 1000) pages.clear();
      const page = loadPage(query);
      pages.set(key, { until: Date.now() + PAGE_TTL_MS, page });
      page.catch(() => pages.delete(key));
      return page;
    },

    /** Forget cached pages: a result was published, reopened or rated. */
    invalidate(): void {
      pages.clear();
    },

    async get(code: string): Promise<PublicReport> {
      const row = await repo.findPublished(db, code);
      if (!row) throw new AppError('REPORT_NOT_FOUND');
      const [report] = await present([row]);
      return report as PublicReport;
    },

    /** "Có phải sự việc này?": open reports of the category within 200 m filed in the last 30 days, nearest first. */
    async nearby(citizen: CitizenPrincipal, query: NearbyReportsQuery): Promise<NearbyReport[]> {
      const dLat = NEARBY_RADIUS_M / 111_320;
      const dLng = NEARBY_RADIUS_M / (111_320 * Math.max(0.01, Math.cos((query.lat * Math.PI) / 180)));
      const since = new Date(clock.now().getTime() - NEARBY_DAYS * 86_400_000);
      const candidates = await repo.nearbyOpen(
        db,
        query.categoryId,
        {
          minLng: query.lng - dLng,
          minLat: query.lat - dLat,
          maxLng: query.lng + dLng,
          maxLat: query.lat + dLat,
        },
        since,
      );
      const near = candidates
        .map((row) => ({ row, d: distanceM(query, row) }))
        .filter((c) => c.d <= NEARBY_RADIUS_M)
        .sort((a, b) => a.d - b.d)
        .slice(0, 10);
      const ids = near.map((c) => c.row.id);
      const [photos, mine] = await Promise.all([
        repo.visiblePhotos(db, ids),
        repo.ownedBy(db, ids, citizen.citizenId),
      ]);
      return near.map((c) => presentNearbyReport(c.row, photos, c.d, mine.has(c.row.id)));
    },

    /** A report the citizen follows, published or not (its public fields only). */
    async followedOne(citizen: CitizenPrincipal, code: string): Promise<PublicReport> {
      const row = await repo.findFollowed(db, citizen.citizenId, code);
      if (!row) throw new AppError('REPORT_NOT_FOUND');
      const [report] = await present([row]);
      return report as PublicReport;
    },

    async followed(citizen: CitizenPrincipal, page: PageQuery): Promise<Page<PublicReport>> {
      const { rows, total } = await repo.listFollowed(db, citizen.citizenId, page);
      return { items: await present(rows), total, page: page.page, pageSize: page.pageSize };
    },

    /**
     * A photo the public may see: of a published result (unless hidden), or a before-photo of an open report of
     * the last 30 days (shown to citizens about to file the same thing).
     */
    async photoFile(photoId: string, size: 'full' | 'thumb') {
      const p = await repo.photoWithReport(db, photoId);
      if (!p || p.hidden) throw new AppError('PHOTO_NOT_FOUND');
      const since = clock.now().getTime() - NEARBY_DAYS * 86_400_000;
      const visible =
        p.kind === 'before'
          ? p.published_at !== null || (OPEN_FOR_DUPLICATES.has(p.status) && p.created_at.getTime() > since)
          : p.status === 'published';
      if (!visible) throw new AppError('PHOTO_NOT_FOUND');
      const file = await files.get(size === 'full' ? p.file_key : p.thumb_key);
      if (!file) throw new AppError('PHOTO_NOT_FOUND');
      return file;
    },
  };
}
export type ReportPublicService = ReturnType<typeof createReportPublicService>;
