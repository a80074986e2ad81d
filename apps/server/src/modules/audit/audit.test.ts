import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ADMIN, login, startTestApp, type TestContext } from '../../testing/harness.ts';

describe('audit log', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('the bootstrap admin and each sign-in are recorded with who and when', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const res = await t.app.inject({ url: '/api/v1/audit-log?pageSize=50', headers: admin.headers });
    const actions = res.json().items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('staff.bootstrap_admin'));
    assert.ok(actions.includes('auth.login'));
    const loginEntry = res.json().items.find((e: { action: string }) => e.action === 'auth.login');
    assert.equal(loginEntry.actorUsername, 'admin');
    assert.ok(loginEntry.requestId);
    assert.ok(!Number.isNaN(Date.parse(loginEntry.at)));
  });

  test('entries can be neither changed nor deleted nor truncated, even by the application', async () => {
    await assert.rejects(sql`UPDATE audit_log SET action = 'forged'`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(t.database.db), /append-only/);
    const n = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(n.n) >= 1);
  });
});
