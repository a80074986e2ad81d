import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN, startTestApp, type TestContext } from '../testing/harness.ts';
import { type Jobs, startJobs } from './boss.ts';
import { purgeSessionsJob } from './purge-sessions.job.ts';

describe('background jobs (pg-boss on the shared pool)', () => {
  let t: TestContext;
  let jobs: Jobs;
  before(async () => {
    t = await startTestApp();
    jobs = await startJobs(t.database, t.app.services, (msg, err) => console.error(msg, err));
  });
  after(async () => {
    await jobs.stop();
    await t.close();
  });

  test('pg-boss installs into its own schema on the same database and schedules the cleanup', async () => {
    const schedules = await jobs.boss.getSchedules();
    assert.ok(schedules.some((s) => s.name === purgeSessionsJob.name && s.cron === purgeSessionsJob.cron));
  });

  test('the session cleanup job removes expired sessions and only those', async () => {
    const user = await t.database.db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', ADMIN.username)
      .executeTakeFirstOrThrow();
    const token = (s: string) => createHash('sha256').update(s).digest();
    const now = Date.now();
    await t.database.db
      .insertInto('staff_sessions')
      .values([
        { token_hash: token('old'), user_id: user.id, expires_at: new Date(now - 60_000) },
        { token_hash: token('live'), user_id: user.id, expires_at: new Date(now + 3_600_000) },
      ])
      .execute();
    await jobs.boss.send(purgeSessionsJob.name, { v: 1 });
    const deadline = Date.now() + 20_000;
    let remaining: Buffer[] = [];
    while (Date.now() < deadline) {
      remaining = (await t.database.db.selectFrom('staff_sessions').select('token_hash').execute()).map(
        (r) => r.token_hash,
      );
      if (remaining.length === 1) break;
      await sleep(200);
    }
    assert.deepEqual(remaining, [token('live')]);
  });
});
