import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { manualClock } from '../../clock.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { ADMIN, agencyId, login, TEST_DATABASE_URL } from '../../testing/harness.ts';
import type { CitizenAuth } from '../../testing/reports.ts';
import { vn } from '../../testing/time.ts';
import { startZaloIdentityKit, type ZaloIdentityKit } from '../../testing/zalo-identity.ts';
import { bookingRepository } from '../appointments/bookings.repository.ts';
import { MERGED_CITIZEN_REFERENCES } from '../citizens/citizen-merge.repository.ts';

const NEEDS_POSTGRES = TEST_DATABASE_URL
  ? false
  : 'needs PostgreSQL: PGlite is a single connection, so two transactions never overlap';

describe('zalo identity: linking and merging a device identity', () => {
  const clock = manualClock(vn('2026-08-31', '08:00'));
  let z: ZaloIdentityKit;
  let fieldId = '';

  const book = async (auth: CitizenAuth, at: Date) => {
    const res = await z.call({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...auth, 'idempotency-key': randomUUID() },
      payload: { fieldId, startsAt: at.toISOString(), name: 'Nguyễn Văn A', phone: '0912345678' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ code: string }>().code;
  };
  const follow = async (auth: CitizenAuth, code: string) => {
    const res = await z.call({ method: 'POST', url: `/api/v1/reports/${code}/follow`, headers: auth });
    assert.equal(res.statusCode, 200, res.body);
  };

  before(async () => {
    z = await startZaloIdentityKit({ clock });
    const admin = await login(z.t.app, ADMIN.username, ADMIN.password);
    const centre = await z.call({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-zalo',
        name: 'Trung tâm Phục vụ hành chính công tỉnh',
        agencyId: await agencyId(z.t.database, 'ttpvhcc-tinh'),
        sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '11:30' })),
        fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A' }],
        counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
      },
    });
    assert.equal(centre.statusCode, 201, centre.body);
    fieldId = centre.json<{ fields: { id: string }[] }>().fields[0]!.id;
  });
  after(() => z?.close());

  test("linking: the device's citizen becomes the Zalo citizen, its reports stay, its token is revoked", async () => {
    const device = await z.newDevice();
    const report = await z.kit.file(device.auth);
    const user = z.zaloUser();
    const s = await z.session(user.accessToken, device.auth);
    assert.equal(s.linkedDevice, true);
    assert.equal(s.citizenId, device.citizenId);
    assert.deepEqual(await z.myReports(s.auth), [report.code]);
    assert.equal(await z.myReports(device.auth), null, 'the anonymous token no longer opens the identity');
    assert.equal((await z.citizenRow(s.citizenId))?.zalo_id, user.userId);

    // A device token that already is this Zalo citizen's is replaced by the new one too.
    const again = await z.session(user.accessToken, s.auth);
    assert.equal(again.linkedDevice, true);
    assert.equal(again.citizenId, s.citizenId);
    assert.equal(await z.myReports(s.auth), null);
    assert.deepEqual(await z.myReports(again.auth), [report.code]);

    // A device tied to one Zalo account is not merged into another one, and its token is not touched.
    const other = await z.session(z.zaloUser().accessToken, again.auth);
    assert.equal(other.linkedDevice, false);
    assert.notEqual(other.citizenId, s.citizenId);
    assert.deepEqual(await z.myReports(other.auth), []);
    assert.deepEqual(await z.myReports(again.auth), [report.code]);
  });

  test('merging a device into an existing Zalo citizen moves everything and keeps the unique rules', async () => {
    const user = z.zaloUser();
    const zc = await z.session(user.accessToken);
    const stranger = await z.kit.newCitizen();
    const strangers = await z.kit.file(stranger);
    const device = await z.newDevice();
    const deviceReport = await z.kit.file(device.auth);
    const zaloReport = await z.kit.file(zc.auth);
    // Both booked the same field on 3 September; the Zalo booking is the earlier appointment.
    const kept = await book(zc.auth, vn('2026-09-03', '08:00'));
    const dropped = await book(device.auth, vn('2026-09-03', '09:00'));
    const other = await book(device.auth, vn('2026-09-04', '08:00'));
    await follow(device.auth, strangers.code);
    await follow(zc.auth, strangers.code);
    await follow(zc.auth, deviceReport.code);
    // The same event notified to both (a job delivered it to each identity), read on the device only.
    const db = z.t.database.db;
    const event = await db
      .selectFrom('report_events')
      .select('id')
      .where('report_id', '=', strangers.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('citizen_notifications')
      .values([
        { citizen_id: device.citizenId, report_id: strangers.id, event_id: event.id, read_at: clock.now() },
        { citizen_id: zc.citizenId, report_id: strangers.id, event_id: event.id },
      ])
      .execute();
    // A second token of the device (another install of the web app sharing the identity, say).
    const spare = newToken();
    await db
      .insertInto('citizen_tokens')
      .values({
        token_hash: spare.hash,
        citizen_id: device.citizenId,
        created_at: clock.now(),
        last_seen_at: clock.now(),
      })
      .execute();

    // Both identities used one idempotency key (keys are unique per citizen): the moved row's key is suffixed.
    const { idempotency_key: sharedKey } = await db
      .selectFrom('reports')
      .select('idempotency_key')
      .where('id', '=', zaloReport.id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('reports')
      .set({ idempotency_key: sharedKey })
      .where('id', '=', deviceReport.id)
      .execute();

    const merged = await z.session(user.accessToken, device.auth);
    assert.equal(merged.citizenId, zc.citizenId);
    const keys = await db
      .selectFrom('reports')
      .select(['id', 'citizen_id', 'idempotency_key'])
      .where('id', 'in', [deviceReport.id, zaloReport.id])
      .orderBy('idempotency_key')
      .execute();
    assert.deepEqual(keys, [
      { id: zaloReport.id, citizen_id: zc.citizenId, idempotency_key: sharedKey },
      {
        id: deviceReport.id,
        citizen_id: zc.citizenId,
        idempotency_key: `${sharedKey}:merged:${deviceReport.id}`,
      },
    ]);
    assert.equal(merged.linkedDevice, true);
    assert.equal(await z.citizenRow(device.citizenId), undefined, 'the device citizen is gone');

    assert.deepEqual(await z.myReports(merged.auth), [deviceReport.code, zaloReport.code].sort());
    assert.deepEqual(await z.myReports(zc.auth), [deviceReport.code, zaloReport.code].sort());
    // Every token of the device identity is revoked; the Zalo citizen's own tokens keep working.
    assert.equal(await z.myReports(device.auth), null);
    assert.equal(await z.myReports({ authorization: `Bearer ${spare.token}` }), null);
    const left = await db
      .selectFrom('citizen_tokens')
      .select('token_hash')
      .where('token_hash', 'in', [hashToken(device.token), spare.hash])
      .execute();
    assert.deepEqual(left, []);
    const mergeLog = z.logLines.find((l) => l.includes('"zalo sign-in"') && l.includes(device.citizenId));
    assert.match(mergeLog ?? '', /"revokedTokens":2/);

    const bookings = (await z.call({ url: '/api/v1/me/bookings', headers: merged.auth })).json<
      { code: string; status: string }[]
    >();
    const status = Object.fromEntries(bookings.map((b) => [b.code, b.status]));
    assert.deepEqual(status, { [kept]: 'confirmed', [dropped]: 'cancelled', [other]: 'confirmed' });
    const slots = await db
      .selectFrom('bookings as b')
      .innerJoin('slots as s', 's.id', 'b.slot_id')
      .select(['b.code', 's.booked'])
      .where('b.code', 'in', [kept, dropped])
      .execute();
    assert.deepEqual(Object.fromEntries(slots.map((s) => [s.code, s.booked])), { [kept]: 1, [dropped]: 0 });

    const follows = await db
      .selectFrom('report_followers')
      .select('report_id')
      .where('citizen_id', '=', zc.citizenId)
      .execute();
    assert.deepEqual(
      follows.map((f) => f.report_id),
      [strangers.id],
      "one follow of the stranger's report; none of its own report",
    );
    const notes = await db
      .selectFrom('citizen_notifications')
      .select(['citizen_id', 'read_at'])
      .where('event_id', '=', event.id)
      .execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.citizen_id, zc.citizenId);
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
      order by 1`.execute(z.t.database.db);
    assert.deepEqual(
      rows.rows.map((r) => r.ref),
      [...MERGED_CITIZEN_REFERENCES].sort(),
    );
  });

  test("the merge's rename of timeline entries (report_events.actor_id) can use an index", async () => {
    const plan = await z.t.database.db.transaction().execute(async (trx) => {
      // The tables are tiny here: tell the planner to use an index whenever there is one.
      await sql`set local enable_seqscan = off`.execute(trx);
      return sql<{ 'QUERY PLAN': string }>`explain update report_events set actor_id = ${randomUUID()}
        where actor_type = 'citizen' and actor_id = ${randomUUID()}`.execute(trx);
    });
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(text, /Index Scan using report_events_citizen_actor_idx/, text);
  });

  // PGlite serialises the five requests, so only PostgreSQL exercises the race (the unique zalo_id and retry).
  test('concurrent first sign-ins of one Zalo user make one citizen (a real race on PostgreSQL only)', async () => {
    const user = z.zaloUser();
    const devices = [(await z.newDevice()).auth, (await z.newDevice()).auth];
    const results = await Promise.all([
      z.signIn(user.accessToken),
      z.signIn(user.accessToken, devices[0]),
      z.signIn(user.accessToken),
      z.signIn(user.accessToken, devices[1]),
      z.signIn(user.accessToken),
    ]);
    for (const r of results) assert.equal(r.statusCode, 200, r.body);
    const ids = new Set(results.map((r) => r.json<{ citizenId: string }>().citizenId));
    assert.equal(ids.size, 1);
    const rows = await z.t.database.db
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

  test('a merge waiting for a booking of the device holds no lock the booking needs (no deadlock)', {
    skip: NEEDS_POSTGRES,
  }, async () => {
    const user = z.zaloUser();
    const zc = await z.session(user.accessToken);
    const device = await z.newDevice();
    const db = z.t.database.db;
    let signIn: ReturnType<ZaloIdentityKit['signIn']> | undefined;
    // A booking of the device, in flight: it holds the device's booking lock and is about to insert, which
    // takes a key-share lock on the device's citizen row (the foreign key).
    await db.transaction().execute(async (booking) => {
      await bookingRepository.lockCitizen(booking, device.citizenId);
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(booking);
      const pid = rows[0]!.pid;
      signIn = z.signIn(user.accessToken, device.auth);
      // Until the sign-in waits for this transaction (it needs the device's booking lock to merge).
      for (let i = 0; ; i++) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks
            where not granted and ${pid}::int = any (pg_blocking_pids(pid))`.execute(db);
        if (waiting.rows[0]!.n > 0) break;
        assert.ok(i < 1000, 'the sign-in never waited for the booking');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // The foreign-key lock of the booking's insert: free, because the merge locks citizen rows only after
      // the booking locks. (Before, the sign-in held the row FOR UPDATE here: the two waited for each other.)
      await sql`select id from citizens where id = ${device.citizenId} for key share nowait`.execute(booking);
    });
    const res = await signIn!;
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ citizenId: string }>().citizenId, zc.citizenId);
    assert.equal(await z.citizenRow(device.citizenId), undefined, 'merged once the booking committed');
  });

  test('no Zalo token or app secret appears in any log line or response of the tests above', () => {
    z.assertNoLeaks();
  });
});
