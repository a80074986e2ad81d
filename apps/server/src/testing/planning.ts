// Test support for planning lookups: a dataset with an import and its rows written straight into the tables
// (what a finished, published import leaves behind), without going through a file.
import type { Executor } from '../db/executor.ts';
import type { PlanningDatasetsTable, PolygonalGeometryJson } from '../db/types.ts';
import { bboxOf, boxLiteral } from '../modules/planning/geometry.ts';

export interface TestZone {
  code: string;
  geom: PolygonalGeometryJson;
  name?: string;
  densityPct?: number;
  maxFloors?: number;
}
export interface TestParcel {
  communeCode: string;
  sheet: string;
  parcelNo: string;
  geom: PolygonalGeometryJson;
  landType?: string;
}

/** A rectangle [west, south, east, north] as a GeoJSON Polygon (counter-clockwise), with optional holes. */
export function rect(
  [w, s, e, n]: [number, number, number, number],
  holes: [number, number, number, number][] = [],
): PolygonalGeometryJson {
  const ring = ([a, b, c, d]: [number, number, number, number]) => [
    [a, b],
    [c, b],
    [c, d],
    [a, d],
    [a, b],
  ];
  return { type: 'Polygon', coordinates: [ring([w, s, e, n]), ...holes.map((h) => ring(h).reverse())] };
}

/**
 * A dataset with one import holding the zones / parcels. `published` (the default) makes that import the live
 * one; otherwise the rows stay staged (an import still validating). Returns the dataset and import ids.
 */
export async function insertPlanningData(
  db: Executor,
  options: {
    agencyId: string;
    name?: string;
    kind?: PlanningDatasetsTable['kind'];
    status?: 'in_force' | 'superseded' | 'draft';
    decisionNumber?: string | null;
    decisionDate?: string | null;
    publishedAt?: Date;
    published?: boolean;
    zones?: TestZone[];
    parcels?: TestParcel[];
    sample?: boolean;
    fileKey?: string;
  },
): Promise<{ datasetId: string; importId: string }> {
  const zones = options.zones ?? [];
  const parcels = options.parcels ?? [];
  const published = options.published ?? true;
  const dataset = await db
    .insertInto('planning_datasets')
    .values({
      agency_id: options.agencyId,
      name: options.name ?? 'Quy hoạch thử',
      kind: options.kind ?? 'construction_zoning',
      status: options.status ?? 'in_force',
      decision_number: options.decisionNumber === undefined ? '1/QĐ-UBND' : options.decisionNumber,
      decision_date: options.decisionDate === undefined ? '2024-01-01' : options.decisionDate,
      decision_authority: 'UBND tỉnh Đắk Lắk',
      is_sample: options.sample ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const imp = await db
    .insertInto('planning_imports')
    .values({
      dataset_id: dataset.id,
      status: published ? 'published' : 'validated',
      file_key: options.fileKey ?? `planning-imports/test-${dataset.id}.geojson`,
      file_name: 'test.geojson',
      file_size: 0,
      format: 'geojson',
      detected: JSON.stringify({ format: 'geojson', files: [], columns: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (zones.length > 0)
    await db
      .insertInto('planning_zones')
      .values(
        zones.map((z, i) => ({
          import_id: imp.id,
          dataset_id: dataset.id,
          source_index: i + 1,
          code: z.code,
          name: z.name ?? null,
          density_pct: z.densityPct ?? null,
          max_floors: z.maxFloors ?? null,
          geom: JSON.stringify(z.geom),
          bbox: boxLiteral(bboxOf(z.geom)),
        })),
      )
      .execute();
  if (parcels.length > 0)
    await db
      .insertInto('planning_parcels')
      .values(
        parcels.map((p, i) => ({
          import_id: imp.id,
          dataset_id: dataset.id,
          source_index: i + 1,
          commune_code: p.communeCode,
          sheet: p.sheet,
          parcel_no: p.parcelNo,
          land_type: p.landType ?? null,
          geom: JSON.stringify(p.geom),
          bbox: boxLiteral(bboxOf(p.geom)),
        })),
      )
      .execute();
  if (published) {
    const boxes = [...zones, ...parcels].map((f) => bboxOf(f.geom));
    if (boxes.length === 0) boxes.push([0, 0, 0, 0]);
    await db
      .updateTable('planning_datasets')
      .set({
        live_import_id: imp.id,
        published_at: options.publishedAt ?? new Date(),
        feature_count: boxes.length,
        extent_west: Math.min(...boxes.map((b) => b[0])),
        extent_south: Math.min(...boxes.map((b) => b[1])),
        extent_east: Math.max(...boxes.map((b) => b[2])),
        extent_north: Math.max(...boxes.map((b) => b[3])),
      })
      .where('id', '=', dataset.id)
      .execute();
  }
  return { datasetId: dataset.id, importId: imp.id };
}
