import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENCY_SCOPED_ROLES } from '@dltt/contracts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

const URL = '/api/v1/staff-users';

describe('staff accounts (admin)', () => {
  let t: TestContext;
  let admin: StaffSession;
  let xayDung: string;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    xayDung = await agencyId(t.database, 'so-xay-dung');
  });
  after(() => t.close());

  const create = (payload: object, headers = admin.headers) =>
    t.app.inject({ method: 'POST', url: URL, headers, payload });

  test('creates each role; agency-scoped roles need an agency, province-wide ones do not', async () => {
    const ok = await create({
      username: 'Officer.One',
      fullName: 'Nguyễn Văn Một',
      role: 'agency_officer',
      agencyId: xayDung,
      password: 'officer-password-1',
    });
    assert.equal(ok.statusCode, 201);
    const user = ok.json();
    assert.equal(user.username, 'officer.one', 'usernames are stored lower-case');
    assert.equal(user.agencyName, 'Sở Xây dựng');
    assert.equal(user.active, true);
    assert.equal('passwordHash' in user || 'password_hash' in user, false);

    for (const role of AGENCY_SCOPED_ROLES) {
      const res = await create({
        username: `no-agency-${role}`,
        fullName: 'X',
        role,
        password: 'password-12345',
      });
      assert.equal(res.statusCode, 400, role);
      assert.equal(res.json().error.code, 'AGENCY_REQUIRED');
    }
    const dispatcher = await create({
      username: 'dieuphoi',
      fullName: 'Điều phối',
      role: 'dispatcher',
      password: 'password-12345',
    });
    assert.equal(dispatcher.statusCode, 201);
  });

  test('duplicate username (any case) is a 409; unknown agency a 404; bad input a 400', async () => {
    await create({ username: 'dup', fullName: 'A', role: 'dispatcher', password: 'password-12345' });
    const dup = await create({
      username: 'DUP',
      fullName: 'B',
      role: 'dispatcher',
      password: 'password-12345',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'USERNAME_TAKEN');
    const noAgency = await create({
      username: 'lost',
      fullName: 'C',
      role: 'agency_officer',
      agencyId: '00000000-0000-4000-8000-000000000000',
      password: 'password-12345',
    });
    assert.equal(noAgency.statusCode, 404);
    assert.equal(noAgency.json().error.code, 'AGENCY_NOT_FOUND');
    const bad = await create({ username: 'x y', fullName: '', role: 'king', password: 'short' });
    assert.equal(bad.statusCode, 400);
    const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).join(' ');
    for (const field of ['username', 'fullName', 'role', 'password']) assert.match(paths, new RegExp(field));
  });

  test('only admins manage staff: other roles get 403, anonymous 401', async () => {
    const officer = await createStaff(t.app, admin, {
      username: 'plain-officer',
      role: 'agency_officer',
      agencyId: xayDung,
    });
    const dispatcher = await createStaff(t.app, admin, { username: 'plain-dispatcher', role: 'dispatcher' });
    for (const s of [officer, dispatcher]) {
      const list = await t.app.inject({ url: URL, headers: s.headers });
      assert.equal(list.statusCode, 403);
      assert.equal(list.json().error.code, 'FORBIDDEN');
      const res = await create(
        { username: 'sneaky', fullName: 'S', role: 'admin', password: 'password-12345' },
        s.headers,
      );
      assert.equal(res.statusCode, 403);
      const audit = await t.app.inject({ url: '/api/v1/audit-log', headers: s.headers });
      assert.equal(audit.statusCode, 403);
    }
    assert.equal((await t.app.inject(URL)).statusCode, 401);
  });

  test('list: search ignores diacritics and case, filters by role and agency, paginates', async () => {
    await create({
      username: 'tranthi',
      fullName: 'Trần Thị Đào',
      role: 'agency_officer',
      agencyId: xayDung,
      password: 'password-12345',
    });
    const found = await t.app.inject({ url: `${URL}?q=tran thi dao`, headers: admin.headers });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(
      found.json().items.map((u: { username: string }) => u.username),
      ['tranthi'],
    );
    const byAgency = await t.app.inject({
      url: `${URL}?agencyId=${xayDung}&role=agency_officer`,
      headers: admin.headers,
    });
    assert.ok(
      byAgency
        .json()
        .items.every(
          (u: { agencyId: string; role: string }) => u.agencyId === xayDung && u.role === 'agency_officer',
        ),
    );
    const page1 = await t.app.inject({ url: `${URL}?pageSize=2&page=1`, headers: admin.headers });
    const page2 = await t.app.inject({ url: `${URL}?pageSize=2&page=2`, headers: admin.headers });
    assert.equal(page1.json().items.length, 2);
    assert.equal(page1.json().total, page2.json().total);
    assert.notDeepEqual(page1.json().items, page2.json().items);
    const tooBig = await t.app.inject({ url: `${URL}?pageSize=1000`, headers: admin.headers });
    assert.equal(tooBig.statusCode, 400);
  });

  test('update changes role and agency, and the change is audited with before and after', async () => {
    const res = await create({
      username: 'mover',
      fullName: 'Người Chuyển',
      role: 'dispatcher',
      password: 'password-12345',
    });
    const id = res.json().id;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${id}`,
      headers: admin.headers,
      payload: { role: 'agency_manager', agencyId: xayDung, fullName: 'Người Chuyển Đơn Vị' },
    });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().role, 'agency_manager');
    const audit = await t.app.inject({
      url: `/api/v1/audit-log?entityId=${id}&action=staff.update`,
      headers: admin.headers,
    });
    const entry = audit.json().items[0];
    assert.equal(entry.actorUsername, 'admin');
    assert.equal(entry.before.role, 'dispatcher');
    assert.equal(entry.after.role, 'agency_manager');
    assert.equal(entry.after.agencyId, xayDung);
    assert.equal(JSON.stringify(audit.json()).includes('argon2'), false, 'no password hash in the audit log');

    const toScoped = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${id}`,
      headers: admin.headers,
      payload: { agencyId: null },
    });
    assert.equal(toScoped.json().error.code, 'AGENCY_REQUIRED');
    const missing = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/00000000-0000-4000-8000-000000000000`,
      headers: admin.headers,
      payload: { fullName: 'Ai đó' },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'STAFF_USER_NOT_FOUND');
    const badId = await t.app.inject({ url: `${URL}/not-a-uuid`, headers: admin.headers });
    assert.equal(badId.statusCode, 400);
  });

  test('an admin cannot disable or demote themself, and the last active admin stays', async () => {
    const self = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${admin.userId}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().error.code, 'CANNOT_CHANGE_SELF');

    const second = await createStaff(t.app, admin, { username: 'admin2', role: 'admin' });
    // admin2 demotes admin: allowed, one admin remains.
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${admin.userId}`,
      headers: second.headers,
      payload: { role: 'dispatcher' },
    });
    assert.equal(demote.statusCode, 200);
    const third = await createStaff(t.app, second, { username: 'admin3', role: 'admin' });
    const disable3 = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${third.userId}`,
      headers: second.headers,
      payload: { active: false },
    });
    assert.equal(disable3.statusCode, 200);
    const reAdmin = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${admin.userId}`,
      headers: second.headers,
      payload: { role: 'admin' },
    });
    assert.equal(reAdmin.statusCode, 200);
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const lastDisable = await t.app.inject({
      method: 'PATCH',
      url: `${URL}/${second.userId}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(lastDisable.statusCode, 200, 'admin remains, so admin2 may go');
    // admin is now the only active admin, and cannot demote themself (checked above).
    const onlyOne = await t.database.db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .execute();
    assert.deepEqual(
      onlyOne.map((r) => r.id),
      [admin.userId],
    );
  });

  test('two admins demoting each other at once: one wins, the other gets LAST_ADMIN, never a 500', async () => {
    const other = await startTestApp();
    try {
      const a = await login(other.app, ADMIN.username, ADMIN.password);
      const b = await createStaff(other.app, a, { username: 'second-admin', role: 'admin' });
      const demote = (actor: StaffSession, target: string) =>
        other.app.inject({
          method: 'PATCH',
          url: `${URL}/${target}`,
          headers: actor.headers,
          payload: { role: 'dispatcher' },
        });
      // Hold the admins' rows so both requests pass their access checks and then meet at the lock.
      const barrier = await other.database.pool.connect();
      await barrier.query('BEGIN');
      await barrier.query("SELECT id FROM staff_users WHERE role = 'admin' FOR UPDATE");
      const both = Promise.all([demote(a, b.userId), demote(b, a.userId)]);
      await new Promise((r) => setTimeout(r, 200));
      await barrier.query('COMMIT');
      barrier.release();
      const results = await both;
      const codes = results.map((r) => r.statusCode);
      assert.equal(codes.filter((c) => c === 200).length, 1, JSON.stringify(results.map((r) => r.body)));
      const loser = results.find((r) => r.statusCode !== 200)!;
      // On PostgreSQL both requests are past the access check: the row locks decide (409). On the
      // single-connection PGlite the requests queue behind the barrier, and the loser may find its session
      // already ended by the winner (401).
      const expected =
        other.database.kind === 'postgres' ? ['LAST_ADMIN'] : ['LAST_ADMIN', 'UNAUTHENTICATED'];
      assert.ok(expected.includes(loser.json().error.code), loser.body);
      const admins = await other.database.db
        .selectFrom('staff_users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .execute();
      assert.equal(admins.length, 1);
    } finally {
      await other.close();
    }
  });

  test('an admin cannot reset their own password through the admin path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${URL}/${admin.userId}/password`,
      headers: admin.headers,
      payload: { password: 'whatever-password-1' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'SELF_PASSWORD_RESET');
  });

  test('a change and its audit entry commit together: if the audit write fails, nothing changes', async () => {
    const other = await startTestApp();
    try {
      const a = await login(other.app, ADMIN.username, ADMIN.password);
      await other.database.pool.query(`
        CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$;
        CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: a.headers,
        payload: { code: 'never-saved', name: 'Không được lưu', kind: 'other' },
      });
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'INTERNAL');
      assert.equal(res.json().error.message.includes('audit storage'), false, 'no internals in the answer');
      const row = await other.database.db
        .selectFrom('agencies')
        .select('id')
        .where('code', '=', 'never-saved')
        .executeTakeFirst();
      assert.equal(row, undefined);
    } finally {
      await other.close();
    }
  });

  test('admin password reset unlocks the account and ends its sessions', async () => {
    const user = await createStaff(t.app, admin, {
      username: 'forgetful',
      role: 'dispatcher',
      password: 'old-password-1',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `${URL}/${user.userId}/password`,
      headers: admin.headers,
      payload: { password: 'new-password-22' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/auth/session', headers: user.headers })).statusCode,
      401,
    );
    await assert.rejects(login(t.app, 'forgetful', 'old-password-1'));
    await login(t.app, 'forgetful', 'new-password-22');
    const audit = await t.app.inject({
      url: `/api/v1/audit-log?action=staff.password_reset&entityId=${user.userId}`,
      headers: admin.headers,
    });
    assert.equal(audit.json().total, 1);
  });
});
