import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanningParcelResult, PlanningPointResult, PublicPlanningDataset } from '@dltt/contracts';
import area from '@turf/area';
import { prepareDatabase } from '../../bootstrap.ts';
import { ADMIN, login, startTestApp, type TestContext } from '../../testing/harness.ts';
import { bboxOf } from './geometry.ts';
import { intersectionArea } from './planning-lookup.service.ts';
import { generatePlanningSample, SAMPLE_COMMUNE_CODE } from './planning-sample.ts';

describe('sample planning data', () => {
  let t: TestContext;
  let ward: [number, number][][];
  before(async () => {
    t = await startTestApp();
    const file = JSON.parse(await readFile(path.join(t.config.referenceDir, 'communes.geojson'), 'utf8')) as {
      features: { properties: { code: string }; geometry: { coordinates: [number, number][][][] } }[];
    };
    const feature = file.features.find((f) => f.properties.code === SAMPLE_COMMUNE_CODE);
    ward = feature!.geometry.coordinates.map((polygon) => polygon[0]!);
  });
  after(() => t.close());

  test('is generated the same every time, inside the ward, with plausible codes and limits', () => {
    const one = generatePlanningSample(ward);
    assert.deepEqual(generatePlanningSample(ward), one);
    const codes = new Map<string, number>();
    for (const z of one.zones) codes.set(z.code, (codes.get(z.code) ?? 0) + 1);
    for (const code of ['ODT', 'TMD', 'DGD', 'DYT', 'DVH', 'DTT', 'CLN', 'SON', 'DGT'])
      assert.ok(codes.has(code), code);
    assert.ok((codes.get('ODT') ?? 0) > (codes.get('TMD') ?? 0));
    for (const z of one.zones.filter((z) => z.code === 'ODT')) {
      assert.ok(z.densityPct! >= 60 && z.densityPct! <= 80);
      assert.ok(z.maxFloors! >= 3 && z.maxFloors! <= 7);
    }
    // Clipped to the ward: zones at the edge lie inside it (all but rounding of their area).
    const wardGeom = { type: 'MultiPolygon' as const, coordinates: ward.map((ring) => [ring]) };
    const edge = one.zones.filter((z) => z.code === 'CLN').slice(0, 12);
    assert.equal(edge.length, 12);
    for (const z of edge) {
      const own = area(z.geom as Parameters<typeof area>[0]);
      assert.ok(Math.abs(intersectionArea(z.geom, wardGeom) - own) < own * 1e-4 + 0.1, z.name);
    }
    assert.ok(one.parcels.length >= 16);
    assert.equal(new Set(one.parcels.map((p) => `${p.sheet}/${p.parcelNo}`)).size, one.parcels.length);
  });

  test('is written once on request, answers lookups, and does not come back after removal', async () => {
    const first = await prepareDatabase(t.database, t.config, { planningSample: true });
    assert.ok((first.planningSample?.zones ?? 0) > 100, JSON.stringify(first.planningSample));
    const listed = await t.app.inject('/api/v1/planning/datasets');
    assert.equal(listed.statusCode, 200, listed.body);
    const datasets: PublicPlanningDataset[] = listed.json();
    assert.deepEqual(
      datasets.map((d) => [d.name, d.sample, d.kind]),
      [
        ['Dữ liệu mẫu — Quy hoạch phân khu Phường Buôn Ma Thuột', true, 'construction_zoning'],
        ['Dữ liệu mẫu — Bản đồ địa chính Phường Buôn Ma Thuột', true, 'cadastral'],
      ],
    );
    assert.match(datasets[0]!.decision!.number, /MẪU/);

    const { parcels } = generatePlanningSample(ward);
    const parcel = parcels[0]!;
    const [w, s, e, n] = bboxOf(parcel.geom);
    const at: PlanningPointResult = (
      await t.app.inject({
        url: '/api/v1/planning/lookup',
        query: { lat: String((s + n) / 2), lon: String((w + e) / 2) },
      })
    ).json();
    assert.equal(at.results[0]?.zones[0]?.code, 'ODT');
    assert.equal(at.parcel?.parcelNo, parcel.parcelNo);
    const byParcel: PlanningParcelResult = (
      await t.app.inject({
        url: '/api/v1/planning/parcels',
        query: { communeCode: SAMPLE_COMMUNE_CODE, sheet: parcel.sheet, parcelNo: parcel.parcelNo },
      })
    ).json();
    assert.equal(byParcel.results[0]?.zones[0]?.code, 'ODT');
    assert.ok(byParcel.results[0]!.zones[0]!.areaInsideM2 > 1000);

    const again = await prepareDatabase(t.database, t.config, { planningSample: true });
    assert.equal(again.planningSample?.zones, 0);
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/planning/sample',
      headers: admin.headers,
    });
    assert.deepEqual(removed.json(), { removed: 2 });
    await prepareDatabase(t.database, t.config, { planningSample: true });
    assert.deepEqual((await t.app.inject('/api/v1/planning/datasets')).json(), []);
  });
});
