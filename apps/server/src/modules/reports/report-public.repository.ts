import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { ReportStatusValue } from '../../db/types.ts';

export interface PublicReportRow {
  id: string;
  code: string;
  status: ReportStatusValue;
  category_id: string;
  category_name: string;
  commune_code: string;
  commune_name: string;
  agency_name: string;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  created_at: Date;
  published_at: Date | null;
  public_answer: string | null;
  rating: number | null;
}

export interface PublicPhotoRow {
  id: string;
  report_id: string | null;
  kind: 'before' | 'after';
  width: number;
  height: number;
}

export interface PublicEventRow {
  report_id: string;
  at: Date;
  kind: string;
  to_status: string | null;
  note: string | null;
}

/** Only columns that may leave the server publicly: no citizen id, phone, idempotency key or staff names. */
function selectPublic(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('communes as m', 'm.code', 'r.commune_code')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.category_id',
      'c.name_vi as category_name',
      'r.commune_code',
      'm.full_name as commune_name',
      'a.name as agency_name',
      'r.description',
      'r.address_text',
      'r.lat',
      'r.lng',
      'r.created_at',
      'r.published_at',
      'r.public_answer',
      'r.rating',
    ]);
}

export interface PublicListFilter {
  page: number;
  pageSize: number;
  categoryId?: string | undefined;
  communeCode?: string | undefined;
  status?: ReportStatusValue | undefined;
  bbox?: [number, number, number, number] | undefined;
}

export const reportPublicRepository = {
  async listPublished(
    db: Executor,
    f: PublicListFilter,
  ): Promise<{ rows: PublicReportRow[]; total: number }> {
    const filtered = <Q extends ReturnType<typeof selectPublic>>(q: Q): Q => {
      let out = q.where('r.published_at', 'is not', null) as Q;
      if (f.categoryId) out = out.where('r.category_id', '=', f.categoryId) as Q;
      if (f.communeCode) out = out.where('r.commune_code', '=', f.communeCode) as Q;
      if (f.status) out = out.where('r.status', '=', f.status) as Q;
      if (f.bbox) {
        const [minLng, minLat, maxLng, maxLat] = f.bbox;
        out = out.where(
          sql<boolean>`box(point(r.lng, r.lat), point(r.lng, r.lat)) && box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat}))`,
        ) as Q;
      }
      return out;
    };
    let count = db
      .selectFrom('reports as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.published_at', 'is not', null);
    if (f.categoryId) count = count.where('r.category_id', '=', f.categoryId);
    if (f.communeCode) count = count.where('r.commune_code', '=', f.communeCode);
    if (f.status) count = count.where('r.status', '=', f.status);
    if (f.bbox) {
      const [minLng, minLat, maxLng, maxLat] = f.bbox;
      count = count.where(
        sql<boolean>`box(point(r.lng, r.lat), point(r.lng, r.lat)) && box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat}))`,
      );
    }
    const [rows, counted] = await Promise.all([
      filtered(selectPublic(db))
        .orderBy('r.published_at', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    const total = Number(counted.n);
    return { rows, total };
  },

  findPublished(db: Executor, code: string): Promise<PublicReportRow | undefined> {
    return selectPublic(db)
      .where('r.code', '=', code)
      .where('r.published_at', 'is not', null)
      .executeTakeFirst();
  },

  async listFollowed(db: Executor, citizenId: string, page: { page: number; pageSize: number }) {
    const base = selectPublic(db)
      .innerJoin('report_followers as f', 'f.report_id', 'r.id')
      .where('f.citizen_id', '=', citizenId);
    const [rows, count] = await Promise.all([
      base
        .orderBy('f.created_at', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      db
        .selectFrom('report_followers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** Which of these reports the citizen filed. */
  async ownedBy(db: Executor, reportIds: string[], citizenId: string): Promise<Set<string>> {
    if (reportIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('reports')
      .select('id')
      .where('id', 'in', reportIds)
      .where('citizen_id', '=', citizenId)
      .execute();
    return new Set(rows.map((r) => r.id));
  },

  findFollowed(db: Executor, citizenId: string, code: string): Promise<PublicReportRow | undefined> {
    return selectPublic(db)
      .innerJoin('report_followers as f', 'f.report_id', 'r.id')
      .where('f.citizen_id', '=', citizenId)
      .where('r.code', '=', code)
      .executeTakeFirst();
  },

  /** Open reports of a category inside a box around a point, since `since`: candidates for "is it this one?". */
  nearbyOpen(
    db: Executor,
    categoryId: string,
    box: { minLng: number; minLat: number; maxLng: number; maxLat: number },
    since: Date,
  ): Promise<PublicReportRow[]> {
    return selectPublic(db)
      .where('r.category_id', '=', categoryId)
      .where('r.status', 'in', ['submitted', 'accepted', 'in_progress', 'reopened', 'resolved'])
      .where('r.created_at', '>', since)
      .where(
        sql<boolean>`box(point(r.lng, r.lat), point(r.lng, r.lat)) && box(point(${box.minLng}, ${box.minLat}), point(${box.maxLng}, ${box.maxLat}))`,
      )
      .orderBy('r.created_at', 'desc')
      .limit(50)
      .execute();
  },

  visiblePhotos(db: Executor, reportIds: string[]): Promise<PublicPhotoRow[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_photos')
      .select(['id', 'report_id', 'kind', 'width', 'height'])
      .where('report_id', 'in', reportIds)
      .where('hidden', '=', false)
      .orderBy('kind')
      .orderBy('position')
      .execute();
  },

  publicEvents(db: Executor, reportIds: string[]): Promise<PublicEventRow[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_events')
      .select(['report_id', 'at', 'kind', 'to_status', 'note'])
      .where('report_id', 'in', reportIds)
      .where('visibility', '=', 'public')
      .orderBy('id')
      .execute();
  },

  /** A photo with what decides whether the public may see it. */
  photoWithReport(db: Executor, photoId: string) {
    return db
      .selectFrom('report_photos as p')
      .innerJoin('reports as r', 'r.id', 'p.report_id')
      .select([
        'p.file_key',
        'p.thumb_key',
        'p.kind',
        'p.hidden',
        'r.status',
        'r.published_at',
        'r.created_at',
      ])
      .where('p.id', '=', photoId)
      .executeTakeFirst();
  },
};
