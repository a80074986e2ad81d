import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { PlanningImport, PlanningImportPreview } from '@dltt/contracts';
import { createFileStore } from '../../storage/create-file-store.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  errorOf,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import {
  BMT,
  type FixtureFeature,
  geoJsonOf,
  gridZones,
  sampleZones,
  shapefileZipOf,
} from '../../testing/planning-fixtures.ts';
import { polygonsOf } from './geometry.ts';
import { projector, reprojector } from './import/crs.ts';
import { planningDatasetRepository } from './planning-datasets.repository.ts';
import { planningImportRepository } from './planning-imports.repository.ts';

const TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';
const ZONE_MAPPING = {
  zone: { code: 'MADAT', name: 'TEN', maxFloors: 'TANG', densityPct: 'MATDO' },
  parcel: {},
};

let t: TestContext;
let admin: StaffSession;
let agencyA: string;
let agencyB: string;

before(async () => {
  t = await startTestApp({ env: { PLANNING_MAX_UPLOAD_MB: '8' } });
  admin = await login(t.app, ADMIN.username, ADMIN.password);
  agencyA = await agencyId(t.database, 'so-xay-dung');
  agencyB = await agencyId(t.database, 'so-nong-nghiep-moi-truong');
  // The dictionary's codes these files use (the dictionary's seed is another module's).
  await t.database.db
    .insertInto('land_use_codes')
    .values(
      ['ODT', 'CLN', 'DGT', 'TMD', 'ONT'].map((code) => ({
        code,
        name_vi: code,
        name_en: code,
        land_group: 'non_agricultural' as const,
        color: '#ff0000',
        created_at: new Date(),
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
});
after(async () => {
  await t.close();
});

async function newDataset(
  kind: 'construction_zoning' | 'cadastral' = 'construction_zoning',
  agency = agencyA,
) {
  const row = await planningDatasetRepository.insert(t.database.db, {
    agency_id: agency,
    name: `Quy hoạch thử ${Math.random().toString(36).slice(2, 8)}`,
    kind,
  });
  return row.id;
}

async function upload(
  datasetId: string,
  body: Buffer | Readable,
  contentType = 'application/zip',
  session = admin,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/planning/datasets/${datasetId}/imports?fileName=zones.zip`,
    headers: { ...session.headers, 'content-type': contentType, ...headers },
    payload: body,
  });
}

async function uploaded(
  datasetId: string,
  body: Buffer,
  contentType = 'application/zip',
): Promise<PlanningImport> {
  const res = await upload(datasetId, body, contentType);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<PlanningImport>();
}

function post(path: string, payload?: object, session = admin) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/planning/imports/${path}`,
    headers: session.headers,
    ...(payload ? { payload } : {}),
  });
}

async function getImport(id: string): Promise<PlanningImport> {
  const res = await t.app.inject({ url: `/api/v1/admin/planning/imports/${id}`, headers: admin.headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<PlanningImport>();
}

/** Starts an import and runs the job until nothing is queued. */
async function importThrough(id: string, body: object = { mapping: ZONE_MAPPING }): Promise<PlanningImport> {
  const started = await post(`${id}/start`, body);
  assert.equal(started.statusCode, 200, started.body);
  assert.equal(started.json<PlanningImport>().status, 'queued');
  await t.app.services.planningImports.runPending();
  return getImport(id);
}

function stagedRows(importId: string): Promise<number> {
  return planningImportRepository.countRows(t.database.db, importId);
}

async function zonesOf(importId: string) {
  return t.database.db
    .selectFrom('planning_zones')
    .select(['source_index', 'code', 'name', 'geom', 'max_floors', 'density_pct', 'area_m2'])
    .where('import_id', '=', importId)
    .orderBy('source_index')
    .execute();
}

/** Metres between two WGS84 positions (equirectangular: fine at these distances). */
function metres([lon1 = 0, lat1 = 0]: number[], [lon2 = 0, lat2 = 0]: number[]): number {
  const dx = (lon2 - lon1) * 111_320 * Math.cos((lat1 * Math.PI) / 180);
  const dy = (lat2 - lat1) * 110_574;
  return Math.hypot(dx, dy);
}

function vertices(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): number[][] {
  return polygonsOf(geometry as never).flat(2);
}

/** The largest distance from a vertex of `a` to the nearest vertex of `b`. */
function farthest(a: number[][], b: number[][]): number {
  return Math.max(...a.map((p) => Math.min(...b.map((q) => metres(p, q)))));
}

describe('the same features as GeoJSON (WGS84) and as a Shapefile (VN-2000 TM-3 108°30′)', () => {
  let geoImport: PlanningImport;
  let shpImport: PlanningImport;

  test('GeoJSON: detected, validated, the bow-tie repaired', async () => {
    const datasetId = await newDataset();
    const up = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    assert.equal(up.status, 'uploaded');
    assert.deepEqual(up.detected, {
      format: 'geojson',
      files: [],
      encodingFromCpg: null,
      crsFromFile: 'EPSG:4326',
      unknownPrj: null,
      columns: ['MADAT', 'TEN', 'TANG', 'MATDO'],
      featureCount: null,
    });
    geoImport = await importThrough(up.id);
    assert.equal(geoImport.status, 'validated', JSON.stringify(geoImport.report));
    const report = geoImport.report;
    assert.ok(report);
    assert.equal(report.total, 4);
    assert.equal(report.accepted, 4);
    assert.equal(report.repaired, 1);
    assert.equal(report.errors, 0);
    assert.deepEqual(
      report.issues.map((i) => [i.kind, i.feature]),
      [['repaired_geometry', 3]],
    );
    assert.equal(geoImport.processed, 4);
    assert.equal(geoImport.total, 4);
    const rows = await zonesOf(geoImport.id);
    assert.deepEqual(
      rows.map((r) => [r.code, r.name, r.max_floors, r.density_pct]),
      [
        ['ODT', 'Đất ở tại đô thị', 5, 60],
        ['CLN', 'Đất trồng cây lâu năm', null, null],
        ['DGT', 'Đất giao thông', null, null],
        ['TMD', 'Đất thương mại, dịch vụ', 9, 40.5],
      ],
    );
    const [withHole, multi, bowTie] = rows;
    assert.ok(withHole);
    assert.equal(withHole.geom.type, 'Polygon');
    assert.equal((withHole.geom.coordinates as number[][][]).length, 2, 'the hole is kept');
    assert.equal(multi?.geom.type, 'MultiPolygon');
    assert.equal(bowTie?.geom.type, 'MultiPolygon', 'the bow-tie becomes its two triangles');
    // 0.006° squared minus the hole's 0.002° squared, around 12.68° N: ≈ 38.4 ha.
    const expected = 0.000032 * 111_320 * Math.cos((12.683 * Math.PI) / 180) * 110_602;
    assert.ok(Math.abs((withHole?.area_m2 ?? 0) - expected) / expected < 0.005, `${withHole?.area_m2} m²`);
  });

  test('Shapefile in VN-2000 TM-3: .prj and .cpg read, lands within 1 m of the GeoJSON and of proj4 control points', async () => {
    const datasetId = await newDataset();
    const zip = await shapefileZipOf(sampleZones(), {
      crs: 'EPSG:9218',
      encoding: 'utf-8',
      towgs84: TOWGS84,
      folder: 'ban-do/quy-hoach',
    });
    const up = await uploaded(datasetId, zip);
    assert.deepEqual(
      { ...up.detected, files: [...up.detected.files].sort() },
      {
        format: 'shapefile',
        files: ['zones.cpg', 'zones.dbf', 'zones.prj', 'zones.shp', 'zones.shx'],
        encodingFromCpg: 'utf-8',
        crsFromFile: 'EPSG:9218',
        unknownPrj: null,
        columns: ['MADAT', 'TEN', 'TANG', 'MATDO'],
        featureCount: 4,
      },
    );
    shpImport = await importThrough(up.id);
    assert.equal(shpImport.status, 'validated', JSON.stringify(shpImport.report));
    assert.equal(shpImport.report?.accepted, 4);
    assert.equal(shpImport.report?.repaired, 1);
    const fromShp = await zonesOf(shpImport.id);
    const fromGeo = await zonesOf(geoImport.id);
    assert.deepEqual(
      fromShp.map((r) => [r.code, r.name, r.max_floors, r.density_pct]),
      fromGeo.map((r) => [r.code, r.name, r.max_floors, r.density_pct]),
    );
    const originals = sampleZones();
    const project = projector('EPSG:9218', TOWGS84);
    const unproject = reprojector('EPSG:9218', TOWGS84);
    for (const [i, row] of fromShp.entries()) {
      const geo = fromGeo[i];
      assert.ok(geo);
      assert.equal(row.geom.type, geo.geom.type);
      const a = vertices(row.geom);
      const b = vertices(geo.geom);
      assert.ok(farthest(a, b) < 1, `feature ${i + 1}: ${farthest(a, b)} m from the GeoJSON's`);
      assert.ok(farthest(b, a) < 1);
      // Control points: the fixture's own WGS84 vertices, through proj4 into TM-3 and back.
      const control = vertices((originals[i] as FixtureFeature).geometry).map((p) => unproject(project(p)));
      for (const p of vertices((originals[i] as FixtureFeature).geometry))
        assert.ok(metres(p, unproject(project(p))) < 0.01, 'proj4 round trip');
      if (i !== 2) assert.ok(farthest(control, a) < 1, `feature ${i + 1} vs control points`);
    }
    // A known point: Buôn Ma Thuột's centre in TM-3 108°30′ lies ~51 km west of the false easting.
    const [x, y] = project([BMT.lon, BMT.lat]);
    assert.ok(x > 448_000 && x < 450_000 && y > 1_401_000 && y < 1_403_000, `${x}, ${y}`);
  });

  test('publish: the dataset goes live with its count and extent; a second publish replaces the first', async () => {
    const datasetId = shpImport.datasetId;
    const published = await post(`${shpImport.id}/publish`);
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json<PlanningImport>().status, 'published');
    const dataset = await t.database.db
      .selectFrom('planning_datasets')
      .selectAll()
      .where('id', '=', datasetId)
      .executeTakeFirstOrThrow();
    assert.equal(dataset.live_import_id, shpImport.id);
    assert.equal(dataset.feature_count, 4);
    assert.ok(dataset.extent_west !== null && Math.abs(dataset.extent_west - BMT.lon) < 1e-5);
    assert.deepEqual(errorOf(await post(`${shpImport.id}/publish`)), [409, 'PLANNING_IMPORT_STATE']);

    // The same dataset, a new file: live rows switch at once, the old ones are deleted by the job.
    const next = await uploaded(datasetId, geoJsonOf(sampleZones().slice(0, 2)), 'application/json');
    const validated = await importThrough(next.id);
    assert.equal(validated.status, 'validated');
    const live = () =>
      t.database.db
        .selectFrom('planning_zones as z')
        .innerJoin('planning_datasets as d', 'd.live_import_id', 'z.import_id')
        .select(['z.import_id'])
        .where('d.id', '=', datasetId)
        .execute();
    assert.equal((await live()).length, 4);
    // Lookups while the switch happens see the old rows or the new ones, never a mix or nothing.
    let stop = false;
    const seen: string[] = [];
    const reader = (async () => {
      while (!stop) {
        const rows = await live();
        const ids = new Set(rows.map((r) => r.import_id));
        assert.equal(ids.size, 1, 'one import at a time');
        seen.push(`${[...ids][0] === shpImport.id ? 'old' : 'new'}:${rows.length}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await post(`${next.id}/publish`);
    assert.equal(second.statusCode, 200, second.body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop = true;
    await reader;
    assert.ok(
      seen.every((s) => s === 'old:4' || s === 'new:2'),
      seen.join(' '),
    );
    assert.equal(seen.at(-1), 'new:2');
    assert.equal(await stagedRows(shpImport.id), 4, 'the replaced rows wait for the job');
    // Within the grace after a publish (lookups elsewhere may still name the old import) the job keeps them.
    await t.app.services.planningImports.runPending();
    assert.equal(await stagedRows(shpImport.id), 4, 'kept while other processes may still read them');
    await t.database.db
      .updateTable('planning_datasets')
      .set({ published_at: new Date(Date.now() - 60_000) })
      .where('id', '=', datasetId)
      .execute();
    await t.app.services.planningImports.runPending();
    assert.equal(await stagedRows(shpImport.id), 0);
    assert.equal(await stagedRows(next.id), 2);
    const list = await t.app.inject({
      url: `/api/v1/admin/planning/datasets/${datasetId}/imports`,
      headers: admin.headers,
    });
    assert.deepEqual(
      list.json<PlanningImport[]>().map((i) => [i.id, i.status]),
      [
        [next.id, 'published'],
        [shpImport.id, 'published'],
      ],
    );
  });
});

describe('legacy encodings', () => {
  test('a .dbf in TCVN3 without .cpg: the preview shows the choice, the text round-trips exactly', async () => {
    const datasetId = await newDataset();
    const zip = await shapefileZipOf(sampleZones(), {
      crs: 'EPSG:9218',
      encoding: 'tcvn3',
      cpg: false,
      towgs84: TOWGS84,
    });
    const up = await uploaded(datasetId, zip);
    assert.equal(up.detected.encodingFromCpg, null);
    const preview = async (encoding: string) => {
      const res = await t.app.inject({
        url: `/api/v1/admin/planning/imports/${up.id}/preview?encoding=${encoding}`,
        headers: admin.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<PlanningImportPreview>();
    };
    const right = await preview('tcvn3');
    assert.equal(right.encoding, 'tcvn3');
    assert.deepEqual(right.columns, ['MADAT', 'TEN', 'TANG', 'MATDO']);
    assert.deepEqual(
      right.rows.map((r) => r.TEN),
      ['Đất ở tại đô thị', 'Đất trồng cây lâu năm', 'Đất giao thông', 'Đất thương mại, dịch vụ'],
    );
    const wrong = await preview('windows-1258');
    assert.notEqual(wrong.rows[0]?.TEN, 'Đất ở tại đô thị', 'a wrong choice shows');
    assert.deepEqual(errorOf(await post(`${up.id}/start`, { mapping: ZONE_MAPPING })), [
      422,
      'PLANNING_ENCODING_REQUIRED',
    ]);
    const done = await importThrough(up.id, { encoding: 'tcvn3', mapping: ZONE_MAPPING });
    assert.equal(done.status, 'validated');
    assert.equal(done.encoding, 'tcvn3');
    assert.deepEqual(
      (await zonesOf(up.id)).slice(0, 2).map((r) => r.name),
      ['Đất ở tại đô thị', 'Đất trồng cây lâu năm'],
    );
  });
});

describe('broken files are rejected with a report and no rows', () => {
  test('an unrepairable geometry and a point: failed, listed, nothing staged', async () => {
    const datasetId = await newDataset();
    const { lon, lat } = BMT;
    const features: FixtureFeature[] = [
      ...sampleZones(),
      {
        properties: { MADAT: 'ODT', TEN: 'thẳng hàng', TANG: null, MATDO: null },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 0.001, lat],
              [lon + 0.002, lat],
              [lon, lat],
            ],
          ],
        },
      },
    ];
    const json = JSON.parse(geoJsonOf(features).toString());
    json.features.push({
      type: 'Feature',
      properties: { MADAT: 'ODT' },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
    json.features.push({
      type: 'Feature',
      properties: { MADAT: '', TANG: 'năm' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat],
            [lon + 0.001, lat],
            [lon + 0.001, lat + 0.001],
            [lon, lat],
          ],
        ],
      },
    });
    const up = await uploaded(datasetId, Buffer.from(JSON.stringify(json)), 'application/geo+json');
    const done = await importThrough(up.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.report?.errors, 3);
    assert.deepEqual(
      done.report?.issues.filter((i) => i.kind !== 'repaired_geometry').map((i) => [i.kind, i.feature]),
      [
        ['invalid_geometry', 5],
        ['not_polygon', 6],
        ['missing_code', 7],
        ['bad_number', 7],
      ],
    );
    assert.equal(await stagedRows(up.id), 0);
    assert.deepEqual(errorOf(await post(`${up.id}/publish`)), [409, 'PLANNING_IMPORT_STATE']);
  });

  test('a Shapefile without .prj and no coordinate system chosen: PLANNING_CRS_REQUIRED', async () => {
    const datasetId = await newDataset();
    const zip = await shapefileZipOf(sampleZones(), {
      crs: 'EPSG:9218',
      encoding: 'utf-8',
      prj: false,
      towgs84: TOWGS84,
    });
    const up = await uploaded(datasetId, zip);
    assert.equal(up.detected.crsFromFile, null);
    assert.deepEqual(errorOf(await post(`${up.id}/start`, { mapping: ZONE_MAPPING })), [
      422,
      'PLANNING_CRS_REQUIRED',
    ]);
    assert.equal((await getImport(up.id)).status, 'uploaded');
    assert.equal(await stagedRows(up.id), 0);
  });

  test('a truncated .shp: failed with unreadable_file, nothing staged', async () => {
    const datasetId = await newDataset();
    const zip = await shapefileZipOf(gridZones(300), {
      crs: 'EPSG:9218',
      encoding: 'utf-8',
      towgs84: TOWGS84,
      truncateShpTo: 0.6,
    });
    const up = await uploaded(datasetId, zip);
    const done = await importThrough(up.id);
    assert.equal(done.status, 'failed');
    assert.deepEqual(
      done.report?.issues.map((i) => i.kind),
      ['unreadable_file'],
    );
    assert.equal(await stagedRows(up.id), 0);
  });

  test('a GeoJSON cut short: failed with unreadable_file, nothing staged', async () => {
    const datasetId = await newDataset();
    const whole = geoJsonOf(gridZones(1500));
    const up = await uploaded(
      datasetId,
      whole.subarray(0, Math.floor(whole.length * 0.8)),
      'application/json',
    );
    const done = await importThrough(up.id);
    assert.equal(done.status, 'failed');
    assert.deepEqual(
      done.report?.issues.map((i) => i.kind),
      ['unreadable_file'],
    );
    assert.equal(await stagedRows(up.id), 0);
  });

  test('a file that is neither a zip nor JSON: 422 PLANNING_FILE_INVALID, nothing stored', async () => {
    const datasetId = await newDataset();
    const res = await upload(
      datasetId,
      Buffer.from('GIF89a this is not a plan'.repeat(10)),
      'application/zip',
    );
    assert.deepEqual(errorOf(res), [422, 'PLANNING_FILE_INVALID']);
    const zipWithoutShp = await shapefileZipOf(sampleZones(), {
      crs: 'EPSG:9218',
      encoding: 'utf-8',
      towgs84: TOWGS84,
    });
    // A zip whose .shp is renamed away.
    const broken = Buffer.from(
      zipWithoutShp.toString('latin1').replaceAll('zones.shp', 'zones.txt'),
      'latin1',
    );
    assert.deepEqual(errorOf(await upload(datasetId, broken)), [422, 'PLANNING_FILE_INVALID']);
    const imports = await t.app.inject({
      url: `/api/v1/admin/planning/datasets/${datasetId}/imports`,
      headers: admin.headers,
    });
    assert.deepEqual(imports.json(), []);
  });

  test('a mapping naming a column the file lacks, or without a required field: PLANNING_MAPPING_INVALID', async () => {
    const datasetId = await newDataset();
    const up = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    const res = await post(`${up.id}/start`, { mapping: { zone: { code: 'MA_DAT' } } });
    assert.deepEqual(errorOf(res), [422, 'PLANNING_MAPPING_INVALID']);
    assert.deepEqual(res.json<{ error: { details: unknown } }>().error.details, {
      missingFields: [],
      unknownColumns: ['MA_DAT'],
    });
    const cadastral = await newDataset('cadastral');
    const parcels = await uploaded(cadastral, geoJsonOf(sampleZones()), 'application/geo+json');
    const missing = await post(`${parcels.id}/start`, { mapping: { parcel: { communeCode: 'MADAT' } } });
    assert.deepEqual(missing.json<{ error: { details: unknown } }>().error.details, {
      missingFields: ['sheet', 'parcelNo'],
      unknownColumns: [],
    });
  });
});

describe('cancel', () => {
  test('mid-import: the job stops within a batch and leaves no staged rows', async () => {
    const datasetId = await newDataset();
    const up = await uploaded(datasetId, geoJsonOf(gridZones(20_000)), 'application/geo+json');
    const started = await post(`${up.id}/start`, { mapping: ZONE_MAPPING });
    assert.equal(started.statusCode, 200);
    const job = t.app.services.planningImports.runPending();
    let progress = 0;
    while (progress === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      progress = (await getImport(up.id)).processed;
    }
    const cancel = await post(`${up.id}/cancel`);
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json<PlanningImport>().cancelRequested, true);
    await job;
    const done = await getImport(up.id);
    assert.equal(done.status, 'cancelled');
    assert.ok(done.processed < 20_000, `stopped early (${done.processed})`);
    assert.equal(await stagedRows(up.id), 0);
    const { file_key } = await t.database.db
      .selectFrom('planning_imports')
      .select('file_key')
      .where('id', '=', up.id)
      .executeTakeFirstOrThrow();
    assert.equal(await createFileStore(t.config.storage).exists(file_key), false, 'the upload is deleted');
    assert.deepEqual(errorOf(await post(`${up.id}/cancel`)), [409, 'PLANNING_IMPORT_STATE']);
  });

  test('a validated import: cancelled at once, its rows then deleted by the job, the live data untouched', async () => {
    const datasetId = await newDataset();
    const first = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    await importThrough(first.id);
    assert.equal((await post(`${first.id}/publish`)).statusCode, 200);
    const second = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    await importThrough(second.id);
    assert.equal(await stagedRows(second.id), 4);
    const res = await post(`${second.id}/cancel`);
    assert.equal(res.json<PlanningImport>().status, 'cancelled');
    // The request only changes the status; the job deletes the invisible staged rows.
    await t.app.services.planningImports.runPending();
    assert.equal(await stagedRows(second.id), 0);
    assert.equal(await stagedRows(first.id), 4);
    const audit = await t.app.inject({
      url: `/api/v1/audit-log?entityType=planning_import&entityId=${second.id}`,
      headers: admin.headers,
    });
    assert.deepEqual(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((e) => e.action)
        .sort(),
      ['planning_import.cancel', 'planning_import.start', 'planning_import.upload'],
    );
  });
});

describe('the job', () => {
  test('retakes a running import whose worker stopped (lease expired), starting over from nothing', async () => {
    const datasetId = await newDataset();
    const up = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    assert.equal((await post(`${up.id}/start`, { mapping: ZONE_MAPPING })).statusCode, 200);
    // A worker took it, staged a row and died: its lease ran out a minute ago.
    const past = new Date(Date.now() - 60_000);
    await t.database.db
      .updateTable('planning_imports')
      .set({ status: 'running', lease_until: past, started_at: new Date(Date.now() - 120_000), processed: 1 })
      .where('id', '=', up.id)
      .execute();
    await planningImportRepository.insertZones(t.database.db, up.id, datasetId, [
      {
        sourceIndex: 1,
        values: {
          code: 'ODT',
          name: 'half-done',
          function: null,
          area_m2: null,
          density_pct: null,
          max_floors: null,
          max_height_m: null,
          setback: null,
          note: null,
        },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [108, 12],
              [108.1, 12],
              [108.1, 12.1],
              [108, 12],
            ],
          ],
        },
        bbox: [108, 12, 108.1, 12.1],
      },
    ]);
    // A lease still running is left alone.
    await t.database.db
      .updateTable('planning_imports')
      .set({ lease_until: new Date(Date.now() + 60_000) })
      .where('id', '=', up.id)
      .execute();
    assert.equal(await t.app.services.planningImports.runPending(), 0);
    await t.database.db
      .updateTable('planning_imports')
      .set({ lease_until: past })
      .where('id', '=', up.id)
      .execute();
    assert.equal(await t.app.services.planningImports.runPending(), 1);
    const done = await getImport(up.id);
    assert.equal(done.status, 'validated');
    const rows = await zonesOf(up.id);
    assert.equal(rows.length, 4, "the dead worker's row is gone, each feature staged once");
    assert.ok(rows.every((r) => r.name !== 'half-done'));
  });
});

describe('access and streaming', () => {
  test("a planning officer of another agency gets 404 on every import route; their own agency's work", async () => {
    const datasetId = await newDataset();
    const up = await uploaded(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
    const other = await createStaff(t.app, admin, {
      username: 'qh-khac',
      role: 'planning_officer',
      agencyId: agencyB,
    });
    const own = await createStaff(t.app, admin, {
      username: 'qh-xay-dung',
      role: 'planning_officer',
      agencyId: agencyA,
    });
    const routes = [
      { method: 'GET' as const, url: `/api/v1/admin/planning/imports/${up.id}` },
      { method: 'GET' as const, url: `/api/v1/admin/planning/imports/${up.id}/preview` },
      {
        method: 'POST' as const,
        url: `/api/v1/admin/planning/imports/${up.id}/start`,
        payload: { mapping: ZONE_MAPPING },
      },
      { method: 'POST' as const, url: `/api/v1/admin/planning/imports/${up.id}/cancel` },
      { method: 'POST' as const, url: `/api/v1/admin/planning/imports/${up.id}/publish` },
    ];
    for (const route of routes) {
      const res = await t.app.inject({ ...route, headers: other.headers });
      assert.deepEqual(errorOf(res), [404, 'PLANNING_IMPORT_NOT_FOUND'], route.url);
    }
    const list = await t.app.inject({
      url: `/api/v1/admin/planning/datasets/${datasetId}/imports`,
      headers: other.headers,
    });
    assert.deepEqual(errorOf(list), [404, 'PLANNING_DATASET_NOT_FOUND']);
    assert.deepEqual(errorOf(await upload(datasetId, geoJsonOf(sampleZones()), 'application/json', other)), [
      404,
      'PLANNING_DATASET_NOT_FOUND',
    ]);
    const mine = await t.app.inject({ url: `/api/v1/admin/planning/imports/${up.id}`, headers: own.headers });
    assert.equal(mine.statusCode, 200);
    assert.equal(
      (await upload(datasetId, geoJsonOf(sampleZones()), 'application/json', own)).statusCode,
      201,
    );
  });

  test('the upload reaches the service as a stream; over the limit is 413 whether declared or not', async () => {
    const datasetId = await newDataset();
    const service = t.app.services.planningImports;
    const original = service.upload;
    const bodies: unknown[] = [];
    service.upload = (actor, id, name, body) => {
      bodies.push(body);
      return original(actor, id, name, body);
    };
    try {
      const ok = await upload(datasetId, geoJsonOf(sampleZones()), 'application/geo+json');
      assert.equal(ok.statusCode, 201);
      assert.ok(!Buffer.isBuffer(bodies[0]), 'not a buffer');
      assert.ok(
        typeof bodies[0] === 'object' && bodies[0] !== null && Symbol.asyncIterator in bodies[0],
        'a stream',
      );
      // 12 MB against an 8 MB limit, sent without a length: stopped as it flows.
      const big = Readable.from(
        (function* () {
          yield Buffer.from('{"type":"FeatureCollection","features":[');
          for (let i = 0; i < 192; i += 1) yield Buffer.alloc(64 * 1024, 0x20);
        })(),
      );
      assert.deepEqual(errorOf(await upload(datasetId, big, 'application/json')), [
        413,
        'PLANNING_FILE_TOO_LARGE',
      ]);
      const declared = await upload(datasetId, Buffer.from('{}'), 'application/json', admin, {
        'content-length': String(9 * 1024 * 1024),
      });
      assert.equal(declared.statusCode, 413);
    } finally {
      service.upload = original;
    }
    const orphans = [];
    for await (const file of orphanFiles()) orphans.push(file.key);
    assert.deepEqual(orphans, [], 'a refused upload leaves no file behind');
  });
});

/** Stored planning uploads that no import names. */
async function* orphanFiles() {
  const store = createFileStore(t.config.storage);
  const keys = new Set(
    (await t.database.db.selectFrom('planning_imports').select('file_key').execute()).map((r) => r.file_key),
  );
  for await (const file of store.list('planning-imports/')) if (!keys.has(file.key)) yield file;
}

describe('on S3 storage', () => {
  test('a zipped Shapefile goes through upload, preview and import; a refused upload is 413, not 503', async () => {
    const { startS3 } = await import('../../testing/s3.ts');
    const s3 = await startS3();
    const other = await startTestApp({ env: { ...s3.env(), PLANNING_MAX_UPLOAD_MB: '1' } });
    try {
      const session = await login(other.app, ADMIN.username, ADMIN.password);
      const dataset = await planningDatasetRepository.insert(other.database.db, {
        agency_id: await agencyId(other.database, 'so-xay-dung'),
        name: 'Quy hoạch trên S3',
        kind: 'construction_zoning',
      });
      const send = (payload: Buffer | Readable, type: string) =>
        other.app.inject({
          method: 'POST',
          url: `/api/v1/admin/planning/datasets/${dataset.id}/imports?fileName=zones.zip`,
          headers: { ...session.headers, 'content-type': type },
          payload,
        });
      const zip = await shapefileZipOf(sampleZones(), {
        crs: 'EPSG:9218',
        encoding: 'utf-8',
        towgs84: TOWGS84,
      });
      const up = await send(zip, 'application/zip');
      assert.equal(up.statusCode, 201, up.body);
      const id = up.json<PlanningImport>().id;
      const preview = await other.app.inject({
        url: `/api/v1/admin/planning/imports/${id}/preview`,
        headers: session.headers,
      });
      assert.equal(preview.json<PlanningImportPreview>().rows[0]?.TEN, 'Đất ở tại đô thị');
      const started = await other.app.inject({
        method: 'POST',
        url: `/api/v1/admin/planning/imports/${id}/start`,
        headers: session.headers,
        payload: { mapping: ZONE_MAPPING },
      });
      assert.equal(started.statusCode, 200, started.body);
      await other.app.services.planningImports.runPending();
      const done = await other.app.inject({
        url: `/api/v1/admin/planning/imports/${id}`,
        headers: session.headers,
      });
      assert.equal(done.json<PlanningImport>().status, 'validated');
      const big = Readable.from(
        (function* () {
          yield Buffer.from('{"type":"FeatureCollection","features":[');
          for (let i = 0; i < 32; i += 1) yield Buffer.alloc(64 * 1024, 0x20);
        })(),
      );
      assert.deepEqual(errorOf(await send(big, 'application/json')), [413, 'PLANNING_FILE_TOO_LARGE']);
    } finally {
      await other.close();
      await s3.close();
    }
  });
});
