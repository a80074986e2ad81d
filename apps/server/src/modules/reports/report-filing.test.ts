import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  login,
  type StaffSession,
  startTestApp,
  TEST_DATABASE_URL,
  type TestContext,
} from '../../testing/harness.ts';
import { BMT, type CitizenAuth, reportKit } from '../../testing/reports.ts';

type Kit = Awaited<ReturnType<typeof reportKit>>;

/** Filing in one database call (file_report): what it answers, what it refuses, what it locks. */
describe('field reports: filing', () => {
  // Monday 4 May 2026, 10:00 in Vietnam.
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let kit: Kit;
  let admin: StaffSession;

  const body = (photoIds: string[], over: Record<string, unknown> = {}) => ({
    categoryId: kit.categories['ha-tang-do-thi'],
    location: { ...BMT, accuracy: 12.5, source: 'gps' },
    description: 'Cống thoát nước trước chợ bị tắc, nước tràn lên mặt đường.',
    address: '5 Phan Bội Châu',
    contactPhone: '0905.123.456',
    hideIdentity: false,
    consent: true,
    photoIds,
    ...over,
  });
  const submit = (auth: CitizenAuth, payload: object, key: string = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...auth, 'idempotency-key': key },
      payload,
    });
  const setCategory = async (code: string, patch: object) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${kit.categories[code]}`,
      headers: admin.headers,
      payload: patch,
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  const numberOf = (code: string) => Number(code.split('-')[2]);

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000' } });
    kit = await reportKit(t);
    admin = await login(t.app, ADMIN.username, ADMIN.password);
  });
  after(() => t.close());

  test('the answer to a new report is the report as its reporter reads it back', async () => {
    const auth = await kit.newCitizen();
    const photoIds = [await kit.photo(auth), await kit.photo(auth), await kit.photo(auth)];
    const created = await submit(auth, body(photoIds));
    assert.equal(created.statusCode, 201, created.body);
    const report = created.json();
    assert.deepEqual(
      report.photos.map((p: { id: string }) => p.id),
      photoIds,
      'photos in the order given',
    );
    assert.equal(report.contactPhone, '0905123456');
    assert.equal(report.location.accuracy, 12.5);
    assert.equal(report.communeName, 'Phường Buôn Ma Thuột');
    assert.equal(report.categoryName, 'Hạ tầng đô thị (điện, nước, chiếu sáng)');
    assert.ok(report.resolveDueAt, 'a resolve deadline is set');
    const read = await t.app.inject({ url: `/api/v1/me/reports/${report.code}`, headers: auth });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(report, read.json());
  });

  test('refused submissions write nothing and take no reference number; a retry takes none either', async () => {
    const auth = await kit.newCitizen();
    const stranger = await kit.newCitizen();
    const key = randomUUID();
    const firstBody = body([await kit.photo(auth)]);
    const first = await submit(auth, firstBody, key);
    assert.equal(first.statusCode, 201, first.body);
    await setCategory('khac', { active: false });
    const refused: [object, string][] = [
      [body([await kit.photo(auth)], { categoryId: randomUUID() }), 'CATEGORY_NOT_FOUND'],
      [body([await kit.photo(auth)], { categoryId: kit.categories.khac }), 'CATEGORY_INACTIVE'],
      [
        body([await kit.photo(auth)], { location: { lat: 21.03, lng: 105.85, source: 'map' } }),
        'LOCATION_OUTSIDE_PROVINCE',
      ],
      [body([await kit.photo(stranger)]), 'PHOTOS_INVALID'],
      [body([randomUUID()]), 'PHOTOS_INVALID'],
      [body([first.json().photos[0].id]), 'PHOTOS_INVALID'],
    ];
    for (const [payload, code] of refused) {
      const res = await submit(auth, payload);
      assert.equal(res.json().error?.code, code, res.body);
    }
    const retry = await submit(auth, firstBody, key);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().code, first.json().code);
    const next = await submit(auth, body([await kit.photo(auth)]));
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(numberOf(next.json().code), numberOf(first.json().code) + 1, 'no number was skipped');
    const mine = await t.app.inject({ url: '/api/v1/me/reports', headers: auth });
    assert.equal(mine.json().total, 2);
    await setCategory('khac', { active: true });
  });

  test('a retry still gets its report after the category was closed to new reports', async () => {
    const auth = await kit.newCitizen();
    const key = randomUUID();
    const payload = body([await kit.photo(auth)], { categoryId: kit.categories['moi-truong'] });
    const first = await submit(auth, payload, key);
    assert.equal(first.statusCode, 201, first.body);
    await setCategory('moi-truong', { active: false });
    const retry = await submit(auth, payload, key);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.json().code, first.json().code);
    const fresh = await submit(
      auth,
      body([await kit.photo(auth)], { categoryId: kit.categories['moi-truong'] }),
    );
    assert.equal(fresh.json().error?.code, 'CATEGORY_INACTIVE');
    await setCategory('moi-truong', { active: true });
  });

  test('a new default deadline of a category applies to the next report at once', async () => {
    const auth = await kit.newCitizen();
    const category = { id: kit.categories['an-toan-giao-thong'] ?? '', code: 'an-toan-giao-thong' };
    const dueFor = async (hours: number) =>
      (
        await t.app.services.calendar.reportDeadlines(
          t.database.db,
          clock.now(),
          { id: category.id, default_deadline_hours: hours },
          'normal',
        )
      ).resolveDueAt.toISOString();
    await setCategory(category.code, { defaultDeadlineHours: 16 });
    const before = await submit(auth, body([await kit.photo(auth)], { categoryId: category.id }));
    assert.equal(before.json().resolveDueAt, await dueFor(16));
    await setCategory(category.code, { defaultDeadlineHours: 40 });
    const after = await submit(auth, body([await kit.photo(auth)], { categoryId: category.id }));
    assert.equal(after.json().resolveDueAt, await dueFor(40));
    assert.notEqual(after.json().resolveDueAt, before.json().resolveDueAt);
  });

  test('a submission racing with a merge of its identity ends cleanly: no deadlock, no report, 401', {
    skip: TEST_DATABASE_URL ? false : 'needs concurrent connections (PostgreSQL)',
  }, async () => {
    const session = async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
      const { citizenId, token } = res.json() as { citizenId: string; token: string };
      return { id: citizenId, auth: { authorization: `Bearer ${token}` } };
    };
    const device = await session();
    const into = await session();
    const photoId = await kit.photo(device.auth);
    const key = randomUUID();
    let submission: ReturnType<typeof submit> | undefined;
    // What a sign-in that merges the device into another identity does: lock the citizen row, then move the
    // photos, revoke the tokens and delete the citizen, while the submission waits for that row.
    await t.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('citizens').select('id').where('id', '=', device.id).forUpdate().execute();
      const holder = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const holderPid = holder.rows[0]?.pid;
      submission = submit(device.auth, body([photoId]), key);
      let settled = false;
      submission.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      // The race is only tested when the submission is seen waiting for this transaction's lock: poll until it
      // is (the test's timeout ends a wait that never comes), and fail if it finishes without ever waiting.
      let blocked = false;
      while (!blocked && !settled) {
        const waiting = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`.execute(
          t.database.db,
        );
        blocked = (waiting.rows[0]?.n ?? 0) > 0;
        if (!blocked) await sleep(10);
      }
      assert.ok(blocked, 'the submission waited for the locked citizen row');
      await trx
        .updateTable('report_photos')
        .set({ citizen_id: into.id })
        .where('citizen_id', '=', device.id)
        .execute();
      await trx.deleteFrom('citizen_tokens').where('citizen_id', '=', device.id).execute();
      await trx.deleteFrom('citizens').where('id', '=', device.id).execute();
    });
    const res = await submission;
    assert.equal(res?.statusCode, 401, res?.body);
    assert.equal(res?.json().error.code, 'CITIZEN_UNAUTHENTICATED');
    const photo = await t.database.db
      .selectFrom('report_photos')
      .select(['citizen_id', 'report_id'])
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(photo, { citizen_id: into.id, report_id: null });
    const reports = await t.database.db
      .selectFrom('reports')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    assert.equal(reports.length, 0);
  });
});
