import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  cookiesOf,
  createStaff,
  login,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

const LOGIN = '/api/v1/auth/login';

describe('staff sign-in, sessions and passwords', () => {
  const clock = manualClock('2026-03-02T02:00:00Z');
  let t: TestContext;
  before(async () => {
    t = await startTestApp({ clock, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
  });
  after(() => t.close());

  test('login sets an httpOnly SameSite=Strict session cookie and returns the user, permissions and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: LOGIN, payload: ADMIN });
    assert.equal(res.statusCode, 200);
    const sid = res.cookies.find((c) => c.name === 'dltt_sid');
    assert.ok(sid);
    assert.equal(sid.httpOnly, true);
    assert.equal(sid.sameSite, 'Strict');
    assert.equal(sid.path, '/');
    assert.equal(sid.secure, undefined, 'plain http in tests: no Secure flag');
    const body = res.json();
    assert.equal(body.user.username, 'admin');
    assert.equal(body.user.role, 'admin');
    assert.ok(body.permissions.includes('staff.manage'));
    assert.ok(body.csrfToken.length > 10);
    assert.equal(JSON.stringify(body).includes('password'), false, 'no password hash in the answer');
  });

  test('usernames are case-insensitive; wrong password and unknown user answer the same', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: { username: 'ADMIN', password: ADMIN.password },
    });
    assert.equal(ok.statusCode, 200);
    const unknown = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: { username: 'ghost', password: 'whatever-123' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(unknown.json().error.message, 'Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  test('the session cookie opens /auth/session; without it the answer is 401', async () => {
    const s = await login(t.app, ADMIN.username, ADMIN.password);
    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.headers.cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.username, 'admin');
    const anon = await t.app.inject('/api/v1/auth/session');
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'UNAUTHENTICATED');
    const forged = await t.app.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: 'dltt_sid=forged-token' },
    });
    assert.equal(forged.statusCode, 401);
  });

  test('a state-changing request without the CSRF token is refused; with it, it passes', async () => {
    const s = await login(t.app, ADMIN.username, ADMIN.password);
    const payload = { code: 'csrf-check', name: 'Đơn vị thử CSRF', kind: 'other' };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie: s.headers.cookie },
      payload,
    });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().error.code, 'CSRF_INVALID');
    // A second session in the same browser (same CSRF secret cookie): its token must not work for the first.
    const csrfCookie = s.headers.cookie.split('; ').find((c) => c.startsWith('dltt_csrf='))!;
    const second = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: ADMIN,
      headers: { cookie: csrfCookie },
    });
    assert.equal(
      second.cookies.some((c) => c.name === 'dltt_csrf'),
      false,
      'the existing CSRF secret is reused',
    );
    const stolen = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { cookie: s.headers.cookie, 'x-csrf-token': second.json().csrfToken },
      payload,
    });
    assert.equal(stolen.statusCode, 403, 'a token is bound to its own session');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/agencies', headers: s.headers, payload });
    assert.equal(ok.statusCode, 201);
  });

  test('repeated failures lock the account; the right password does not open it until the lock ends', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    await createStaff(t.app, admin, { username: 'locky', role: 'dispatcher', password: 'locky-password-1' });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'locky', password } });
    assert.equal((await attempt('wrong-1')).statusCode, 401);
    assert.equal((await attempt('wrong-2')).statusCode, 401);
    const third = await attempt('wrong-3');
    assert.equal(third.statusCode, 423);
    assert.equal(third.json().error.code, 'ACCOUNT_LOCKED');
    assert.equal((await attempt('locky-password-1')).statusCode, 423, 'locked even with the right password');

    const list = await t.app.inject({ url: '/api/v1/staff-users?q=locky', headers: admin.headers });
    assert.equal(list.json().items[0].locked, true);

    clock.advance(14 * 60_000);
    assert.equal((await attempt('locky-password-1')).statusCode, 423);
    clock.advance(2 * 60_000);
    assert.equal((await attempt('locky-password-1')).statusCode, 200, 'open again after 15 minutes');

    const audit = await t.app.inject({ url: '/api/v1/audit-log?action=auth.locked', headers: admin.headers });
    assert.equal(audit.json().total, 1);
  });

  test('a burst of parallel guesses cannot outrun the lockout, even if one of them is right', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    await createStaff(t.app, admin, { username: 'burst', role: 'dispatcher', password: 'burst-password-1' });
    const attempts = Array.from({ length: 30 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: LOGIN,
        payload: { username: 'burst', password: i === 29 ? 'burst-password-1' : `guess-${i}` },
      }),
    );
    const codes = (await Promise.all(attempts)).map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 200).length, 0, 'the right password came after the lock');
    assert.equal(codes.filter((c) => c === 401).length, 2, 'only maxFailures - 1 plain refusals');
    assert.equal(codes.filter((c) => c === 423).length, 28);
    const stillLocked = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: { username: 'burst', password: 'burst-password-1' },
    });
    assert.equal(stillLocked.statusCode, 423);
  });

  test('access is checked before the body: anonymous gets 401 and a wrong role 403 even with a bad body', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/staff-users', payload: {} });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'UNAUTHENTICATED');
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const officer = await createStaff(t.app, admin, {
      username: 'nosy-officer',
      role: 'agency_officer',
      agencyId: await agencyId(t.database, 'so-y-te'),
    });
    const wrongRole = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-users',
      headers: officer.headers,
      payload: { nonsense: true },
    });
    assert.equal(wrongRole.statusCode, 403);
    assert.equal(wrongRole.json().error.code, 'FORBIDDEN');
    assert.equal(wrongRole.json().error.details, undefined, 'no schema details for a caller without access');
  });

  test('wrong current passwords count towards the lockout; the lock ends the guessing session', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const victim = await createStaff(t.app, admin, {
      username: 'victim',
      role: 'dispatcher',
      password: 'victim-password-1',
    });
    const guess = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: victim.headers,
        payload: { currentPassword, newPassword: 'attacker-password-1' },
      });
    assert.equal((await guess('guess-1')).json().error.code, 'WRONG_PASSWORD');
    assert.equal((await guess('guess-2')).json().error.code, 'WRONG_PASSWORD');
    const third = await guess('guess-3');
    assert.equal(third.statusCode, 423);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/auth/session', headers: victim.headers })).statusCode,
      401,
    );
    clock.advance(16 * 60_000);
    await login(t.app, 'victim', 'victim-password-1');
  });

  test('a success resets the failure counter', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    await createStaff(t.app, admin, {
      username: 'resetty',
      role: 'dispatcher',
      password: 'resetty-password-1',
    });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: LOGIN, payload: { username: 'resetty', password } });
    await attempt('bad');
    await attempt('bad');
    assert.equal((await attempt('resetty-password-1')).statusCode, 200);
    await attempt('bad');
    assert.equal((await attempt('bad')).statusCode, 401, 'two failures after a success: not locked yet');
  });

  test('a session expires after the idle time; activity extends it', async () => {
    const s = await login(t.app, ADMIN.username, ADMIN.password);
    const session = () =>
      t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.headers.cookie } });
    clock.advance(11 * 3_600_000);
    assert.equal((await session()).statusCode, 200, 'used after 11 h: slides');
    clock.advance(11 * 3_600_000);
    assert.equal((await session()).statusCode, 200, '11 h after the last use: still alive');
    clock.advance(12 * 3_600_000 + 1000);
    assert.equal((await session()).statusCode, 401, 'idle for over 12 h: expired');
  });

  test('logout ends the session', async () => {
    const s = await login(t.app, ADMIN.username, ADMIN.password);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    assert.equal(out.statusCode, 200);
    const cleared = out.cookies.find((c) => c.name === 'dltt_sid');
    assert.equal(cleared?.value, '');
    const again = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.headers.cookie } });
    assert.equal(again.statusCode, 401);
  });

  test('password change: checks the current one, refuses reuse, signs out other sessions', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-users',
      headers: admin.headers,
      payload: {
        username: 'changer',
        fullName: 'Người Đổi',
        role: 'dispatcher',
        password: 'first-password-1',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = await login(t.app, 'changer', 'first-password-1');
    const b = await login(t.app, 'changer', 'first-password-1');
    const flag = async () =>
      (await t.app.inject({ url: '/api/v1/auth/session', headers: a.headers })).json().user
        .mustChangePassword;
    assert.equal(await flag(), true, 'a password the admin chose is to be replaced');
    // Until it is, the API answers nothing else: not a read, not a write.
    for (const [method, url] of [
      ['GET', '/api/v1/staff/reports'],
      ['GET', '/api/v1/agencies'],
      ['POST', '/api/v1/response-templates'],
    ] as const) {
      const refused = await t.app.inject({ method, url, headers: a.headers, payload: {} });
      assert.equal(refused.statusCode, 403, `${method} ${url}: ${refused.body}`);
      assert.equal(refused.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      assert.match(refused.json().error.message, /đổi mật khẩu/);
    }
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: b.headers });
    assert.equal(logout.statusCode, 200, 'signing out still works');
    const change = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers, payload: body });

    const wrong = await change({ currentPassword: 'nope-nope-nope', newPassword: 'second-password-2' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.code, 'WRONG_PASSWORD');
    const same = await change({ currentPassword: 'first-password-1', newPassword: 'first-password-1' });
    assert.equal(same.json().error.code, 'PASSWORD_REUSED');
    const short = await change({ currentPassword: 'first-password-1', newPassword: 'short' });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().error.code, 'VALIDATION_FAILED');

    const ok = await change({ currentPassword: 'first-password-1', newPassword: 'second-password-2' });
    assert.equal(ok.statusCode, 200);
    assert.equal(await flag(), false, 'replaced by its owner');
    const works = await t.app.inject({ url: '/api/v1/staff/reports', headers: a.headers });
    assert.equal(works.statusCode, 200, 'the same session now works');
    const sessionOf = (cookie: string) => t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    assert.equal((await sessionOf(a.headers.cookie)).statusCode, 200, 'the session that changed it stays');
    assert.equal((await sessionOf(b.headers.cookie)).statusCode, 401, 'other sessions end');
    await assert.rejects(login(t.app, 'changer', 'first-password-1'));
    await login(t.app, 'changer', 'second-password-2');

    // An admin reset asks again; the admin list shows who has not changed theirs.
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff-users/${a.userId}/password`,
      headers: admin.headers,
      payload: { password: 'third-password-3' },
    });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().mustChangePassword, true);
    const again = await login(t.app, 'changer', 'third-password-3');
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: again.headers });
    assert.equal(session.json().user.mustChangePassword, true);
    const refused = await t.app.inject({ url: '/api/v1/staff/reports', headers: again.headers });
    assert.equal(refused.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  });

  test('the first admin: a generated password is to be changed, one from ADMIN_PASSWORD is not', async () => {
    const generated = await startTestApp({ env: { ADMIN_PASSWORD: undefined } });
    try {
      const row = await generated.database.db
        .selectFrom('staff_users')
        .select('must_change_password')
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      assert.equal(row.must_change_password, true);
    } finally {
      await generated.close();
    }
    const chosen = await t.database.db
      .selectFrom('staff_users')
      .select('must_change_password')
      .where('username', '=', ADMIN.username)
      .executeTakeFirstOrThrow();
    assert.equal(chosen.must_change_password, false);
  });

  test('a disabled account cannot sign in and its open sessions stop working', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'so-xay-dung');
    const officer = await createStaff(t.app, admin, {
      username: 'leaver',
      role: 'agency_officer',
      agencyId: agency,
    });
    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: officer.headers });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff-users/${me.json().user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/auth/session', headers: officer.headers })).statusCode,
      401,
    );
    const again = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: { username: 'leaver', password: 'staff-password-123' },
    });
    assert.equal(again.statusCode, 403);
    assert.equal(again.json().error.code, 'ACCOUNT_DISABLED');
  });

  test('login is rate-limited per client address', async () => {
    const other = await startTestApp({ env: { RATE_LIMIT_LOGIN: '10' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await other.app.inject({
          method: 'POST',
          url: LOGIN,
          payload: { username: 'ghost', password: 'nothing-here' },
          remoteAddress: '203.0.113.7',
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) assert.equal(res.json().error.code, 'RATE_LIMITED');
      }
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(codes.slice(10), [429, 429]);
      const elsewhere = await other.app.inject({
        method: 'POST',
        url: LOGIN,
        payload: ADMIN,
        remoteAddress: '203.0.113.8',
      });
      assert.equal(elsewhere.statusCode, 200);
      assert.ok(cookiesOf(elsewhere).includes('dltt_sid='));
    } finally {
      await other.close();
    }
  });
});
