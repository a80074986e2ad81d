// Planning lookups at city scale, as a ratio of a ceiling measured in the same run.
//   node bench/planning.ts [parcels=1000000] [zones=50000] [requests=2000]
// Builds the app in this process on a fresh database (PGlite; PostgreSQL in its own schema with
// TEST_DATABASE_URL or DATABASE_URL), writes the generated city with straight SQL (a cadastral layer of `parcels`
// quadrilaterals of about 20 × 25 m and `zones` 12-vertex blocks in three published plans, two of which cover
// every point), then sends requests one after another through the real routes (Fastify inject: the whole HTTP
// stack but the socket):
//   - GET /planning/lookup at random points (zones of every plan in force + the parcel there);
//   - GET /planning/datasets/:id/features at street zoom (z17) for a 412 × 915 px phone screen at random places,
//     for a plan and for the cadastral layer, with the answer's bytes (plain and as sent with gzip / br);
//   - the ceiling: GET /healthz through the same stack.
// Targets (issue 14): point p99 ≤ 10 ms; viewport p99 ≤ 200 ms and ≤ 300 kB.
/// <reference path="../apps/server/src/types/heic-decode.d.ts" />
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { freshDatabase, TEST_DATABASE_URL, testConfig } from '../apps/server/src/testing/harness.ts';

const PARCELS = Number(process.argv[2] ?? 1_000_000);
const ZONES = Number(process.argv[3] ?? 50_000);
const REQUESTS = Number(process.argv[4] ?? 2000);

// The city: a grid from (108.0, 12.6); parcels 1000 a row.
const LON0 = 108.0;
const LAT0 = 12.6;
const PARCEL_DX = 20 / (111_320 * Math.cos((12.65 * Math.PI) / 180));
const PARCEL_DY = 25 / 110_574;
const PARCEL_COLS = 1000;
const PARCEL_ROWS = Math.ceil(PARCELS / PARCEL_COLS);
// Zone blocks: 250 a row over the same width (4 × 4 parcels each); as many rows as the count needs.
const ZONE_COLS = 250;
const ZONE_ROWS = Math.ceil(ZONES / ZONE_COLS);
const ZONE_DX = (PARCEL_COLS * PARCEL_DX) / ZONE_COLS;
const ZONE_DY = Math.max((PARCEL_ROWS * PARCEL_DY) / ZONE_ROWS, 4 * PARCEL_DY);
const AREA = {
  west: LON0,
  south: LAT0,
  east: LON0 + PARCEL_COLS * PARCEL_DX,
  north: LAT0 + Math.max(PARCEL_ROWS * PARCEL_DY, ZONE_ROWS * ZONE_DY),
};

const config = testConfig({ LOG_LEVEL: 'warn' });
const database = await freshDatabase();
const db = database.db;
await prepareDatabase(database, config);
const app = await buildApp({ config, database, secretKey: Buffer.from('b'.repeat(32)), logger: false });
await app.ready();

const agency = (
  await db.selectFrom('agencies').select('id').where('code', '=', 'so-xay-dung').executeTakeFirstOrThrow()
).id;

async function dataset(
  name: string,
  kind: string,
  decisionDate: string,
): Promise<{ id: string; importId: string }> {
  const d = await sql<{ id: string }>`
    INSERT INTO planning_datasets (agency_id, name, kind, status, decision_number, decision_date, decision_authority)
    VALUES (${agency}, ${name}, ${kind}, 'in_force', ${`${name}/QĐ-UBND`}, ${decisionDate}, 'UBND tỉnh Đắk Lắk')
    RETURNING id`.execute(db);
  const id = d.rows[0]!.id;
  const i = await sql<{ id: string }>`
    INSERT INTO planning_imports (dataset_id, status, file_key, file_name, file_size, format, detected)
    VALUES (${id}, 'published', ${`planning-imports/bench-${id}`}, 'bench.geojson', 0, 'geojson', '{}')
    RETURNING id`.execute(db);
  return { id, importId: i.rows[0]!.id };
}

async function publish(d: { id: string; importId: string }, table: 'planning_zones' | 'planning_parcels') {
  await sql`
    UPDATE planning_datasets SET live_import_id = ${d.importId}, published_at = now(),
      feature_count = (SELECT count(*) FROM ${sql.table(table)} WHERE import_id = ${d.importId}),
      extent_west = ${AREA.west}, extent_south = ${AREA.south}, extent_east = ${AREA.east}, extent_north = ${AREA.north}
    WHERE id = ${d.id}`.execute(db);
}

/** A number written into the SQL as a literal (a parameter would be typed after its neighbour: int). */
const n = (v: number) => sql.lit(v);
const r7 = (v: unknown) => sql`round((${v})::numeric, 7)`;
const pos = (x: unknown, y: unknown) => sql`jsonb_build_array(${r7(x)}, ${r7(y)})`;

/** Quadrilateral parcels with jittered corners (a hash of the index), 6 positions each with the closing one. */
async function insertParcels(d: { id: string; importId: string }) {
  const chunk = 100_000;
  for (let from = 0; from < PARCELS; from += chunk) {
    const to = Math.min(PARCELS, from + chunk) - 1;
    await sql`
      INSERT INTO planning_parcels (import_id, dataset_id, source_index, commune_code, sheet, parcel_no, area_m2, land_type, geom, bbox)
      SELECT ${d.importId}, ${d.id}, g, '24133', (g / 400)::text, (g % 400 + 1)::text, 480, 'ODT',
        jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
          ${pos(sql`x0 + j1`, sql`y0`)}, ${pos(sql`x1`, sql`y0 + j2`)}, ${pos(sql`x1 - j2`, sql`y1`)},
          ${pos(sql`(x0 + x1) / 2`, sql`y1 - j1`)}, ${pos(sql`x0`, sql`y1`)}, ${pos(sql`x0 + j1`, sql`y0`)}))),
        box(point(x0, y0), point(x1, y1))
      FROM (
        SELECT g, x0, y0, x0 + ${n(PARCEL_DX)} AS x1, y0 + ${n(PARCEL_DY)} AS y1,
          ((g::bigint * 7919) % 97) / 97.0 * ${n(PARCEL_DX * 0.08)} AS j1, ((g::bigint * 104729) % 89) / 89.0 * ${n(PARCEL_DY * 0.08)} AS j2
        FROM (
          SELECT g, ${n(LON0)} + (g % ${n(PARCEL_COLS)}) * ${n(PARCEL_DX)} AS x0, ${n(LAT0)} + (g / ${n(PARCEL_COLS)}) * ${n(PARCEL_DY)} AS y0
          FROM generate_series(${from}::int, ${to}::int) g
        ) a
      ) b`.execute(db);
  }
}

/** Blocks with chamfered corners and a point on each side (12 positions + closing), a street's width apart. */
async function insertZones(
  d: { id: string; importId: string },
  from: number,
  to: number,
  rowsPerZone = 1,
  colsPerZone = 1,
) {
  const cols = ZONE_COLS / colsPerZone;
  const cx = ZONE_DX * colsPerZone;
  const cy = ZONE_DY * rowsPerZone;
  const s = 0.08; // street: 8 % of the block on each side
  const c = 0.15; // chamfer
  await sql`
    INSERT INTO planning_zones (import_id, dataset_id, source_index, code, name, area_m2, density_pct, max_floors, geom, bbox)
    SELECT ${d.importId}, ${d.id}, g,
      (ARRAY['ODT','ODT','ODT','ODT','TMD','DGD','CLN','DYT','DVH','SKC'])[1 + (g * 31) % 10],
      'Ô phố ' || g, 8000, 70, 5,
      jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
        ${pos(sql`x0 + ${n(c)} * w`, sql`y0`)}, ${pos(sql`x0 + 0.5 * w`, sql`y0`)}, ${pos(sql`x1 - ${n(c)} * w`, sql`y0`)},
        ${pos(sql`x1`, sql`y0 + ${n(c)} * h`)}, ${pos(sql`x1`, sql`y0 + 0.5 * h`)}, ${pos(sql`x1`, sql`y1 - ${n(c)} * h`)},
        ${pos(sql`x1 - ${n(c)} * w`, sql`y1`)}, ${pos(sql`x0 + 0.5 * w`, sql`y1`)}, ${pos(sql`x0 + ${n(c)} * w`, sql`y1`)},
        ${pos(sql`x0`, sql`y1 - ${n(c)} * h`)}, ${pos(sql`x0`, sql`y0 + 0.5 * h`)}, ${pos(sql`x0`, sql`y0 + ${n(c)} * h`)},
        ${pos(sql`x0 + ${n(c)} * w`, sql`y0`)}))),
      box(point(x0, y0), point(x1, y1))
    FROM (
      SELECT g, x0, y0, x1, y1, x1 - x0 AS w, y1 - y0 AS h FROM (
        SELECT g,
          ${n(LON0)} + (g % ${n(cols)}) * ${n(cx)} + ${n(s * cx)} AS x0, ${n(LAT0)} + (g / ${n(cols)}) * ${n(cy)} + ${n(s * cy)} AS y0,
          ${n(LON0)} + (g % ${n(cols)} + 1) * ${n(cx)} - ${n(s * cx)} AS x1, ${n(LAT0)} + (g / ${n(cols)} + 1) * ${n(cy)} - ${n(s * cy)} AS y1
        FROM generate_series(${from}::int, ${to}::int) g
      ) a
    ) b`.execute(db);
}

const t0 = performance.now();
const cadastre = await dataset('Địa chính', 'cadastral', '2020-01-01');
await insertParcels(cadastre);
await publish(cadastre, 'planning_parcels');
const parcelSeconds = (performance.now() - t0) / 1000;

// Plan A: the south half of the blocks; plan B: the north half; plan C: the province's land-use plan over all
// of it with blocks of 2 × 5 — the remaining tenth of the zone count. A point is in A or B, and in C.
const t1 = performance.now();
const large = Math.floor(ZONES / 10);
const fine = ZONES - large;
const half = Math.floor(fine / 2 / ZONE_COLS) * ZONE_COLS;
const planA = await dataset('A', 'construction_zoning', '2023-05-01');
await insertZones(planA, 0, half - 1);
const planB = await dataset('B', 'construction_zoning', '2024-05-01');
await insertZones(planB, half, fine - 1);
const planC = await dataset('C', 'land_use_province', '2022-01-01');
await insertZones(planC, 0, large - 1, 5, 2);
for (const p of [planA, planB]) await publish(p, 'planning_zones');
await publish(planC, 'planning_zones');
const zoneSeconds = (performance.now() - t1) / 1000;
await sql`ANALYZE planning_zones`.execute(db);
await sql`ANALYZE planning_parcels`.execute(db);
const counts = await sql<{ zones: string; parcels: string }>`
  SELECT (SELECT count(*) FROM planning_zones) AS zones, (SELECT count(*) FROM planning_parcels) AS parcels`.execute(
  db,
);

// A deterministic stream of random places in the city.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const fineNorth = LAT0 + (fine / ZONE_COLS) * ZONE_DY;
const place = () => ({
  lon: AREA.west + random() * (AREA.east - AREA.west),
  lat: AREA.south + random() * (Math.min(AREA.north, fineNorth) - AREA.south),
});

interface Timing {
  /** CPU time of this process (the server, and PGlite when embedded) per request: steadier than latency on a shared machine. */
  cpuMs: number;
  p50: number;
  p99: number;
  max: number;
  bytes?: { p50: number; p99: number; max: number; wireP99: number };
}
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function measure(
  n: number,
  url: () => string,
  check: (status: number, body: string) => void,
  withBytes = false,
): Promise<Timing> {
  const times: number[] = [];
  const sizes: number[] = [];
  const wire: number[] = [];
  let cpu = 0;
  for (let i = 0; i < n; i++) {
    const target = url();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const res = await app.inject({
      url: target,
      headers: withBytes ? { 'accept-encoding': 'br, gzip' } : {},
    });
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) / 1000;
    if (withBytes) {
      wire.push(res.rawPayload.length);
      const plain = await app.inject({ url: target });
      sizes.push(plain.rawPayload.length);
      check(plain.statusCode, plain.body);
    } else check(res.statusCode, res.body);
  }
  times.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  wire.sort((a, b) => a - b);
  return {
    cpuMs: cpu / n,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    max: times[times.length - 1] ?? 0,
    ...(withBytes
      ? {
          bytes: {
            p50: quantile(sizes, 0.5),
            p99: quantile(sizes, 0.99),
            max: sizes[sizes.length - 1] ?? 0,
            wireP99: quantile(wire, 0.99),
          },
        }
      : {}),
  };
}

const failures: string[] = [];
let zonesFound = 0;
let parcelsFound = 0;
const ok = (label: string) => (status: number, body: string) => {
  if (status !== 200 && failures.length < 5) failures.push(`${label}: ${status} ${body.slice(0, 200)}`);
};
const pointUrl = () => {
  const p = place();
  return `/api/v1/planning/lookup?lat=${p.lat.toFixed(7)}&lon=${p.lon.toFixed(7)}`;
};
// The phone screen at z17 in degrees: 412 × 915 px.
const Z = 17;
const W = (412 * 360) / (256 * 2 ** Z);
const H = ((915 * 360) / (256 * 2 ** Z)) * Math.cos((12.65 * Math.PI) / 180);
const viewportUrl = (id: string) => () => {
  const p = place();
  return `/api/v1/planning/datasets/${id}/features?bbox=${[p.lon - W / 2, p.lat - H / 2, p.lon + W / 2, p.lat + H / 2].map((v) => v.toFixed(6)).join(',')}&zoom=${Z}`;
};

// Warm-up: JIT, caches, the first pages of the indexes.
await measure(Math.min(300, REQUESTS), pointUrl, ok('warm-up'));
const ceiling = await measure(REQUESTS, () => '/healthz', ok('healthz'));
const point = await measure(REQUESTS, pointUrl, (status, body) => {
  ok('point')(status, body);
  const r = JSON.parse(body) as { results: unknown[]; parcel: unknown };
  zonesFound += r.results.length;
  if (r.parcel) parcelsFound++;
});
const viewN = Math.max(50, Math.floor(REQUESTS / 4));
const viewZones = await measure(viewN, viewportUrl(planA.id), ok('viewport zones'), true);
const viewParcels = await measure(viewN, viewportUrl(cadastre.id), ok('viewport parcels'), true);

const ms = (v: number) => v.toFixed(2);
const kb = (v: number) => (v / 1000).toFixed(1);
console.log(
  `database: ${TEST_DATABASE_URL ? 'postgresql' : 'pglite'}; ${counts.rows[0]!.parcels} parcels written in ${parcelSeconds.toFixed(1)} s ` +
    `(${(Number(counts.rows[0]!.parcels) / parcelSeconds).toFixed(0)}/s), ${counts.rows[0]!.zones} zones in ${zoneSeconds.toFixed(1)} s; ` +
    `${REQUESTS} point lookups (${(zonesFound / REQUESTS).toFixed(2)} plans answering a point on average, a parcel for ${((100 * parcelsFound) / REQUESTS).toFixed(0)} %), ` +
    `${viewN} viewports each, one request at a time`,
);
console.log(
  '| request | p50 ms | p99 ms | max ms | p99 / ceiling p99 | CPU ms/req | answer kB p50 / p99 / max | sent kB p99 (br/gzip) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const row = (label: string, t: Timing) =>
  console.log(
    `| ${label} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(t.max)} | ${(t.p99 / ceiling.p99).toFixed(1)} | ${ms(t.cpuMs)} | ` +
      `${t.bytes ? `${kb(t.bytes.p50)} / ${kb(t.bytes.p99)} / ${kb(t.bytes.max)}` : ''} | ${t.bytes ? kb(t.bytes.wireP99) : ''} |`,
  );
row('GET /healthz (ceiling)', ceiling);
row('GET /api/v1/planning/lookup (random point)', point);
row('GET …/features z17 412×915 px, plan (zones)', viewZones);
row('GET …/features z17 412×915 px, cadastral (parcels)', viewParcels);
const targets = [
  ['point p99 ≤ 10 ms', point.p99 <= 10],
  ['viewport p99 ≤ 200 ms', Math.max(viewZones.p99, viewParcels.p99) <= 200],
  ['viewport ≤ 300 kB', Math.max(viewZones.bytes?.max ?? 0, viewParcels.bytes?.max ?? 0) <= 300_000],
] as const;
for (const [label, met] of targets) console.log(`${met ? 'met' : 'MISSED'}: ${label}`);
for (const f of failures) console.error(`FAILED ${f}`);
if (failures.length > 0) process.exitCode = 1;
await app.close();
await database.close();
