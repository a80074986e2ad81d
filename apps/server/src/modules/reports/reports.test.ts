import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  newCitizen,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { BMT, type CitizenAuth, reportKit, TUY_HOA } from '../../testing/reports.ts';

const HANOI = { lat: 21.0285, lng: 105.8542 };

describe('field reports: submission', () => {
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let admin: StaffSession;
  let categories: Record<string, string>;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  const photo = (auth: CitizenAuth): Promise<string> => kit.photo(auth);
  /** Submits as `auth`; without photoIds in the body, one fresh photo of this citizen is attached. */
  const submit = async (
    auth: { authorization: string },
    body: Record<string, unknown>,
    key: string = randomUUID(),
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...auth, 'idempotency-key': key },
      payload: { photoIds: body.photoIds ?? [await photo(auth)], ...body },
    });
  const report = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    categoryId: categories['ha-tang-do-thi'],
    location: { ...BMT, accuracy: 12, source: 'gps' },
    description: 'Đèn đường trước số 12 Lê Duẩn bị tắt ba đêm nay.',
    address: '12 Lê Duẩn',
    contactPhone: '0905 123 456',
    consent: true,
    ...over,
  });

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000' } });
    kit = await reportKit(t);
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    categories = kit.categories;
  });
  after(() => t.close());

  test('a citizen device gets an identity; citizen routes need its bearer token', async () => {
    const auth = await newCitizen(t.app);
    const mine = await t.app.inject({ url: '/api/v1/me/reports', headers: auth });
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json(), { items: [], total: 0, page: 1, pageSize: 20 });
    for (const headers of [
      {},
      { authorization: 'Bearer not-a-real-token-0123456789' },
      { authorization: 'Basic x' },
    ]) {
      const res = await t.app.inject({ url: '/api/v1/me/reports', headers });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'CITIZEN_UNAUTHENTICATED');
    }
  });

  test('a report gets a reference code at once; the commune comes from the GPS position; unmatched → dispatcher', async () => {
    const auth = await newCitizen(t.app);
    // Health reports have no default rule (not a commune matter): the provincial dispatcher gets them.
    const res = await submit(auth, report({ categoryId: categories['y-te'] }));
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.match(r.code, /^PA-2026-\d{6}$/);
    assert.equal(r.status, 'submitted');
    assert.equal(r.communeCode, '24133');
    assert.equal(r.communeName, 'Phường Buôn Ma Thuột');
    assert.equal(r.agencyName, 'Bộ phận điều phối phản ánh hiện trường tỉnh');
    assert.equal(r.contactPhone, '0905123456', 'phone normalised');
    assert.equal(r.hideIdentity, true, 'hidden by default');
    assert.deepEqual(
      r.timeline.map((e: { kind: string; status: string }) => [e.kind, e.status]),
      [['submitted', 'submitted']],
    );
    const mine = await t.app.inject({ url: '/api/v1/me/reports', headers: auth });
    assert.equal(mine.json().total, 1);
    const byCode = await t.app.inject({ url: `/api/v1/me/reports/${r.code}`, headers: auth });
    assert.equal(byCode.json().id, r.id);
    const stranger = await newCitizen(t.app);
    const notYours = await t.app.inject({ url: `/api/v1/me/reports/${r.code}`, headers: stranger });
    assert.equal(notYours.statusCode, 404);
    assert.equal(notYours.json().error.code, 'REPORT_NOT_FOUND');
  });

  test('routing: a commune rule beats a province-wide rule; both beat the dispatcher', async () => {
    const auth = await newCitizen(t.app);
    const ubndBmt = await agencyId(t.database, 'ubnd-24133');
    // Food safety has no default rule (seeded defaults cover commune matters only).
    const soYTe = await agencyId(t.database, 'so-y-te');
    const add = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/routing-rules', headers: admin.headers, payload });
    const provinceWide = await add({
      categoryId: categories['an-toan-thuc-pham'],
      communeCode: null,
      agencyId: soYTe,
    });
    assert.equal(provinceWide.statusCode, 201, provinceWide.body);
    const local = await add({
      categoryId: categories['an-toan-thuc-pham'],
      communeCode: '24133',
      agencyId: ubndBmt,
    });
    assert.equal(local.statusCode, 201);
    const dup = await add({
      categoryId: categories['an-toan-thuc-pham'],
      communeCode: '24133',
      agencyId: soYTe,
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'ROUTING_RULE_EXISTS');

    const inBmt = await submit(auth, report({ categoryId: categories['an-toan-thuc-pham'] }));
    assert.equal(inBmt.json().agencyName, 'UBND phường Buôn Ma Thuột');
    const inTuyHoa = await submit(
      auth,
      report({
        categoryId: categories['an-toan-thuc-pham'],
        location: { ...TUY_HOA, accuracy: 8, source: 'gps' },
      }),
    );
    assert.equal(inTuyHoa.json().communeName, 'Phường Tuy Hoà');
    assert.equal(inTuyHoa.json().agencyName, 'Sở Y tế');

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/routing-rules/${local.json().id}`,
      headers: admin.headers,
    });
    assert.equal(removed.statusCode, 200);
    const after = await submit(auth, report({ categoryId: categories['an-toan-thuc-pham'] }));
    assert.equal(after.json().agencyName, 'Sở Y tế');
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=routing_rule',
      headers: admin.headers,
    });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['routing_rule.delete', 'routing_rule.create', 'routing_rule.create'],
    );
  });

  test('only admins manage routing rules; other staff may read them', async () => {
    const dispatcher = await createStaff(t.app, admin, { username: 'dieuphoi.routing', role: 'dispatcher' });
    const payload = {
      categoryId: categories['y-te'],
      communeCode: null,
      agencyId: await agencyId(t.database, 'so-y-te'),
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules',
      headers: dispatcher.headers,
      payload,
    });
    assert.equal(denied.statusCode, 403);
    const read = await t.app.inject({ url: '/api/v1/routing-rules', headers: dispatcher.headers });
    assert.equal(read.statusCode, 200);
    const citizen = await t.app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules',
      headers: await newCitizen(t.app),
      payload,
    });
    assert.equal(citizen.statusCode, 401, 'a citizen token is no staff session');
  });

  test('a retry with the same key returns the same report; a different report under that key is refused', async () => {
    const auth = await newCitizen(t.app);
    const key = randomUUID();
    const body = report({ photoIds: [await photo(auth)] });
    const first = await submit(auth, body, key);
    const again = await submit(auth, body, key);
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().code, first.json().code);
    const other = await submit(auth, { ...body, description: 'Một chuyện khác hẳn.' }, key);
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
    const someoneElse = await submit(await newCitizen(t.app), report(), key);
    assert.equal(first.json().photos.length, 1);
    assert.equal(someoneElse.statusCode, 201, 'keys belong to one citizen');
  });

  test('20 concurrent submissions with one key make one report, and the losers take no reference number', async () => {
    const auth = await newCitizen(t.app);
    const key = randomUUID();
    const body = report({ photoIds: [await photo(auth), await photo(auth)] });
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(auth, body, key)));
    assert.ok(
      results.every((r) => r.statusCode === 200 || r.statusCode === 201),
      results.map((r) => r.body).join(),
    );
    assert.equal(results.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(new Set(results.map((r) => r.json().code)).size, 1);
    const rows = await t.database.db
      .selectFrom('reports')
      .select('code')
      .where('idempotency_key', '=', key)
      .execute();
    assert.equal(rows.length, 1);
    const codes = (await t.database.db.selectFrom('reports').select('code').orderBy('code').execute()).map(
      (r) => r.code,
    );
    const numbers = codes.map((c) => Number(c.slice(-6)));
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      `gapless: ${codes.join(' ')}`,
    );
  });

  test('bad input gets a clear 4xx and writes nothing', async () => {
    const auth = await newCitizen(t.app);
    const before = await t.database.db.selectFrom('reports').select('id').execute();
    const cases: [Record<string, unknown>, number, string][] = [
      [report({ location: { ...BMT, accuracy: 150, source: 'gps' } }), 400, 'LOCATION_TOO_INACCURATE'],
      [report({ location: { ...HANOI, source: 'map' } }), 400, 'LOCATION_OUTSIDE_PROVINCE'],
      [report({ consent: false }), 400, 'VALIDATION_FAILED'],
      [report({ description: 'x'.repeat(4001) }), 400, 'VALIDATION_FAILED'],
      [report({ description: '   ' }), 400, 'VALIDATION_FAILED'],
      [report({ contactPhone: '12345' }), 400, 'VALIDATION_FAILED'],
      [report({ location: { ...BMT, source: 'gps' } }), 400, 'VALIDATION_FAILED'],
      [report({ categoryId: randomUUID() }), 404, 'CATEGORY_NOT_FOUND'],
      [report({ photoIds: [] }), 400, 'VALIDATION_FAILED'],
      [report({ photoIds: Array.from({ length: 6 }, () => randomUUID()) }), 400, 'VALIDATION_FAILED'],
      [report({ photoIds: [randomUUID()] }), 400, 'PHOTOS_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await submit(auth, body);
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      assert.equal(res.json().error.code, code);
      assert.ok(res.json().error.message.length > 10);
    }
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: auth,
      payload: report(),
    });
    assert.equal(noKey.statusCode, 400);
    const after = await t.database.db.selectFrom('reports').select('id').execute();
    assert.equal(after.length, before.length);
  });

  test('photos: attached in order; another citizen’s or an already used photo is refused and nothing is written', async () => {
    const auth = await newCitizen(t.app);
    const ids = [await photo(auth), await photo(auth), await photo(auth)];
    const ok = await submit(auth, report({ photoIds: ids }));
    assert.equal(ok.statusCode, 201);
    assert.deepEqual(
      ok.json().photos.map((p: { id: string }) => p.id),
      ids,
    );
    const reused = await submit(auth, report({ photoIds: [ids[0]] }));
    assert.equal(reused.json().error.code, 'PHOTOS_INVALID');
    const stranger = await newCitizen(t.app);
    const foreign = await submit(stranger, report({ photoIds: [await photo(auth)] }));
    assert.equal(foreign.json().error.code, 'PHOTOS_INVALID');
    const strangerReports = await t.app.inject({ url: '/api/v1/me/reports', headers: stranger });
    assert.equal(strangerReports.json().total, 0, 'the refused submission left no report behind');
  });

  test('a pin placed on the map needs no accuracy; an inactive category takes no reports', async () => {
    const auth = await newCitizen(t.app);
    const pinned = await submit(auth, report({ location: { ...BMT, source: 'map' } }));
    assert.equal(pinned.statusCode, 201, pinned.body);
    // Some phones report a GPS fix "within 0 m": taken, not refused as invalid.
    const exact = await submit(auth, report({ location: { ...BMT, accuracy: 0, source: 'gps' } }));
    assert.equal(exact.statusCode, 201, exact.body);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${categories.khac}`,
      headers: admin.headers,
      payload: { active: false },
    });
    const res = await submit(auth, report({ categoryId: categories.khac }));
    assert.equal(res.json().error.code, 'CATEGORY_INACTIVE');
  });

  test('without boundaries the citizen chooses the commune', async () => {
    // A deployment whose boundaries were never loaded (the server learns that when it starts taking reports).
    const [shared, sharedKit] = [t, kit];
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000' } });
    try {
      kit = await reportKit(t);
      categories = kit.categories;
      await t.database.db.deleteFrom('commune_boundaries').execute();
      const auth = await newCitizen(t.app);
      const missing = await submit(auth, report());
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'COMMUNE_REQUIRED');
      const unknown = await submit(auth, report({ communeCode: '99999' }));
      assert.equal(unknown.json().error.code, 'COMMUNE_NOT_FOUND');
      const chosen = await submit(auth, report({ communeCode: '24490' }));
      assert.equal(chosen.statusCode, 201);
      assert.equal(chosen.json().communeName, 'Xã Krông Pắc');
    } finally {
      await t.close();
      [t, kit] = [shared, sharedKit];
      categories = kit.categories;
    }
  });
});
