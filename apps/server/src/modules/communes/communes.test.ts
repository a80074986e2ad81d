import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { threadId } from 'node:worker_threads';
import { seedReferenceData } from '../../seed.ts';
import { ADMIN, createStaff, login, startTestApp, type TestContext } from '../../testing/harness.ts';
import { readBoundariesOffThread } from './boundaries-thread.ts';
import { communeRepository } from './communes.repository.ts';

describe('reference data', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('the province has its 102 communes after the 2025 reform: 88 xã and 14 phường', async () => {
    const province = await t.app.inject('/api/v1/province');
    assert.deepEqual(province.json(), {
      code: '66',
      name: 'Đắk Lắk',
      fullName: 'Tỉnh Đắk Lắk',
      communeCount: 102,
    });
    const communes = (await t.app.inject('/api/v1/communes')).json() as { kind: string; fullName: string }[];
    assert.equal(communes.length, 102);
    assert.equal(communes.filter((c) => c.kind === 'xa').length, 88);
    assert.equal(communes.filter((c) => c.kind === 'phuong').length, 14);
    assert.ok(communes.some((c) => c.fullName === 'Phường Buôn Ma Thuột'));
  });

  test('every commune has a People’s Committee and a police station; the dispatcher and service centre exist', async () => {
    const kinds = await t.database.db
      .selectFrom('agencies')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const count = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    assert.equal(count.commune_committee, 102);
    assert.equal(count.commune_police, 102);
    assert.equal(count.dispatcher, 1);
    assert.equal(count.service_centre, 1);
    assert.ok((count.department ?? 0) >= 10);
  });

  test('seeding again changes nothing and keeps what admins edited', async () => {
    await t.database.db
      .updateTable('agencies')
      .set({ name: 'Sở Y tế (đã sửa)' })
      .where('code', '=', 'so-y-te')
      .execute();
    await t.database.db
      .updateTable('categories')
      .set({ default_deadline_hours: 4 })
      .where('code', '=', 'y-te')
      .execute();
    const before = await t.database.db.selectFrom('agencies').select('id').execute();
    const result = await seedReferenceData(t.database.db, t.config.referenceDir);
    assert.equal(result.agenciesAdded, 0);
    assert.equal(result.categoriesAdded, 0);
    assert.equal(result.communes, 102);
    const after = await t.database.db.selectFrom('agencies').select('id').execute();
    assert.equal(after.length, before.length);
    const yte = await t.database.db
      .selectFrom('agencies')
      .select('name')
      .where('code', '=', 'so-y-te')
      .executeTakeFirstOrThrow();
    assert.equal(yte.name, 'Sở Y tế (đã sửa)');
    const cat = await t.database.db
      .selectFrom('categories')
      .select('default_deadline_hours')
      .where('code', '=', 'y-te')
      .executeTakeFirstOrThrow();
    assert.equal(cat.default_deadline_hours, 4);
  });

  test('an admin imports boundaries as GeoJSON; reports are placed with them from then on', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const dispatcher = await createStaff(t.app, admin, { username: 'geo-dispatcher', role: 'dispatcher' });
    // A small square around Hoàn Kiếm lake, far outside the province, given to Phường Buôn Ma Thuột.
    const square = [
      [105.84, 21.02],
      [105.86, 21.02],
      [105.86, 21.04],
      [105.84, 21.04],
      [105.84, 21.02],
    ];
    const file = (code: string, ring = square) => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    });
    const put = (headers: Record<string, string>, payload: object, type = 'application/geo+json') =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/commune-boundaries',
        headers: { ...headers, 'content-type': type },
        payload: JSON.stringify(payload),
      });
    assert.equal(await communeRepository.findCommuneAt(t.database.db, 105.85, 21.03), undefined);
    assert.equal((await put(dispatcher.headers, file('24133'))).statusCode, 403);
    const unknown = await put(admin.headers, file('99999'));
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json().error.details, { unknownCodes: ['99999'] });
    const open = await put(admin.headers, file('24133', square.slice(0, 4)));
    assert.equal(open.statusCode, 400);
    assert.equal(open.json().error.code, 'VALIDATION_FAILED');
    const broken = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/commune-boundaries',
      headers: { ...admin.headers, 'content-type': 'application/geo+json' },
      payload: '{"type":"FeatureCollection","features":[',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'INVALID_JSON');
    assert.ok(
      (open.json().error.details as { path: string }[]).some((d) =>
        d.path.startsWith('body.features.0.geometry'),
      ),
      open.body,
    );
    const ok = await put(admin.headers, file('24133'));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { communes: 1 });
    assert.equal(await communeRepository.findCommuneAt(t.database.db, 105.85, 21.03), '24133');
    // Plain JSON works too; the audit log has the import.
    assert.equal((await put(admin.headers, file('24133'), 'application/json')).statusCode, 200);
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=commune_boundaries',
      headers: admin.headers,
    });
    assert.equal(audit.json().items[0].action, 'commune_boundaries.import');
  });
});

test('an uploaded boundary file is read in a worker thread, not on the event loop', async () => {
  const ring = [
    [108.0, 12.6],
    [108.1, 12.6],
    [108.1, 12.7],
    [108.0, 12.6],
  ];
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ properties: { code: '24133' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
    }),
  );
  const read = await readBoundariesOffThread(bytes);
  assert.notEqual(read.threadId, threadId);
  assert.ok(read.ok);
  assert.deepEqual(read.ok && read.communes, [{ code: '24133', parts: [ring] }]);
  assert.equal(bytes.length > 0, true, "the caller's bytes are left as they were (a copy is handed over)");
  const bad = await readBoundariesOffThread(new Uint8Array([0xff, 0xfe]));
  assert.deepEqual({ ok: bad.ok, code: bad.ok ? null : bad.code }, { ok: false, code: 'INVALID_JSON' });
});
