import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PlanningParcelResult, PlanningPointResult, PlanningViewport } from '@dltt/contracts';
import area from '@turf/area';
import type { PolygonalGeometryJson } from '../../db/types.ts';
import { agencyId, errorOf, startTestApp, type TestContext } from '../../testing/harness.ts';
import { insertPlanningData, rect } from '../../testing/planning.ts';

// Zones in a small square near 108.01 E, 12.005 N (0.001° ≈ 110 m). Plan A (decision 2020): A1 (ODT, with a hole)
// and A2 (TMD) share the border lon = 108.010. Plan B (decision 2023) overlaps both with an unknown code.
const A1 = rect([108.0, 12.0, 108.01, 12.01], [[108.004, 12.004, 108.006, 12.006]]);
const A2 = rect([108.01, 12.0, 108.02, 12.01]);
const B1 = rect([108.008, 12.0, 108.015, 12.01]);
const EVERYWHERE = rect([107.99, 11.99, 108.03, 12.02]);
const P1 = rect([108.007, 12.001, 108.012, 12.003]);

const turfArea = (g: PolygonalGeometryJson) => area(g as Parameters<typeof area>[0]);

describe('planning lookup', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const agency = await agencyId(t.database, 'so-xay-dung');
    ids.A = (
      await insertPlanningData(db, {
        agencyId: agency,
        name: 'Quy hoạch A',
        decisionNumber: '100/QĐ-UBND',
        decisionDate: '2020-05-01',
        zones: [
          { code: 'ODT', geom: A1, name: 'Ô phố A1', densityPct: 70, maxFloors: 5 },
          { code: 'TMD', geom: A2, name: 'Ô phố A2' },
        ],
      })
    ).datasetId;
    ids.B = (
      await insertPlanningData(db, {
        agencyId: agency,
        name: 'Quy hoạch B',
        decisionNumber: '200/QĐ-UBND',
        decisionDate: '2023-03-01',
        zones: [{ code: 'XYZ', geom: B1 }],
      })
    ).datasetId;
    ids.superseded = (
      await insertPlanningData(db, {
        agencyId: agency,
        status: 'superseded',
        decisionDate: '2019-01-01',
        zones: [{ code: 'CLN', geom: EVERYWHERE }],
      })
    ).datasetId;
    ids.draft = (
      await insertPlanningData(db, {
        agencyId: agency,
        status: 'draft',
        decisionNumber: null,
        decisionDate: null,
        zones: [{ code: 'DGD', geom: EVERYWHERE }],
      })
    ).datasetId;
    ids.staged = (
      await insertPlanningData(db, {
        agencyId: agency,
        published: false,
        decisionDate: '2025-01-01',
        zones: [{ code: 'SKC', geom: EVERYWHERE }],
      })
    ).datasetId;
    ids.cadastral = (
      await insertPlanningData(db, {
        agencyId: await agencyId(t.database, 'so-nong-nghiep-moi-truong'),
        kind: 'cadastral',
        decisionNumber: null,
        parcels: [{ communeCode: '24133', sheet: '12', parcelNo: '45', geom: P1, landType: 'ODT' }],
      })
    ).datasetId;
  });
  after(() => t.close());

  async function point(lon: number, lat: number, datasetId?: string): Promise<PlanningPointResult> {
    const res = await t.app.inject({
      url: '/api/v1/planning/lookup',
      query: { lat: String(lat), lon: String(lon), ...(datasetId ? { datasetId } : {}) },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
  const summary = (r: PlanningPointResult) =>
    r.results.map((x) => [x.dataset.name, x.zones.map((z) => z.code)]);

  test('a point inside a zone: the zone with its dictionary name, colour, limits and the decision', async () => {
    const r = await point(108.002, 12.002);
    assert.deepEqual(summary(r), [['Quy hoạch A', ['ODT']]]);
    const zone = r.results[0]!.zones[0]!;
    assert.equal(zone.codeName, 'Đất ở tại đô thị');
    assert.equal(zone.color, '#ffa0ff');
    assert.equal(zone.name, 'Ô phố A1');
    assert.equal(zone.densityPct, 70);
    assert.equal(zone.maxFloors, 5);
    assert.deepEqual(r.results[0]!.dataset.decision, {
      number: '100/QĐ-UBND',
      date: '2020-05-01',
      authority: 'UBND tỉnh Đắk Lắk',
      url: null,
    });
    assert.equal(r.parcel, null);
  });

  test('outside every zone and in a hole: nothing', async () => {
    assert.deepEqual((await point(108.05, 12.05)).results, []);
    assert.deepEqual((await point(108.005, 12.005)).results, []);
    // On the hole's edge the point is in the zone (boundaries count as inside).
    assert.deepEqual(summary(await point(108.004, 12.005)), [['Quy hoạch A', ['ODT']]]);
  });

  test('on a shared border: both zones; overlapping plans: newest decision first; unknown code grey', async () => {
    const r = await point(108.01, 12.005);
    assert.deepEqual(summary(r), [
      ['Quy hoạch B', ['XYZ']],
      ['Quy hoạch A', ['ODT', 'TMD']],
    ]);
    const unknown = r.results[0]!.zones[0]!;
    assert.equal(unknown.codeName, null);
    assert.equal(unknown.color, '#9e9e9e');
  });

  test('superseded and staged plans never answer; a draft only when asked for by id', async () => {
    assert.deepEqual(summary(await point(107.995, 11.995)), []);
    const withDraft = await point(107.995, 11.995, ids.draft);
    assert.deepEqual(
      withDraft.results.map((x) => [x.dataset.status, x.zones[0]!.code]),
      [['draft', 'DGD']],
    );
    assert.equal(withDraft.results[0]!.dataset.decision, null);
    assert.deepEqual(summary(await point(107.995, 11.995, ids.superseded)), []);
    assert.deepEqual(summary(await point(107.995, 11.995, ids.staged)), []);
  });

  test('the parcel under the point comes from the cadastral layer, with its commune name', async () => {
    const r = await point(108.009, 12.002);
    assert.equal(r.parcel?.sheet, '12');
    assert.equal(r.parcel?.parcelNo, '45');
    assert.equal(r.parcel?.communeName, 'Phường Buôn Ma Thuột');
    assert.equal(r.parcel?.landType, 'ODT');
    assert.deepEqual(r.parcel?.geometry, P1);
  });

  test('by parcel: the zones it lies in with the area inside each, largest first', async () => {
    const res = await t.app.inject({
      url: '/api/v1/planning/parcels',
      query: { communeCode: '24133', sheet: '12', parcelNo: '45' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const r: PlanningParcelResult = res.json();
    assert.equal(r.parcel.communeName, 'Phường Buôn Ma Thuột');
    // Typed with leading zeros and spaces, as people copy them from a paper: the same parcel.
    const typed = await t.app.inject({
      url: '/api/v1/planning/parcels',
      query: { communeCode: '24133', sheet: '012', parcelNo: ' 045 ' },
    });
    assert.equal(typed.json<PlanningParcelResult>().parcel.id, r.parcel.id);
    // Expected areas: the rectangles' intersections, worked out by hand and measured with @turf/area.
    const expected = {
      B1: turfArea(rect([108.008, 12.001, 108.012, 12.003])),
      A1: turfArea(rect([108.007, 12.001, 108.01, 12.003])),
      A2: turfArea(rect([108.01, 12.001, 108.012, 12.003])),
    };
    assert.deepEqual(
      r.results.map((x) => [x.dataset.name, x.zones.map((z) => z.code)]),
      [
        ['Quy hoạch B', ['XYZ']],
        ['Quy hoạch A', ['ODT', 'TMD']],
      ],
    );
    const [b, a] = r.results;
    assert.ok(Math.abs(b!.zones[0]!.areaInsideM2 - expected.B1) < 0.5, `${b!.zones[0]!.areaInsideM2}`);
    assert.ok(Math.abs(a!.zones[0]!.areaInsideM2 - expected.A1) < 0.5, `${a!.zones[0]!.areaInsideM2}`);
    assert.ok(Math.abs(a!.zones[1]!.areaInsideM2 - expected.A2) < 0.5, `${a!.zones[1]!.areaInsideM2}`);
    // 0.003° × 0.002° near 12° N is about 327 m × 221 m: a sanity check on the expectation itself.
    assert.ok(expected.A1 > 70_000 && expected.A1 < 75_000, `${expected.A1}`);

    const missing = await t.app.inject({
      url: '/api/v1/planning/parcels',
      query: { communeCode: '24133', sheet: '12', parcelNo: '46' },
    });
    assert.deepEqual(errorOf(missing), [404, 'PLANNING_PARCEL_NOT_FOUND']);
  });

  test('the public list: published plans in force and drafts, never superseded or unpublished', async () => {
    const res = await t.app.inject('/api/v1/planning/datasets');
    assert.equal(res.statusCode, 200);
    const listed = res.json().map((d: { id: string }) => d.id);
    assert.deepEqual(new Set(listed), new Set([ids.A, ids.B, ids.draft, ids.cadastral]));
  });
});

describe('planning viewport', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  // A circle of 10,000 vertices, radius 0.003° (≈ 330 m): about 250 kB of coordinates as stored.
  const circle: PolygonalGeometryJson = {
    type: 'Polygon',
    coordinates: [
      Array.from({ length: 10_001 }, (_, i) => {
        const a = ((i % 10_000) / 10_000) * 2 * Math.PI;
        return [
          Math.round((108.05 + 0.003 * Math.cos(a)) * 1e7) / 1e7,
          Math.round((12.68 + 0.003 * Math.sin(a)) * 1e7) / 1e7,
        ];
      }),
    ],
  };
  const tiny = rect([108.06, 12.68, 108.06001, 12.68001]);
  const viewport = (id: string, bbox: number[], zoom: number, headers: Record<string, string> = {}) =>
    t.app.inject({
      url: `/api/v1/planning/datasets/${id}/features`,
      query: { bbox: bbox.join(','), zoom: String(zoom) },
      headers,
    });

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const agency = await agencyId(t.database, 'so-xay-dung');
    ids.plan = (
      await insertPlanningData(db, {
        agencyId: agency,
        zones: [
          { code: 'ODT', geom: circle },
          { code: 'CLN', geom: tiny },
          {
            code: 'TMD',
            geom: rect([108.054, 12.676, 108.058, 12.684], [[108.055, 12.677, 108.057, 12.683]]),
          },
        ],
      })
    ).datasetId;
    ids.cadastral = (
      await insertPlanningData(db, {
        agencyId: agency,
        kind: 'cadastral',
        parcels: [
          { communeCode: '24133', sheet: '3', parcelNo: '7', geom: rect([108.05, 12.68, 108.0502, 12.6802]) },
        ],
      })
    ).datasetId;
    ids.staged = (
      await insertPlanningData(db, {
        agencyId: agency,
        published: false,
        zones: [{ code: 'ODT', geom: circle }],
      })
    ).datasetId;
    ids.superseded = (
      await insertPlanningData(db, {
        agencyId: agency,
        status: 'superseded',
        zones: [{ code: 'ODT', geom: circle }],
      })
    ).datasetId;
  });
  after(() => t.close());

  const around = [108.04, 12.67, 108.065, 12.69];

  test('below the overlay zoom: empty, asking to zoom in; parcels only from street zoom', async () => {
    const low = await viewport(ids.plan!, around, 11);
    assert.equal(low.statusCode, 200);
    assert.deepEqual(low.json(), { type: 'FeatureCollection', features: [], truncated: false, zoomIn: true });
    const parcelsLow = await viewport(ids.cadastral!, [108.049, 12.679, 108.052, 12.681], 16);
    assert.equal(parcelsLow.json().zoomIn, true);
    const parcels = await viewport(ids.cadastral!, [108.049, 12.679, 108.052, 12.681], 17);
    const body: PlanningViewport = parcels.json();
    assert.equal(body.zoomIn, false);
    assert.equal(body.features.length, 1);
  });

  test('a bbox larger than a 2048 px screen at that zoom is refused', async () => {
    // 0.05° at z17 is about 4,660 px wide.
    const res = await viewport(ids.plan!, [108.0, 12.65, 108.05, 12.66], 17);
    assert.deepEqual(errorOf(res), [422, 'PLANNING_VIEWPORT_TOO_LARGE']);
  });

  test('features are simplified for the zoom, tiny ones dropped, holes kept, colours from the dictionary', async () => {
    const res = await viewport(ids.plan!, around, 14);
    assert.equal(res.statusCode, 200);
    // 10,000 stored vertices become what the screen shows: far under the stored size.
    assert.ok(res.body.length < 8_000, `${res.body.length} bytes`);
    const body: PlanningViewport = res.json();
    assert.deepEqual(
      body.features.map((f) => f.properties),
      [
        { code: 'ODT', color: '#ffa0ff' },
        { code: 'TMD', color: '#faaaa0' },
      ],
    );
    const circleOut = body.features[0]!.geometry as { type: string; coordinates: number[][][] };
    assert.equal(circleOut.type, 'Polygon');
    const ring = circleOut.coordinates[0]!;
    assert.ok(ring.length >= 8 && ring.length < 200, `${ring.length} vertices`);
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    // Rounded to what z14 can show (6 decimals at most).
    for (const [lon, lat] of ring) {
      assert.equal(Math.round(lon! * 1e6) / 1e6, lon);
      assert.equal(Math.round(lat! * 1e6) / 1e6, lat);
    }
    const withHole = body.features[1]!.geometry as { coordinates: number[][][] };
    assert.equal(withHole.coordinates.length, 2);
    assert.equal(body.truncated, false);
  });

  test('caching: Cache-Control and an ETag; the same query with If-None-Match is 304', async () => {
    const first = await viewport(ids.plan!, around, 15);
    assert.equal(first.headers['cache-control'], 'public, max-age=60');
    const etag = String(first.headers.etag);
    assert.match(etag, /^".+"$/);
    const again = await viewport(ids.plan!, around, 15, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const otherZoom = await viewport(ids.plan!, around, 16, { 'if-none-match': etag });
    assert.equal(otherZoom.statusCode, 200);
  });

  test('an unpublished or superseded dataset has no public map data', async () => {
    assert.deepEqual(errorOf(await viewport(ids.staged!, around, 15)), [404, 'PLANNING_DATASET_NOT_FOUND']);
    assert.deepEqual(errorOf(await viewport(ids.superseded!, around, 15)), [
      404,
      'PLANNING_DATASET_NOT_FOUND',
    ]);
  });
});
