import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import { buildApp } from '../../http/app.ts';
import { ADMIN, login } from '../../testing/harness.ts';
import { vn } from '../../testing/time.ts';
import {
  APP_SECRET,
  CONFIG_REFRESH,
  startZaloDeliveryKit,
  TEMPLATES,
  TODAY,
  type ZaloDeliveryKit,
} from '../../testing/zalo-delivery.ts';
import { positions } from '../appointments/queue-line.ts';
import { createZaloNotificationService } from './zalo-notifications.service.ts';

describe('Zalo notifications: the citizen switch, the OA user id, the console settings', () => {
  const clock = manualClock(vn(TODAY, '07:40'));
  let z: ZaloDeliveryKit;

  before(async () => {
    z = await startZaloDeliveryKit({ clock });
  });
  after(() => z?.close());

  test('opt-in needs a Zalo-linked citizen; the answer tells the channel and what is on file', async () => {
    const device = await z.kit.newCitizen();
    assert.equal((await z.t.app.inject({ url: '/api/v1/citizen/zalo/notifications' })).statusCode, 401);
    const refused = await z.api('PUT', '/citizen/zalo/notifications', device, { enabled: true });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'ZALO_NOT_LINKED');
    assert.deepEqual((await z.api('GET', '/citizen/zalo/notifications', device)).json(), {
      enabled: false,
      channel: 'off',
      phoneKnown: false,
      oaLinked: false,
    });

    const linked = await z.zaloCitizen({ optIn: false });
    const on = await z.api('PUT', '/citizen/zalo/notifications', linked.auth, { enabled: true });
    assert.deepEqual(on.json(), { enabled: true, channel: 'off', phoneKnown: true, oaLinked: false });
    const noPhone = await z.zaloCitizen({ phone: null });
    assert.deepEqual((await z.api('GET', '/citizen/zalo/notifications', noPhone.auth)).json(), {
      enabled: true,
      channel: 'off',
      phoneKnown: false,
      oaLinked: false,
    });
    const off = await z.api('PUT', '/citizen/zalo/notifications', linked.auth, { enabled: false });
    assert.equal(off.json().enabled, false);
  });

  test("the OA user id is kept only once the OA's user detail ties it to this citizen's Zalo account", async () => {
    const put = (auth: object, body: object) => z.api('PUT', '/citizen/zalo/notifications', auth, body);
    const errorOf = (res: Awaited<ReturnType<typeof put>>) => [res.statusCode, res.json().error?.code];
    const stored = async (id: string) =>
      (
        await z.t.database.db
          .selectFrom('citizens')
          .select(['zalo_oa_user_id', 'zalo_notify_opt_in_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).zalo_oa_user_id;
    const c = await z.zaloCitizen({ optIn: false });
    const other = await z.zaloCitizen({ optIn: false });
    const othersOaId = z.fake.addFollower(other.zaloId);

    assert.deepEqual(errorOf(await put(c.auth, { enabled: true, oaUserId: c.zaloId })), [
      403,
      'ZALO_IDENTITY_MISMATCH',
    ]);
    assert.deepEqual(errorOf(await put(c.auth, { enabled: true, oaUserId: othersOaId })), [
      403,
      'ZALO_IDENTITY_MISMATCH',
    ]);
    assert.deepEqual(errorOf(await put(await z.kit.newCitizen(), { enabled: false, oaUserId: othersOaId })), [
      409,
      'ZALO_NOT_LINKED',
    ]);
    assert.deepEqual(errorOf(await put(c.auth, { enabled: true, oaUserId: 'abc' })), [
      400,
      'VALIDATION_FAILED',
    ]);
    const own = z.fake.addFollower(c.zaloId);
    z.fake.failNext('user', 'http500');
    assert.deepEqual(errorOf(await put(c.auth, { enabled: true, oaUserId: own })), [502, 'ZALO_UNAVAILABLE']);
    z.fake.unfollow(own);
    assert.deepEqual(errorOf(await put(c.auth, { enabled: true, oaUserId: own })), [
      409,
      'ZALO_OA_NOT_FOLLOWER',
    ]);
    assert.equal(await stored(c.id), null, 'nothing kept by a refused request');
    assert.equal((await z.api('GET', '/citizen/zalo/notifications', c.auth)).json().enabled, false);

    const followed = z.fake.addFollower(c.zaloId);
    const ok = await put(c.auth, { enabled: true, oaUserId: followed });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { enabled: true, channel: 'off', phoneKnown: true, oaLinked: true });
    assert.equal(await stored(c.id), followed);
    const asked = z.fake.requests.filter((r) => r.endpoint === 'user');
    assert.equal(asked.at(-1)?.path, '/v3.0/oa/user/detail');
    assert.ok(asked.at(-1)?.accessToken, 'with the OA access token');
    // The same id again is not asked again; leaving it out keeps it; opting out keeps it too.
    await put(c.auth, { enabled: true, oaUserId: followed });
    await put(c.auth, { enabled: false });
    assert.equal(z.fake.requests.filter((r) => r.endpoint === 'user').length, asked.length);
    assert.equal(await stored(c.id), followed);
  });

  test('without an Official Account connection the OA user id is not kept, and opting in still works', async () => {
    const c = await z.zaloCitizen({ optIn: false });
    const service = createZaloNotificationService({
      db: z.t.database.db,
      clock,
      audit: z.t.app.services.audit,
      jobs: z.t.app.services.jobs,
      zalo: { ...z.t.config.zalo, appSecret: undefined },
      secretKey: Buffer.from(z.t.config.secretKey ?? ''),
      queuePositions: positions,
    });
    const answer = await service.setPreference(
      { citizenId: c.id },
      { enabled: true, oaUserId: z.fake.addFollower(c.zaloId) },
    );
    assert.deepEqual([answer.enabled, answer.oaLinked], [true, false]);
  });

  test('a settings write that fails keeps the OA token chain in use, even with a good pasted token', async () => {
    await z.api('GET', '/admin/zalo/settings', z.admin.headers);
    const before = await z.oaTokenRow();
    const pasted = `pasted-refresh-token-${randomUUID()}`;
    z.fake.addRefreshToken(pasted);
    // An actor who is not (any more) a staff user: the settings row cannot name them, the transaction fails.
    const ghost = {
      userId: randomUUID(),
      username: 'da-nghi-viec',
      role: 'admin' as const,
      agencyId: null,
      sessionId: randomUUID(),
      requestId: 'req-ghost-0001',
      ip: '127.0.0.1',
    };
    await assert.rejects(
      z.t.app.services.zaloNotifications.updateSettings(ghost, {
        channel: 'zns',
        templates: TEMPLATES,
        oaRefreshToken: pasted,
      }),
    );
    assert.equal(
      z.fake.requests.filter((r) => r.endpoint === 'oauth').at(-1)?.body.refresh_token,
      pasted,
      'checked with Zalo first',
    );
    assert.deepEqual(await z.oaTokenRow(), before, 'the stored chain is untouched');
    assert.equal((await z.api('GET', '/admin/zalo/settings', z.admin.headers)).json().channel, 'off');
  });

  test('a refresh token set in the console is checked with Zalo first, audited without the token, never logged', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The same database and clock, with a logger that keeps every line at the most verbose level.
    const app = await buildApp({
      config: z.t.config,
      database: z.t.database,
      secretKey: Buffer.from(z.t.config.secretKey ?? ''),
      clock,
      logger: { level: 'trace', stream },
    });
    await app.ready();
    try {
      const session = await login(app, ADMIN.username, ADMIN.password);
      const put = (body: object) =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/admin/zalo/settings',
          headers: session.headers,
          payload: body,
        });
      const rejected = await put({
        channel: 'zns',
        templates: TEMPLATES,
        oaRefreshToken: 'not-a-token-from-zalo',
      });
      assert.equal(rejected.statusCode, 400);
      assert.equal(rejected.json().error.code, 'ZALO_OA_TOKEN_REJECTED');
      const adminToken = 'admin-pasted-refresh-token-42';
      z.fake.addRefreshToken(adminToken);
      const accepted = await put({ channel: 'zns', templates: TEMPLATES, oaRefreshToken: adminToken });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().oaConnected, true);
      assert.equal(
        z.fake.requests.filter((r) => r.endpoint === 'oauth').at(-1)?.body.refresh_token,
        adminToken,
      );
      assert.equal((await z.oaTokenRow()).source, 'admin');

      const c = await z.zaloCitizen({ phone: '0987000111' });
      const id = await z.notification(c.auth);
      await app.services.zaloNotifications.run();
      assert.equal(z.znsFor(id).length, 1);

      const audit = await app.inject({
        url: '/api/v1/audit-log?entityType=zalo_settings',
        headers: session.headers,
      });
      assert.equal(audit.statusCode, 200);
      assert.equal(audit.json().items[0].action, 'zalo.settings');
      assert.equal(audit.json().items[0].after.oaTokenReplaced, true);

      const secrets = [
        APP_SECRET,
        CONFIG_REFRESH,
        adminToken,
        ...z.fake.issuedRefreshTokens,
        '0987000111',
        '84987000111',
      ];
      secrets.push(...z.fake.requests.flatMap((r) => (r.accessToken ? [r.accessToken] : [])));
      const everything = [lines.join('\n'), rejected.body, accepted.body, audit.body].join('\n');
      assert.ok(lines.length > 0, 'the logger wrote lines');
      for (const s of secrets) assert.ok(!everything.includes(s), 'a secret, token or phone leaked');
    } finally {
      await app.close();
    }
  });
});
