import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { PlanningParcelsTable, PlanningZonesTable } from '../../db/types.ts';
import { type Bbox, boxLiteral } from './geometry.ts';

export type ZoneRow = Selectable<PlanningZonesTable>;
export type ParcelRow = Selectable<PlanningParcelsTable>;
/** What the map needs of a feature: its id, code and outline. */
export interface MapFeatureRow {
  id: number;
  code: string;
  geom: ZoneRow['geom'];
}

// Every spatial query has the same shape: `bbox && <box>` (GiST candidates) restricted to live imports; the
// exact test runs in the service (docs/DECISIONS.md: no PostGIS). `&&` on two boxes includes touching edges,
// so a point on a zone's boundary is always a candidate.
const pointBox = (lon: number, lat: number) => sql<string>`box(point(${lon}, ${lat}), point(${lon}, ${lat}))`;
const boxOf = (bbox: Bbox) => sql<string>`${boxLiteral(bbox)}::box`;

export const planningLookupRepository = {
  /** Zones of the given (live) imports whose box holds the point. */
  zonesNear(db: Executor, importIds: string[], lon: number, lat: number): Promise<ZoneRow[]> {
    if (importIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('planning_zones')
      .selectAll()
      .where(sql<boolean>`bbox && ${pointBox(lon, lat)}`)
      .where('import_id', 'in', importIds)
      .orderBy('id')
      .execute();
  },

  /** Parcels of the given (live) imports whose box holds the point, with their commune's name. */
  parcelsNear(
    db: Executor,
    importIds: string[],
    lon: number,
    lat: number,
  ): Promise<(ParcelRow & { commune_name: string | null })[]> {
    if (importIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('planning_parcels as p')
      .leftJoin('communes as m', 'm.code', 'p.commune_code')
      .selectAll('p')
      .select('m.full_name as commune_name')
      .where(sql<boolean>`p.bbox && ${pointBox(lon, lat)}`)
      .where('p.import_id', 'in', importIds)
      .orderBy('p.id')
      .execute();
  },

  /** Zones of the given (live) imports whose box meets the box. */
  zonesMeeting(db: Executor, importIds: string[], bbox: Bbox): Promise<ZoneRow[]> {
    if (importIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('planning_zones')
      .selectAll()
      .where(sql<boolean>`bbox && ${boxOf(bbox)}`)
      .where('import_id', 'in', importIds)
      .orderBy('id')
      .execute();
  },

  /** A parcel by its key in the given (live) cadastral imports; the most recently imported layer's first. */
  findParcel(
    db: Executor,
    importIds: string[],
    key: { communeCode: string; sheet: string; parcelNo: string },
  ): Promise<ParcelRow | undefined> {
    if (importIds.length === 0) return Promise.resolve(undefined);
    // Two cadastral layers with the same parcel: the one imported last (rows are numbered as they are written).
    return db
      .selectFrom('planning_parcels')
      .selectAll()
      .where('import_id', 'in', importIds)
      .where('commune_code', '=', key.communeCode)
      .where('sheet', '=', key.sheet)
      .where('parcel_no', '=', key.parcelNo)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /**
   * The map features of one live import whose box meets the viewport, except those whose box is smaller than
   * `minSize` degrees both ways; the largest boxes first, at most `limit`.
   */
  featuresMeeting(
    db: Executor,
    table: 'planning_zones' | 'planning_parcels',
    importId: string,
    bbox: Bbox,
    minSize: { lon: number; lat: number },
    limit: number,
  ): Promise<MapFeatureRow[]> {
    const code = table === 'planning_zones' ? sql<string>`code` : sql<string>`coalesce(land_type, '')`;
    return db
      .selectFrom(table)
      .select(['id', code.as('code'), 'geom'])
      .where(sql<boolean>`bbox && ${boxOf(bbox)}`)
      .where('import_id', '=', importId)
      .where(sql<boolean>`(width(bbox) >= ${minSize.lon} OR height(bbox) >= ${minSize.lat})`)
      .orderBy(sql`area(bbox)`, 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async communeName(db: Executor, code: string): Promise<string | null> {
    const row = await db
      .selectFrom('communes')
      .select('full_name')
      .where('code', '=', code)
      .executeTakeFirst();
    return row?.full_name ?? null;
  },
};
export type PlanningLookupRepository = typeof planningLookupRepository;
