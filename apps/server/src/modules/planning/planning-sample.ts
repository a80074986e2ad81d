// The sample plan shipped for a first start of the embedded database: a generated but plausible zoning plan
// (quy hoạch phân khu 1/2000) for the centre of Phường Buôn Ma Thuột and a small cadastral layer, so a newcomer
// sees "Tra cứu quy hoạch" work. Deterministic (same input, same rows); named and marked as sample data
// everywhere a citizen sees it; removed in one click (DELETE /admin/planning/sample).
import area from '@turf/area';
import { difference, intersection } from 'polyclip-ts';
import type { Executor } from '../../db/executor.ts';
import type { PolygonalGeometryJson } from '../../db/types.ts';
import { type Bbox, bboxOf, boxLiteral, roundPosition } from './geometry.ts';
import { planningDatasetRepository as repo } from './planning-datasets.repository.ts';

type Pair = [number, number];
type Poly = Pair[][];

/** The ward the sample covers (GSO code). */
export const SAMPLE_COMMUNE_CODE = '24133';
/** The centre of the sampled area, inside the ward (lon, lat). */
const CENTRE: Pair = [108.0325, 12.7125];
/** Blocks (ô phố) and streets, in metres. */
const BLOCKS = 13;
const BLOCK_M = 150;
const STREET_M = 20;

export interface SampleZone {
  code: string;
  name: string;
  function: string | null;
  densityPct: number | null;
  maxFloors: number | null;
  maxHeightM: number | null;
  setback: string | null;
  geom: PolygonalGeometryJson;
}
export interface SampleParcel {
  sheet: string;
  parcelNo: string;
  landType: string;
  geom: PolygonalGeometryJson;
}

/** A small deterministic generator (mulberry32), so the sample is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Local metres (east, north) from the centre to degrees. */
function toLonLat(x: number, y: number): Pair {
  const lat = CENTRE[1] + y / 110_574;
  const lon = CENTRE[0] + x / (111_320 * Math.cos((CENTRE[1] * Math.PI) / 180));
  return [lon, lat];
}

function rectangle(x0: number, y0: number, x1: number, y1: number): Poly {
  return [[toLonLat(x0, y0), toLonLat(x1, y0), toLonLat(x1, y1), toLonLat(x0, y1), toLonLat(x0, y0)]];
}

/** A stream about 30 m wide winding north to south through the area. */
function stream(half: number): Poly {
  const west: Pair[] = [];
  const east: Pair[] = [];
  for (let y = -half - 50; y <= half + 50; y += 25) {
    const x = 330 + 70 * Math.sin(y / 180) + 25 * Math.sin(y / 47);
    west.push(toLonLat(x - 15, y));
    east.push(toLonLat(x + 15, y));
  }
  const ring = [...west, ...east.reverse()];
  ring.push(ring[0] as Pair);
  return [ring];
}

/** polyclip's output as a stored geometry (rounded to 1e-7°), or null when nothing is left. */
function asGeometry(parts: Poly[]): PolygonalGeometryJson | null {
  const polygons = parts
    .map((poly) => poly.map((ring) => ring.map((p) => roundPosition(p))))
    .filter((poly) => (poly[0]?.length ?? 0) >= 4);
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as number[][][] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** What the block at column i, row j is planned for. */
function blockUse(i: number, j: number, next: () => number): Omit<SampleZone, 'name' | 'geom'> {
  const edge = i === 0 || j === 0 || i === BLOCKS - 1 || j === BLOCKS - 1;
  const setback = 'Lùi tối thiểu 3 m so với chỉ giới đường đỏ';
  const none = { densityPct: null, maxFloors: null, maxHeightM: null, setback: null };
  if (edge) return { code: 'CLN', function: 'Đất trồng cây lâu năm (cà phê) giữ lại', ...none };
  const special: Record<string, [string, string, number, number]> = {
    '3,3': ['DGD', 'Trường tiểu học', 40, 4],
    '9,4': ['DGD', 'Trường trung học cơ sở', 40, 4],
    '5,9': ['DYT', 'Trạm y tế phường', 40, 3],
    '7,7': ['DVH', 'Nhà văn hóa, quảng trường', 30, 3],
    '9,9': ['DTT', 'Sân thể thao', 10, 2],
  };
  const s = special[`${i},${j}`];
  if (s)
    return {
      code: s[0],
      function: s[1],
      densityPct: s[2],
      maxFloors: s[3],
      maxHeightM: s[3] * 4 + 2,
      setback,
    };
  if (j === 6 || (i === 6 && next() < 0.5))
    return {
      code: 'TMD',
      function: 'Thương mại, dịch vụ',
      densityPct: 50,
      maxFloors: 9,
      maxHeightM: 36,
      setback,
    };
  const floors = 3 + Math.floor(next() * 5);
  return {
    code: 'ODT',
    function: 'Nhà ở liên kế, nhà ở riêng lẻ',
    densityPct: 60 + 5 * Math.floor(next() * 5),
    maxFloors: floors,
    maxHeightM: Math.round((floors * 3.6 + 2) * 10) / 10,
    setback,
  };
}

/**
 * Generates the sample plan clipped to the ward's boundary (its polygon parts, outer rings): a grid of blocks with
 * streets (DGT) between them, a stream (SON), mostly urban housing (ODT) with limits, trade along the main
 * street, a few schools, a clinic, a cultural centre and a sports ground, perennial crops (CLN) at the edge; and
 * parcels in a few residential blocks.
 */
export function generatePlanningSample(ward: Pair[][]): { zones: SampleZone[]; parcels: SampleParcel[] } {
  const next = random(24133);
  const half = (BLOCKS * (BLOCK_M + STREET_M) - STREET_M) / 2;
  const wardGeom: Poly[] = ward.map((ring) => [ring]);
  const area0 = intersection(
    rectangle(-half - STREET_M, -half - STREET_M, half + STREET_M, half + STREET_M),
    ...wardGeom,
  );
  const water = intersection(stream(half), area0);
  const zones: SampleZone[] = [];
  const parcels: SampleParcel[] = [];
  const letters = 'ABCDEFGHIKLMN';
  let street = 0;
  for (let j = 0; j < BLOCKS; j++) {
    for (let i = 0; i < BLOCKS; i++) {
      const x0 = -half + i * (BLOCK_M + STREET_M);
      const y0 = -half + j * (BLOCK_M + STREET_M);
      const block = rectangle(x0, y0, x0 + BLOCK_M, y0 + BLOCK_M);
      const clipped = intersection(block, area0);
      const land = water.length > 0 ? difference(clipped, water) : clipped;
      const geom = asGeometry(land);
      const use = blockUse(i, j, next);
      if (!geom) continue;
      const name = `Ô phố ${letters[j]}-${String(i + 1).padStart(2, '0')}`;
      zones.push({ ...use, name, geom });
      // Parcels in a few whole residential blocks: 2 rows of 8, numbered per map sheet.
      const untouched =
        land.length === 1 &&
        land[0]?.length === 1 &&
        Math.abs(
          area({ type: 'Polygon', coordinates: land[0] }) - area({ type: 'Polygon', coordinates: block }),
        ) < 1;
      if (use.code === 'ODT' && j >= 2 && j <= 3 && i >= 2 && i <= 5 && untouched) {
        const sheet = String(20 + (j - 2) * 4 + (i - 2));
        for (let r = 0; r < 2; r++)
          for (let c = 0; c < 8; c++) {
            const w = BLOCK_M / 8;
            const h = BLOCK_M / 2;
            const p = asGeometry([rectangle(x0 + c * w, y0 + r * h, x0 + (c + 1) * w, y0 + (r + 1) * h)]);
            if (p) parcels.push({ sheet, parcelNo: String(r * 8 + c + 1), landType: 'ODT', geom: p });
          }
      }
    }
  }
  // Streets between the blocks: full-width east-west strips, north-south strips between them.
  const strips: Poly[] = [];
  for (let k = 0; k <= BLOCKS; k++) {
    const y = -half - STREET_M + k * (BLOCK_M + STREET_M);
    strips.push(rectangle(-half - STREET_M, y, half + STREET_M, y + STREET_M));
  }
  for (let k = 0; k <= BLOCKS; k++) {
    const x = -half - STREET_M + k * (BLOCK_M + STREET_M);
    for (let j = 0; j < BLOCKS; j++) {
      const y = -half + j * (BLOCK_M + STREET_M);
      strips.push(rectangle(x, y, x + STREET_M, y + BLOCK_M));
    }
  }
  for (const [index, strip] of strips.entries()) {
    const clipped = intersection(strip, area0);
    const geom = asGeometry(water.length > 0 ? difference(clipped, water) : clipped);
    if (!geom) continue;
    street++;
    const main = index === 7;
    zones.push({
      code: 'DGT',
      name: main ? 'Trục đường chính (lộ giới 30 m)' : `Đường quy hoạch N${street}`,
      function: 'Đất giao thông',
      densityPct: null,
      maxFloors: null,
      maxHeightM: null,
      setback: null,
      geom,
    });
  }
  const streamGeom = asGeometry(water);
  if (streamGeom)
    zones.push({
      code: 'SON',
      name: 'Suối và hành lang thoát nước',
      function: 'Mặt nước, hành lang bảo vệ suối',
      densityPct: null,
      maxFloors: null,
      maxHeightM: null,
      setback: null,
      geom: streamGeom,
    });
  return { zones, parcels };
}

const SAMPLE_PLAN_NAME = 'Dữ liệu mẫu — Quy hoạch phân khu Phường Buôn Ma Thuột';
const SAMPLE_CADASTRE_NAME = 'Dữ liệu mẫu — Bản đồ địa chính Phường Buôn Ma Thuột';

function extentOf(geoms: PolygonalGeometryJson[]): Bbox {
  const boxes = geoms.map(bboxOf);
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/**
 * Writes the sample as two published datasets (the plan and its cadastral layer), each with a `published`
 * import row whose file key names no stored file (deleting the dataset deletes that key, which is not an error).
 */
export async function insertPlanningSample(
  db: Executor,
  deps: { ward: Pair[][]; planAgencyId: string; cadastreAgencyId: string; now: Date },
): Promise<{ zones: number; parcels: number }> {
  const { zones, parcels } = generatePlanningSample(deps.ward);
  const publish = async (
    dataset: Parameters<typeof repo.insert>[1],
    features: PolygonalGeometryJson[],
    columns: string[],
  ) => {
    const inserted = await repo.insert(db, dataset);
    const importId = await repo.insertImport(db, {
      dataset_id: inserted.id,
      status: 'published',
      file_key: `planning-imports/sample-${inserted.id}.geojson`,
      file_name: 'du-lieu-mau.geojson',
      file_size: 0,
      format: 'geojson',
      detected: JSON.stringify({
        format: 'geojson',
        files: [],
        encodingFromCpg: null,
        crsFromFile: 'EPSG:4326',
        unknownPrj: null,
        columns,
        featureCount: features.length,
      }),
      encoding: 'utf-8',
      crs: 'EPSG:4326',
      processed: features.length,
      total: features.length,
      report: JSON.stringify({
        total: features.length,
        accepted: features.length,
        repaired: 0,
        errors: 0,
        warnings: 0,
        unknownCodes: [],
        outsideProvince: 0,
        issues: [],
      }),
      started_at: deps.now,
      finished_at: deps.now,
      published_at: deps.now,
    });
    const [w, s, e, n] = extentOf(features);
    await repo.update(db, inserted.id, {
      live_import_id: importId,
      published_at: deps.now,
      feature_count: features.length,
      extent_west: w,
      extent_south: s,
      extent_east: e,
      extent_north: n,
    });
    return { datasetId: inserted.id, importId };
  };

  const plan = await publish(
    {
      agency_id: deps.planAgencyId,
      name: SAMPLE_PLAN_NAME,
      kind: 'construction_zoning',
      status: 'in_force',
      decision_number: 'DỮ LIỆU MẪU — không phải quyết định thật',
      decision_date: '2025-01-01',
      decision_authority: 'Dữ liệu mẫu, không có giá trị pháp lý',
      scale: '1/2000',
      period_start: 2025,
      period_end: 2035,
      commune_codes: [SAMPLE_COMMUNE_CODE],
      is_sample: true,
    },
    zones.map((z) => z.geom),
    ['code', 'name', 'function', 'densityPct', 'maxFloors', 'maxHeightM', 'setback'],
  );
  await repo.insertZones(
    db,
    zones.map((z, index) => ({
      import_id: plan.importId,
      dataset_id: plan.datasetId,
      source_index: index + 1,
      code: z.code,
      name: z.name,
      function: z.function,
      area_m2: Math.round(area(z.geom as Parameters<typeof area>[0])),
      density_pct: z.densityPct,
      max_floors: z.maxFloors,
      max_height_m: z.maxHeightM,
      setback: z.setback,
      note: 'Dữ liệu mẫu để thử tính năng tra cứu, không phải quy hoạch thật.',
      geom: JSON.stringify(z.geom),
      bbox: boxLiteral(bboxOf(z.geom)),
    })),
  );
  const cadastre = await publish(
    {
      agency_id: deps.cadastreAgencyId,
      name: SAMPLE_CADASTRE_NAME,
      kind: 'cadastral',
      status: 'in_force',
      commune_codes: [SAMPLE_COMMUNE_CODE],
      is_sample: true,
    },
    parcels.map((p) => p.geom),
    ['communeCode', 'sheet', 'parcelNo', 'areaM2', 'landType'],
  );
  await repo.insertParcels(
    db,
    parcels.map((p, index) => ({
      import_id: cadastre.importId,
      dataset_id: cadastre.datasetId,
      source_index: index + 1,
      commune_code: SAMPLE_COMMUNE_CODE,
      sheet: p.sheet,
      parcel_no: p.parcelNo,
      area_m2: Math.round(area(p.geom as Parameters<typeof area>[0]) * 10) / 10,
      land_type: p.landType,
      address: null,
      geom: JSON.stringify(p.geom),
      bbox: boxLiteral(bboxOf(p.geom)),
    })),
  );
  return { zones: zones.length, parcels: parcels.length };
}
