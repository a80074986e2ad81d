// Planning import throughput through the real service and job, as a ratio of a ceiling measured in the same run.
//   node bench/planning-import.ts [parcels=200000] [zones=50000]      (--million: 1,000,000 parcels)
// On PGlite, or on PostgreSQL with TEST_DATABASE_URL (a throwaway schema, as the tests use). Generates a zipped
// Shapefile of N cadastral parcels in VN-2000 TM-3 108°30′ (UTF-8 .dbf) and a GeoJSON of M zones in WGS84, then
// for each: upload (streamed, detected) → start → the job's run (read, reproject, validate, stage in batches) →
// publish → the next publish's deletion of the replaced rows. The ceiling is the same reading, reprojection and
// validation with no database (what the import would do if inserts cost nothing). Peak RSS is sampled every 50 ms
// while the job runs. CPU time of this process per 1000 features moves much less with the neighbours' load than
// the rates do (on PGlite it includes the database, which runs in this process). The target: ≥ 20,000
// features/s.

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { PlanningImport } from '@dltt/contracts';
import { reprojector } from '../apps/server/src/modules/planning/import/crs.ts';
import { loadProvinceTest } from '../apps/server/src/modules/planning/import/province.ts';
import { readGeoJson, readShapefile } from '../apps/server/src/modules/planning/import/readers.ts';
import { IMPORT_BATCH } from '../apps/server/src/modules/planning/import/run.ts';
import {
  ReportBuilder,
  validateParcel,
  validateZone,
} from '../apps/server/src/modules/planning/import/validate.ts';
import { extractShapefile } from '../apps/server/src/modules/planning/import/zip.ts';
import { planningDatasetRepository } from '../apps/server/src/modules/planning/planning-datasets.repository.ts';
import { planningImportRepository } from '../apps/server/src/modules/planning/planning-imports.repository.ts';
import {
  ADMIN,
  agencyId,
  login,
  startTestApp,
  TEST_DATABASE_URL,
} from '../apps/server/src/testing/harness.ts';
import {
  PARCEL_FIELDS,
  parcelsOnGrid,
  writeShapefileZip,
  zonesOnGrid,
} from '../apps/server/src/testing/planning-fixtures.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const parcels = process.argv.includes('--million') ? 1_000_000 : Number(args[0] ?? 200_000);
const zones = Number(args[1] ?? 50_000);
const TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';
const CODES = ['ODT', 'CLN', 'TMD', 'DGT', 'ONT'];
const PARCEL_MAPPING = {
  zone: {},
  parcel: { communeCode: 'MAXA', sheet: 'SOTO', parcelNo: 'SOTHUA', landType: 'LOAIDAT' },
};
const ZONE_MAPPING = {
  zone: { code: 'MADAT', name: 'TEN', maxFloors: 'TANG', densityPct: 'MATDO' },
  parcel: {},
};

const dir = await mkdtemp(path.join(tmpdir(), 'dltt-bench-planning-'));
const zipFile = path.join(dir, 'parcels.zip');
const jsonFile = path.join(dir, 'zones.geojson');

async function writeGeoJson(file: string, count: number) {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"type":"FeatureCollection","features":[');
  let first = true;
  for (const f of zonesOnGrid(count, CODES)) {
    await write(
      `${first ? '' : ','}${JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry })}`,
    );
    first = false;
  }
  await write(']}');
  out.end();
  await once(out, 'finish');
}

let generated = performance.now();
await writeShapefileZip(zipFile, parcelsOnGrid(parcels), {
  crs: 'EPSG:9218',
  encoding: 'utf-8',
  towgs84: TOWGS84,
  fields: PARCEL_FIELDS,
});
await writeGeoJson(jsonFile, zones);
generated = performance.now() - generated;

const t = await startTestApp({ env: { PLANNING_MAX_UPLOAD_MB: '4000' } });
const results: string[] = [];
try {
  const admin = await login(t.app, ADMIN.username, ADMIN.password);
  const agency = await agencyId(t.database, 'so-xay-dung');
  await t.database.db
    .insertInto('land_use_codes')
    .values(
      CODES.map((code) => ({
        code,
        name_vi: code,
        name_en: code,
        land_group: 'non_agricultural' as const,
        color: '#808080',
        created_at: new Date(),
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const inProvince = await loadProvinceTest(t.config.referenceDir);
  const knownCodes = await planningImportRepository.knownCodes(t.database.db);

  /** Reading, reprojection and validation alone: the import with inserts that cost nothing. */
  async function ceiling(kind: 'parcels' | 'zones'): Promise<{ rate: number; cpuMs: number }> {
    const report = new ReportBuilder();
    const context = {
      reproject: reprojector(kind === 'parcels' ? 'EPSG:9218' : 'EPSG:4326', TOWGS84),
      inProvince,
      knownCodes,
      report,
    };
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    let count = 0;
    if (kind === 'parcels') {
      const out = await mkdtemp(path.join(dir, 'x-'));
      const { parts } = await extractShapefile(zipFile, out, 1e12);
      for await (const batch of readShapefile(parts, 'utf-8', IMPORT_BATCH))
        for (const record of batch) if (validateParcel(record, PARCEL_MAPPING.parcel, context)) count += 1;
      await rm(out, { recursive: true, force: true });
    } else {
      for await (const batch of readGeoJson(jsonFile, IMPORT_BATCH))
        for (const record of batch) if (validateZone(record, ZONE_MAPPING.zone, context)) count += 1;
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { rate: count / ((performance.now() - start) / 1000), cpuMs: (cpu.user + cpu.system) / 1000 };
  }

  async function run(kind: 'parcels' | 'zones') {
    const file = kind === 'parcels' ? zipFile : jsonFile;
    const count = kind === 'parcels' ? parcels : zones;
    const dataset = await planningDatasetRepository.insert(t.database.db, {
      agency_id: agency,
      name: `Bench ${kind}`,
      kind: kind === 'parcels' ? 'cadastral' : 'construction_zoning',
    });
    const upload = async (body: NodeJS.ReadableStream | Buffer, type: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/planning/datasets/${dataset.id}/imports?fileName=${kind}`,
        headers: { ...admin.headers, 'content-type': type },
        payload: body,
      });
      if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      return res.json<PlanningImport>();
    };
    const post = async (url: string, payload?: object) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/planning/imports/${url}`,
        headers: admin.headers,
        ...(payload ? { payload } : {}),
      });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json<PlanningImport>();
    };
    const type = kind === 'parcels' ? 'application/zip' : 'application/geo+json';
    let uploadMs = performance.now();
    const up = await upload(createReadStream(file), type);
    uploadMs = performance.now() - uploadMs;
    await post(`${up.id}/start`, { mapping: kind === 'parcels' ? PARCEL_MAPPING : ZONE_MAPPING });
    let peak = process.memoryUsage().rss;
    const before = peak;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    let importMs = performance.now();
    const cpuBefore = process.cpuUsage();
    await t.app.services.planningImports.runPending();
    const cpuUsed = process.cpuUsage(cpuBefore);
    importMs = performance.now() - importMs;
    const importCpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
    clearInterval(sampler);
    const done = (
      await t.app.inject({ url: `/api/v1/admin/planning/imports/${up.id}`, headers: admin.headers })
    ).json<PlanningImport>();
    if (done.status !== 'validated' || done.report?.accepted !== count)
      throw new Error(`import ${done.status}: ${JSON.stringify(done.report).slice(0, 500)}`);
    let publishMs = performance.now();
    await post(`${up.id}/publish`);
    publishMs = performance.now() - publishMs;
    // A one-feature replacement: its publish, then the job deleting the N replaced rows.
    const small =
      kind === 'parcels'
        ? await (async () => {
            const one = path.join(dir, 'one.zip');
            await writeShapefileZip(one, parcelsOnGrid(1), {
              crs: 'EPSG:9218',
              encoding: 'utf-8',
              towgs84: TOWGS84,
              fields: PARCEL_FIELDS,
            });
            return upload(createReadStream(one), type);
          })()
        : await upload(
            Buffer.from(
              JSON.stringify({
                type: 'FeatureCollection',
                features: [...zonesOnGrid(1, CODES)].map((f) => ({ type: 'Feature', ...f })),
              }),
            ),
            type,
          );
    await post(`${small.id}/start`, { mapping: kind === 'parcels' ? PARCEL_MAPPING : ZONE_MAPPING });
    await t.app.services.planningImports.runPending();
    let republishMs = performance.now();
    await post(`${small.id}/publish`);
    republishMs = performance.now() - republishMs;
    // The job keeps replaced rows for a grace after a publish (other processes' lookups may still read them):
    // measured as if that time had passed.
    await t.database.db
      .updateTable('planning_datasets')
      .set({ published_at: new Date(Date.now() - 60_000) })
      .where('id', '=', dataset.id)
      .execute();
    let purgeMs = performance.now();
    await t.app.services.planningImports.runPending();
    purgeMs = performance.now() - purgeMs;
    const ceil = await ceiling(kind);
    const rate = count / (importMs / 1000);
    const perThousand = (ms: number) => ((ms / count) * 1000).toFixed(0);
    const size = (await stat(file)).size;
    results.push(
      `| ${kind === 'parcels' ? 'Shapefile (VN-2000 TM-3), parcels' : 'GeoJSON (WGS84), zones'} | ${count.toLocaleString('en')} | ${(size / 1048576).toFixed(0)} MB | ` +
        `${(uploadMs / 1000).toFixed(1)} | ${(importMs / 1000).toFixed(1)} | ${Math.round(rate).toLocaleString('en')} | ` +
        `${Math.round(ceil.rate).toLocaleString('en')} | ${((rate / ceil.rate) * 100).toFixed(0)} % | ` +
        `${perThousand(importCpuMs)} / ${perThousand(ceil.cpuMs)} | ${(before / 1048576).toFixed(0)} → ${(peak / 1048576).toFixed(0)} | ` +
        `${publishMs.toFixed(0)} / ${republishMs.toFixed(0)} | ${(purgeMs / 1000).toFixed(1)} |`,
    );
  }

  await run('parcels');
  await run('zones');
} finally {
  await t.close();
  await rm(dir, { recursive: true, force: true });
}

console.log(
  `database: ${TEST_DATABASE_URL ? 'postgresql' : 'pglite'}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)}; ` +
    `files generated in ${(generated / 1000).toFixed(1)} s (not counted)`,
);
console.log(
  '| file | features | size | upload + detect s | import s | features/s | ceiling (no database) features/s | of ceiling | server CPU ms per 1000 features, import / ceiling | RSS MB before → peak | publish / republish ms | deleting the replaced rows s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const line of results) console.log(line);
