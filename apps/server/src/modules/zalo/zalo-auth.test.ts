import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { manualClock } from '../../clock.ts';
import {
  FAKE_ZALO_ERRORS,
  type FakeZaloGraph,
  startFakeZaloGraph,
  ZMP_DEV_MOCK,
} from '../../testing/fake-zalo-graph.ts';
import { ADMIN, agencyId, login, startTestApp, type TestContext } from '../../testing/harness.ts';
import { type CitizenAuth, reportKit } from '../../testing/reports.ts';
import { MERGED_CITIZEN_REFERENCES } from '../citizens/citizen-merge.repository.ts';

const APP_SECRET = 'zalo-app-secret-7f3a9c2e5b';
const vn = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);

/** Every log line the apps write and every body they answer, to look for credentials in. */
const logLines: string[] = [];
const bodies: string[] = [];
const captureLogger = () => ({
  level: 'trace',
  stream: new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});
/** Zalo-side credentials the tests hand out; none may ever show up in a log line or an answer. */
const zaloSecrets = new Set<string>([APP_SECRET]);
const zaloCredential = (prefix: string) => {
  const value = `${prefix}-${randomUUID()}`;
  zaloSecrets.add(value);
  return value;
};

type Res = LightMyRequestResponse;
type ErrorBody = { error: { code: string; details?: { zaloError?: number } } };
const errorOf = (res: Res) => [res.statusCode, res.json<ErrorBody>().error.code];

describe('zalo identity', () => {
  const clock = manualClock(vn('2026-08-31', '08:00'));
  let t: TestContext;
  let zalo: FakeZaloGraph;
  let kit: Awaited<ReturnType<typeof reportKit>>;

  const call = async (opts: InjectOptions): Promise<Res> => {
    const res = await t.app.inject(opts);
    bodies.push(res.body);
    return res;
  };
  /** An anonymous device identity, as the web app starts one. */
  const newDevice = async () => {
    const res = await call({ method: 'POST', url: '/api/v1/citizen/session' });
    assert.equal(res.statusCode, 201, res.body);
    const { citizenId, token } = res.json<{ citizenId: string; token: string }>();
    return { citizenId, auth: { authorization: `Bearer ${token}` } };
  };
  /** A Zalo user with a fresh valid access token. */
  const zaloUser = (userId = String(Math.floor(Math.random() * 1e15))) => {
    const accessToken = zaloCredential('zat');
    zalo.addToken(accessToken, { userId, name: 'Nguyễn Văn A' });
    return { userId, accessToken };
  };
  const signIn = (accessToken: string, device?: CitizenAuth) =>
    call({ method: 'POST', url: '/api/v1/auth/zalo', payload: { accessToken }, headers: { ...device } });
  const session = async (accessToken: string, device?: CitizenAuth) => {
    const res = await signIn(accessToken, device);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ citizenId: string; token: string; linkedDevice: boolean }>();
    return { ...body, auth: { authorization: `Bearer ${body.token}` } };
  };
  const myReports = async (auth: CitizenAuth) =>
    (await call({ url: '/api/v1/me/reports', headers: auth }))
      .json<{ items: { code: string }[] }>()
      .items.map((r) => r.code);
  const citizenRow = (id: string) =>
    t.database.db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();

  before(async () => {
    zalo = await startFakeZaloGraph({ appSecret: APP_SECRET });
    t = await startTestApp({
      clock,
      logger: captureLogger(),
      env: {
        ZALO_APP_ID: '1234567890',
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_GRAPH_URL: zalo.url,
        RATE_LIMIT_PUBLIC_WRITES: '100000',
      },
    });
    kit = await reportKit(t);
  });
  after(async () => {
    await t.close();
    await zalo.close();
  });

  test('a verified token gives a session; signing in again is the same citizen and sees its reports', async () => {
    const user = zaloUser();
    const first = await session(user.accessToken);
    assert.equal(first.linkedDevice, false);
    const report = await kit.file(first.auth);
    const again = await session(user.accessToken);
    assert.equal(again.citizenId, first.citizenId);
    assert.notEqual(again.token, first.token);
    assert.deepEqual(await myReports(again.auth), [report.code]);
    const row = await citizenRow(first.citizenId);
    assert.equal(row?.zalo_id, user.userId);
    assert.ok(row?.zalo_linked_at);
    // Only /me was asked, with the token in its header and without the app secret.
    const asked = zalo.requests.filter((r) => r.accessToken === user.accessToken);
    assert.equal(asked.length, 2);
    assert.ok(asked.every((r) => r.path === '/v2.0/me' && r.secretKey === undefined));
  });

  test("zmp-sdk's development mock (empty access token) signs in when the fake knows it", async () => {
    assert.deepEqual(errorOf(await signIn(ZMP_DEV_MOCK.accessToken)), [401, 'ZALO_TOKEN_INVALID']);
    zalo.addToken(ZMP_DEV_MOCK.accessToken, { userId: ZMP_DEV_MOCK.userId, name: ZMP_DEV_MOCK.name });
    const s = await session(ZMP_DEV_MOCK.accessToken);
    assert.equal((await citizenRow(s.citizenId))?.zalo_id, ZMP_DEV_MOCK.userId);
  });

  test('invalid and expired tokens are 401 ZALO_TOKEN_INVALID; a bad body is 400', async () => {
    assert.deepEqual(errorOf(await signIn(zaloCredential('unknown'))), [401, 'ZALO_TOKEN_INVALID']);
    const user = zaloUser();
    zalo.expireToken(user.accessToken);
    const expired = await signIn(user.accessToken);
    assert.deepEqual(errorOf(expired), [401, 'ZALO_TOKEN_INVALID']);
    assert.equal(expired.json<ErrorBody>().error.details?.zaloError, FAKE_ZALO_ERRORS.expiredToken);
    const bad = await call({ method: 'POST', url: '/api/v1/auth/zalo', payload: { accessToken: 'a b\nc' } });
    assert.deepEqual(errorOf(bad), [400, 'VALIDATION_FAILED']);
  });

  test('Zalo answering 5xx or not JSON is 502 ZALO_UNAVAILABLE', async () => {
    const user = zaloUser();
    try {
      zalo.failWith('http500');
      assert.deepEqual(errorOf(await signIn(user.accessToken)), [502, 'ZALO_UNAVAILABLE']);
      zalo.failWith('not_json');
      assert.deepEqual(errorOf(await signIn(user.accessToken)), [502, 'ZALO_UNAVAILABLE']);
    } finally {
      zalo.failWith(null);
    }
    assert.equal((await signIn(user.accessToken)).statusCode, 200);
  });

  test("linking a device: the device's citizen becomes the Zalo citizen, its reports stay", async () => {
    const device = await newDevice();
    const report = await kit.file(device.auth);
    const user = zaloUser();
    const s = await session(user.accessToken, device.auth);
    assert.equal(s.linkedDevice, true);
    assert.equal(s.citizenId, device.citizenId);
    assert.deepEqual(await myReports(s.auth), [report.code]);
    assert.deepEqual(await myReports(device.auth), [report.code], 'the device token keeps working');
    assert.equal((await citizenRow(s.citizenId))?.zalo_id, user.userId);
    // A device tied to one Zalo account is not merged into another one.
    const other = await session(zaloUser().accessToken, device.auth);
    assert.equal(other.linkedDevice, false);
    assert.notEqual(other.citizenId, s.citizenId);
    assert.deepEqual(await myReports(other.auth), []);
    assert.deepEqual(await myReports(device.auth), [report.code]);
  });

  test('merging a device into an existing Zalo citizen moves everything and keeps the unique rules', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const centre = await call({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-zalo',
        name: 'Trung tâm Phục vụ hành chính công tỉnh',
        agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
        sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '11:30' })),
        fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A' }],
        counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
      },
    });
    assert.equal(centre.statusCode, 201, centre.body);
    const fieldId = centre.json<{ fields: { id: string }[] }>().fields[0]!.id;
    const book = async (auth: CitizenAuth, at: Date) => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { ...auth, 'idempotency-key': randomUUID() },
        payload: { fieldId, startsAt: at.toISOString(), name: 'Nguyễn Văn A', phone: '0912345678' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ code: string }>().code;
    };
    const follow = async (auth: CitizenAuth, code: string) => {
      const res = await call({ method: 'POST', url: `/api/v1/reports/${code}/follow`, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
    };

    const user = zaloUser();
    const z = await session(user.accessToken);
    const stranger = await kit.newCitizen();
    const strangers = await kit.file(stranger);
    const device = await newDevice();
    const deviceReport = await kit.file(device.auth);
    const zaloReport = await kit.file(z.auth);
    // Both booked the same field on 3 September; the Zalo booking is the earlier appointment.
    const kept = await book(z.auth, vn('2026-09-03', '08:00'));
    const dropped = await book(device.auth, vn('2026-09-03', '09:00'));
    const other = await book(device.auth, vn('2026-09-04', '08:00'));
    await follow(device.auth, strangers.code);
    await follow(z.auth, strangers.code);
    await follow(z.auth, deviceReport.code);
    // The same event notified to both (a job delivered it to each identity), read on the device only.
    const event = await t.database.db
      .selectFrom('report_events')
      .select('id')
      .where('report_id', '=', strangers.id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('citizen_notifications')
      .values([
        { citizen_id: device.citizenId, report_id: strangers.id, event_id: event.id, read_at: clock.now() },
        { citizen_id: z.citizenId, report_id: strangers.id, event_id: event.id },
      ])
      .execute();

    const merged = await session(user.accessToken, device.auth);
    assert.equal(merged.citizenId, z.citizenId);
    assert.equal(merged.linkedDevice, true);
    assert.equal(await citizenRow(device.citizenId), undefined, 'the device citizen is gone');

    assert.deepEqual((await myReports(merged.auth)).sort(), [deviceReport.code, zaloReport.code].sort());
    assert.deepEqual((await myReports(device.auth)).sort(), [deviceReport.code, zaloReport.code].sort());
    const bookings = (await call({ url: '/api/v1/me/bookings', headers: merged.auth })).json<
      { code: string; status: string }[]
    >();
    const status = Object.fromEntries(bookings.map((b) => [b.code, b.status]));
    assert.deepEqual(status, { [kept]: 'confirmed', [dropped]: 'cancelled', [other]: 'confirmed' });
    const slots = await t.database.db
      .selectFrom('bookings as b')
      .innerJoin('slots as s', 's.id', 'b.slot_id')
      .select(['b.code', 's.booked'])
      .where('b.code', 'in', [kept, dropped])
      .execute();
    assert.deepEqual(Object.fromEntries(slots.map((s) => [s.code, s.booked])), { [kept]: 1, [dropped]: 0 });

    const follows = await t.database.db
      .selectFrom('report_followers')
      .select('report_id')
      .where('citizen_id', '=', z.citizenId)
      .execute();
    assert.deepEqual(
      follows.map((f) => f.report_id),
      [strangers.id],
      "one follow of the stranger's report; none of its own report",
    );
    const notes = await t.database.db
      .selectFrom('citizen_notifications')
      .select(['citizen_id', 'read_at'])
      .where('event_id', '=', event.id)
      .execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.citizen_id, z.citizenId);
    assert.ok(notes[0]?.read_at, 'read on either identity stays read');
  });

  test('every foreign key to citizens is handled by the merge', async () => {
    const rows = await sql<{ ref: string }>`
      select t.relname || '.' || a.attname as ref
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_class r on r.oid = c.confrelid
      join pg_namespace n on n.oid = r.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and r.relname = 'citizens' and n.nspname = current_schema()
      order by 1`.execute(t.database.db);
    assert.deepEqual(
      rows.rows.map((r) => r.ref),
      [...MERGED_CITIZEN_REFERENCES].sort(),
    );
  });

  test('concurrent first sign-ins of one Zalo user make one citizen', async () => {
    const user = zaloUser();
    const devices = [(await newDevice()).auth, (await newDevice()).auth];
    const results = await Promise.all([
      signIn(user.accessToken),
      signIn(user.accessToken, devices[0]),
      signIn(user.accessToken),
      signIn(user.accessToken, devices[1]),
      signIn(user.accessToken),
    ]);
    for (const r of results) assert.equal(r.statusCode, 200, r.body);
    const ids = new Set(results.map((r) => r.json<{ citizenId: string }>().citizenId));
    assert.equal(ids.size, 1);
    const rows = await t.database.db
      .selectFrom('citizens')
      .select('id')
      .where('zalo_id', '=', user.userId)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      [...ids],
    );
    assert.equal(results[1]?.json<{ linkedDevice: boolean }>().linkedDevice, true);
    assert.equal(results[3]?.json<{ linkedDevice: boolean }>().linkedDevice, true);
  });

  describe('phone and location', () => {
    let user: { userId: string; accessToken: string };
    let s: Awaited<ReturnType<typeof session>>;
    const exchange = (what: 'phone' | 'location', auth: CitizenAuth, accessToken: string, code: string) =>
      call({
        method: 'POST',
        url: `/api/v1/citizen/zalo/${what}`,
        headers: auth,
        payload: { accessToken, code },
      });

    before(async () => {
      user = zaloUser();
      s = await session(user.accessToken);
    });

    test('a phone code gives the normalised number, stored on the citizen; a code works once', async () => {
      const code = zaloCredential('phone');
      zalo.addPhoneCode(code, { userId: user.userId, number: '84912345678' });
      const res = await exchange('phone', s.auth, user.accessToken, code);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { phone: '0912345678' });
      const row = await citizenRow(s.citizenId);
      assert.equal(row?.zalo_phone, '0912345678');
      assert.deepEqual(row?.zalo_phone_verified_at, clock.now());
      const infoCall = zalo.requests.findLast((r) => r.code === code);
      assert.equal(infoCall?.path, '/v2.0/me/info');
      assert.equal(infoCall?.secretKey, APP_SECRET);

      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, code)), [
        400,
        'ZALO_CODE_INVALID',
      ]);
      const expired = zaloCredential('phone');
      zalo.addPhoneCode(expired, { userId: user.userId, number: '84912345678', expired: true });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, expired)), [
        400,
        'ZALO_CODE_INVALID',
      ]);
    });

    test('a number that is not a Vietnamese mobile is 422', async () => {
      const code = zaloCredential('phone');
      zalo.addPhoneCode(code, { userId: user.userId, number: '14155550123' });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, user.accessToken, code)), [
        422,
        'ZALO_PHONE_UNSUPPORTED',
      ]);
      assert.equal((await citizenRow(s.citizenId))?.zalo_phone, '0912345678', 'the verified number stays');
    });

    test("another Zalo account's token is 403; a citizen without Zalo is 409; no bearer is 401", async () => {
      const other = zaloUser();
      const code = zaloCredential('phone');
      zalo.addPhoneCode(code, { userId: other.userId, number: '84987654321' });
      assert.deepEqual(errorOf(await exchange('phone', s.auth, other.accessToken, code)), [
        403,
        'ZALO_IDENTITY_MISMATCH',
      ]);
      assert.deepEqual(errorOf(await exchange('location', await kit.newCitizen(), user.accessToken, code)), [
        409,
        'ZALO_NOT_LINKED',
      ]);
      assert.deepEqual(errorOf(await exchange('phone', {} as CitizenAuth, user.accessToken, code)), [
        401,
        'CITIZEN_UNAUTHENTICATED',
      ]);
      // Nothing was exchanged: the code is still good for its owner.
      const otherSession = await session(other.accessToken);
      assert.deepEqual((await exchange('phone', otherSession.auth, other.accessToken, code)).json(), {
        phone: '0987654321',
      });
    });

    test('a location code gives coordinates, from strings or numbers; nonsense from Zalo is 502', async () => {
      const code = zaloCredential('loc');
      zalo.addLocationCode(code, { userId: user.userId, latitude: '12.6807', longitude: '108.0378' });
      const res = await exchange('location', s.auth, user.accessToken, code);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { lat: 12.6807, lng: 108.0378 });
      const numeric = zaloCredential('loc');
      zalo.addLocationCode(numeric, { userId: user.userId, latitude: 12.5, longitude: 108.25 });
      assert.deepEqual((await exchange('location', s.auth, user.accessToken, numeric)).json(), {
        lat: 12.5,
        lng: 108.25,
      });
      const wrong = zaloCredential('loc');
      zalo.addLocationCode(wrong, { userId: user.userId, latitude: '95', longitude: '' });
      assert.deepEqual(errorOf(await exchange('location', s.auth, user.accessToken, wrong)), [
        502,
        'ZALO_UNAVAILABLE',
      ]);
    });
  });

  describe('unconfigured or unreachable Zalo', () => {
    test('without an app secret sign-in is 503; with Zalo down it is 502', async () => {
      const gone = await startFakeZaloGraph({ appSecret: APP_SECRET });
      const closedUrl = gone.url;
      await gone.close();
      for (const [env, expected] of [
        [{ ZALO_GRAPH_URL: zalo.url }, [503, 'ZALO_NOT_CONFIGURED']],
        [
          { ZALO_APP_SECRET: APP_SECRET, ZALO_GRAPH_URL: closedUrl, ZALO_TIMEOUT_MS: '2000' },
          [502, 'ZALO_UNAVAILABLE'],
        ],
      ] as const) {
        const other = await startTestApp({ logger: captureLogger(), env });
        try {
          const res = await other.app.inject({
            method: 'POST',
            url: '/api/v1/auth/zalo',
            payload: { accessToken: zaloUser().accessToken },
          });
          bodies.push(res.body);
          assert.deepEqual(errorOf(res), expected);
        } finally {
          await other.close();
        }
      }
    });
  });

  // Last: it reads what every test above logged and answered.
  test('no Zalo token, code or app secret appears in any log line or response', () => {
    assert.ok(
      logLines.some((l) => l.includes('"zalo sign-in"')),
      'sign-ins are logged',
    );
    assert.ok(
      logLines.some((l) => l.includes('ZALO_UNAVAILABLE')),
      'failures are logged',
    );
    assert.ok(bodies.length > 30);
    for (const secret of zaloSecrets) {
      for (const line of logLines) assert.ok(!line.includes(secret), `log line leaks a credential: ${line}`);
      for (const body of bodies) assert.ok(!body.includes(secret), `response leaks a credential: ${body}`);
    }
  });
});
