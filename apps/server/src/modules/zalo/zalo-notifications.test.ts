import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import { buildApp } from '../../http/app.ts';
import { type FakeZaloOa, startFakeZaloOa } from '../../testing/fake-zalo-oa.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { type CitizenAuth, reportKit } from '../../testing/reports.ts';
import { createZaloNotificationService, MAX_ATTEMPTS } from './zalo-notifications.service.ts';

const MIN = 60_000;
const vn = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const TODAY = '2026-09-03';
const APP_ID = '4321987654321';
const APP_SECRET = 'fake-zalo-app-secret-0123456789';
const CONFIG_REFRESH = 'config-oa-refresh-token-0001';
const TEMPLATES = { report_status: '301001', queue_soon: '301002', queue_called: '301003' };

describe('Zalo notifications: ZNS / OA delivery, settings and log', () => {
  // Thursday 07:40 in Vietnam: the queue test books the 08:00 slot and checks in at once.
  const clock = manualClock(vn(TODAY, '07:40'));
  let fake: FakeZaloOa;
  let t: TestContext;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  let admin: StaffSession;
  let officer: StaffSession;
  let phoneSeq = 0;
  let zaloSeq = 0;
  let lastReportCode = '';

  const api = (method: 'GET' | 'PUT' | 'POST', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const run = () => t.app.services.zaloNotifications.run();
  const setSettings = async (body: object) => {
    const res = await api('PUT', '/admin/zalo/settings', admin.headers, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  /** A citizen signed in with Zalo (set as the Zalo sign-in would), with a verified phone unless `phone: null`. */
  async function zaloCitizen(options: { phone?: string | null; optIn?: boolean } = {}) {
    const auth = await kit.newCitizen();
    const session = await api('GET', '/citizen/zalo/notifications', auth);
    assert.equal(session.statusCode, 200);
    const phone = options.phone === undefined ? `091${String(++phoneSeq).padStart(7, '0')}` : options.phone;
    const zaloId = `90000000000${++zaloSeq}`;
    const token = auth.authorization.slice('Bearer '.length);
    const { citizen_id } = await t.database.db
      .selectFrom('citizen_tokens')
      .select('citizen_id')
      .where('token_hash', '=', createHash('sha256').update(token).digest())
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('citizens')
      .set({
        zalo_id: zaloId,
        zalo_linked_at: clock.now(),
        zalo_phone: phone,
        zalo_phone_verified_at: phone ? clock.now() : null,
      })
      .where('id', '=', citizen_id)
      .execute();
    if (options.optIn !== false) {
      const res = await api('PUT', '/citizen/zalo/notifications', auth, { enabled: true });
      assert.equal(res.statusCode, 200, res.body);
    }
    return { auth, id: citizen_id, zaloId, phone };
  }

  /** A report of `who`, accepted by the agency: one in-app notification. Returns its id. */
  async function notification(who: CitizenAuth, note = 'Đã chuyển đội điện chiếu sáng.'): Promise<string> {
    const report = await kit.file(who);
    lastReportCode = report.code;
    const res = await api('POST', `/staff/reports/${report.code}/accept`, officer.headers, { note });
    assert.equal(res.statusCode, 200, res.body);
    await t.app.services.reportNotifications.deliverPending();
    const row = await t.database.db
      .selectFrom('citizen_notifications')
      .select('id')
      .where('report_id', '=', report.id)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const deliveryOf = (notificationId: string) =>
    t.database.db
      .selectFrom('zalo_deliveries')
      .selectAll()
      .where('notification_id', '=', notificationId)
      .executeTakeFirst();
  const znsFor = (notificationId: string) => fake.zns.filter((m) => m.trackingId === notificationId);

  before(async () => {
    fake = await startFakeZaloOa({
      appId: APP_ID,
      appSecret: APP_SECRET,
      templates: Object.values(TEMPLATES),
    });
    fake.addRefreshToken(CONFIG_REFRESH);
    t = await startTestApp({
      clock,
      env: {
        RATE_LIMIT_PUBLIC_WRITES: '100000',
        ZALO_APP_ID: APP_ID,
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_OA_REFRESH_TOKEN: CONFIG_REFRESH,
        ZALO_OAUTH_URL: fake.url,
        ZALO_ZNS_URL: fake.url,
        ZALO_OA_URL: fake.url,
        ZALO_TIMEOUT_MS: '2000',
      },
    });
    kit = await reportKit(t);
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    // Province-wide: accepts whichever agency the report was routed to.
    officer = await createStaff(t.app, admin, { username: 'dieu-phoi-vien', role: 'dispatcher' });
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  test('opt-in needs a Zalo-linked citizen; the answer tells the channel and whether a phone is known', async () => {
    const device = await kit.newCitizen();
    assert.equal((await t.app.inject({ url: '/api/v1/citizen/zalo/notifications' })).statusCode, 401);
    const refused = await api('PUT', '/citizen/zalo/notifications', device, { enabled: true });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'ZALO_NOT_LINKED');
    assert.deepEqual((await api('GET', '/citizen/zalo/notifications', device)).json(), {
      enabled: false,
      channel: 'off',
      phoneKnown: false,
    });

    const linked = await zaloCitizen({ optIn: false });
    const on = await api('PUT', '/citizen/zalo/notifications', linked.auth, { enabled: true });
    assert.deepEqual(on.json(), { enabled: true, channel: 'off', phoneKnown: true });
    const noPhone = await zaloCitizen({ phone: null });
    assert.deepEqual((await api('GET', '/citizen/zalo/notifications', noPhone.auth)).json(), {
      enabled: true,
      channel: 'off',
      phoneKnown: false,
    });
    const off = await api('PUT', '/citizen/zalo/notifications', linked.auth, { enabled: false });
    assert.equal(off.json().enabled, false);
  });

  test('channel off: the delivery is recorded as skipped and nothing reaches Zalo; the in-app notice stays', async () => {
    const c = await zaloCitizen();
    const id = await notification(c.auth);
    await run();
    const d = await deliveryOf(id);
    assert.equal(d?.status, 'skipped');
    assert.equal(d?.last_error_code, 'CHANNEL_OFF');
    assert.equal(fake.requests.length, 0);
    const inApp = (await api('GET', '/me/notifications', c.auth)).json();
    assert.equal(inApp.items[0].id, id);
  });

  test('ZNS for a queue call and "your turn is near": ticket, counter and people ahead', async () => {
    await setSettings({ channel: 'zns', templates: TEMPLATES });
    const agency = await agencyId(t.database, 'ttpvhcc-tinh');
    const centre = await api('POST', '/admin/centres', admin.headers, {
      code: 'ttpvhcc-zalo',
      name: 'Trung tâm Phục vụ hành chính công tỉnh',
      agencyId: agency,
      sessions: [{ weekday: 4, start: '07:00', end: '11:30' }],
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 5 }],
      counters: [{ number: 3, fieldCodes: ['ho-tich'] }],
    });
    assert.equal(centre.statusCode, 201, centre.body);
    const { id: centreId, fields, counters } = centre.json();
    const first = await zaloCitizen();
    const second = await zaloCitizen();
    for (const who of [first, second]) {
      const booked = await api(
        'POST',
        '/bookings',
        { ...who.auth, 'idempotency-key': randomUUID() },
        {
          fieldId: fields[0].id,
          startsAt: vn(TODAY, '08:00').toISOString(),
          name: 'Lê Văn C',
          phone: '0987654321',
        },
      );
      assert.equal(booked.statusCode, 201, booked.body);
      const checkIn = await api('POST', `/centres/${centreId}/check-in`, {}, { code: booked.json().code });
      assert.equal(checkIn.statusCode, 200, checkIn.body);
    }
    const counterOfficer = await createStaff(t.app, admin, {
      username: 'quay-zalo',
      role: 'counter_officer',
      agencyId: agency,
    });
    assert.equal(
      (await api('POST', '/counter/session', counterOfficer.headers, { counterId: counters[0].id }))
        .statusCode,
      200,
    );
    assert.equal((await api('POST', '/counter/call-next', counterOfficer.headers)).statusCode, 200);

    await run();
    const called = fake.zns.find((m) => m.phone === `84${first.phone?.slice(1)}`);
    assert.deepEqual(called?.templateData, { ticket: 'A001', counter: 3 });
    assert.equal(called?.templateId, TEMPLATES.queue_called);
    const soon = fake.zns.find((m) => m.phone === `84${second.phone?.slice(1)}`);
    assert.deepEqual(soon?.templateData, { ticket: 'A002', people_ahead: 0 });
    assert.equal(soon?.templateId, TEMPLATES.queue_soon);
  });

  test('ZNS report status: template data, 84… phone, tracking id; token from the config token, rotation saved', async () => {
    await setSettings({ channel: 'zns', templates: TEMPLATES });
    const c = await zaloCitizen();
    const id = await notification(c.auth, 'Đã chuyển đội điện chiếu sáng.');
    await run();
    const [message] = znsFor(id);
    assert.ok(message, 'sent');
    assert.equal(message.phone, `84${c.phone?.slice(1)}`);
    assert.equal(message.templateId, TEMPLATES.report_status);
    assert.deepEqual(message.templateData, {
      report_code: lastReportCode,
      status: 'Đã tiếp nhận',
      note: 'Đã chuyển đội điện chiếu sáng.',
    });
    const d = await deliveryOf(id);
    assert.equal(d?.status, 'sent');
    assert.equal(d?.zalo_msg_id, message.msgId);
    assert.equal(d?.attempts, 1);

    // The first refresh used the environment's token, with the app secret in its header.
    const refreshes = fake.requests.filter((r) => r.endpoint === 'oauth');
    assert.equal(refreshes[0]?.body.refresh_token, CONFIG_REFRESH);
    assert.equal(refreshes[0]?.secretKey, APP_SECRET);
    assert.equal(refreshes[0]?.body.app_id, APP_ID);
    const stored = await t.database.db.selectFrom('zalo_oa_tokens').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.source, 'rotated');
    const latest = fake.issuedRefreshTokens.at(-1) ?? '';
    assert.ok(
      !stored.refresh_token.includes(latest) && !stored.refresh_token.includes(CONFIG_REFRESH),
      'sealed at rest',
    );

    // Zalo calls the access token expired: one refresh with the rotated token, then the send goes through.
    fake.expireAccessTokens();
    const again = await notification(c.auth, 'Lần hai.');
    await run();
    assert.equal(znsFor(again).length, 1);
    const later = fake.requests.filter((r) => r.endpoint === 'oauth');
    assert.equal(later.length, refreshes.length + 1);
    assert.equal(later.at(-1)?.body.refresh_token, latest, 'the rotated token, not the spent one');

    // A restarted server (a new service on the same database) keeps the chain instead of the spent env token.
    fake.expireAccessTokens();
    const restarted = createZaloNotificationService({
      db: t.database.db,
      clock,
      audit: t.app.services.audit,
      jobs: t.app.services.jobs,
      zalo: t.config.zalo,
      secretKey: Buffer.from(t.config.secretKey ?? ''),
    });
    const third = await notification(c.auth, 'Lần ba.');
    await restarted.run();
    assert.equal(znsFor(third).length, 1);
    assert.notEqual(
      fake.requests.filter((r) => r.endpoint === 'oauth').at(-1)?.body.refresh_token,
      CONFIG_REFRESH,
    );
  });

  test('HTTP 500 and quota: retried with backoff (1 then 5 minutes), then sent', async () => {
    const c = await zaloCitizen();
    const id = await notification(c.auth);
    fake.failNext('zns', 'http500');
    fake.failNext('zns', 'quota');
    await run();
    let d = await deliveryOf(id);
    assert.equal(d?.status, 'pending');
    assert.equal(d?.last_error_code, 'HTTP-500');
    assert.equal(d?.next_attempt_at?.getTime(), clock.now().getTime() + MIN);
    await run();
    assert.equal((await deliveryOf(id))?.attempts, 1, 'not due yet: untouched');
    clock.advance(MIN);
    await run();
    d = await deliveryOf(id);
    assert.equal(d?.last_error_code, 'ZNS-115');
    assert.equal(d?.attempts, 2);
    assert.equal(d?.next_attempt_at?.getTime(), clock.now().getTime() + 5 * MIN);
    clock.advance(5 * MIN);
    await run();
    d = await deliveryOf(id);
    assert.equal(d?.status, 'sent');
    assert.equal(d?.attempts, 3);
    assert.equal(znsFor(id).length, 1);
  });

  test('template error: retried until the attempt limit, then failed with the code; an admin retry sends it', async () => {
    const c = await zaloCitizen();
    const id = await notification(c.auth);
    fake.failNext('zns', 'template', MAX_ATTEMPTS);
    for (const wait of [0, 1, 5, 30, 120]) {
      clock.advance(wait * MIN);
      await run();
    }
    const d = await deliveryOf(id);
    assert.equal(d?.status, 'failed');
    assert.equal(d?.attempts, MAX_ATTEMPTS);
    assert.equal(d?.last_error_code, 'ZNS-112');
    assert.equal(znsFor(id).length, 0);
    assert.equal(
      (await api('GET', '/me/notifications', c.auth)).json().items[0].id,
      id,
      'in-app notice kept',
    );

    const retried = await api('POST', `/admin/zalo/deliveries/${d?.id}/retry`, admin.headers, {});
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(retried.json().status, 'pending');
    await run();
    assert.equal((await deliveryOf(id))?.status, 'sent');
    const twice = await api('POST', `/admin/zalo/deliveries/${d?.id}/retry`, admin.headers, {});
    assert.equal(twice.json().error.code, 'ZALO_DELIVERY_NOT_RETRYABLE');
    const missing = await api('POST', `/admin/zalo/deliveries/${randomUUID()}/retry`, admin.headers, {});
    assert.equal(missing.statusCode, 404);
  });

  test('an invalid phone fails at once; a missing template or phone is skipped with the reason', async () => {
    const c = await zaloCitizen();
    const id = await notification(c.auth);
    fake.failNext('zns', 'invalid_phone');
    await run();
    const d = await deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts, d?.last_error_code], ['failed', 1, 'ZNS-108']);

    const noPhone = await zaloCitizen({ phone: null });
    const skippedPhone = await notification(noPhone.auth);
    await run();
    await setSettings({ channel: 'zns', templates: { ...TEMPLATES, report_status: null } });
    const noTemplate = await notification(c.auth);
    await run();
    assert.equal((await deliveryOf(skippedPhone))?.last_error_code, 'NO_PHONE');
    assert.equal((await deliveryOf(noTemplate))?.last_error_code, 'TEMPLATE_MISSING');
    assert.equal((await deliveryOf(noTemplate))?.status, 'skipped');
    await setSettings({ channel: 'zns', templates: TEMPLATES });
  });

  test('OA channel: a Vietnamese text to the follower; a non-follower fails for good', async () => {
    await setSettings({ channel: 'oa', templates: TEMPLATES });
    const follower = await zaloCitizen({ phone: null });
    fake.addFollower(follower.zaloId);
    const stranger = await zaloCitizen();
    const sent = await notification(follower.auth, 'Đội điện lực sẽ đến trong hôm nay.');
    const refused = await notification(stranger.auth);
    await run();
    const message = fake.oa.find((m) => m.userId === follower.zaloId);
    assert.match(
      message?.text ?? '',
      /^Phản ánh PA-\d{4}-\d+: Đã tiếp nhận\. Ghi chú: Đội điện lực sẽ đến trong hôm nay\./,
    );
    assert.equal((await deliveryOf(sent))?.zalo_msg_id, message?.messageId);
    assert.equal((await deliveryOf(sent))?.channel, 'oa');
    const d = await deliveryOf(refused);
    assert.deepEqual([d?.status, d?.last_error_code], ['failed', 'OA-213']);
    await setSettings({ channel: 'zns', templates: TEMPLATES });
  });

  test('no duplicate send when the job runs twice or concurrently', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await notification((await zaloCitizen()).auth));
    await Promise.all([run(), run(), run()]);
    await run();
    for (const id of ids) {
      assert.equal(znsFor(id).length, 1, 'one message per notification');
      assert.equal((await deliveryOf(id))?.status, 'sent');
    }
    const rows = await t.database.db
      .selectFrom('zalo_deliveries')
      .select('notification_id')
      .where('notification_id', 'in', ids)
      .execute();
    assert.equal(rows.length, 3);
  });

  test('an opted-out citizen gets nothing; opting out before the send skips what was queued', async () => {
    const c = await zaloCitizen();
    await api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: false });
    const before = await notification(c.auth);
    await run();
    assert.equal(await deliveryOf(before), undefined);
    assert.equal(znsFor(before).length, 0);
    assert.equal((await api('GET', '/me/notifications', c.auth)).json().items[0].id, before);

    await api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: true });
    const queued = await notification(c.auth);
    await t.app.services.zaloNotifications.enqueue();
    assert.equal((await deliveryOf(queued))?.status, 'pending');
    await api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: false });
    await t.app.services.zaloNotifications.sendDue();
    assert.deepEqual(
      [(await deliveryOf(queued))?.status, (await deliveryOf(queued))?.last_error_code],
      ['skipped', 'OPTED_OUT'],
    );
    assert.equal(znsFor(queued).length, 0);
  });

  test('the admin log masks phones and filters by status; settings never show tokens; only zalo.manage', async () => {
    const c = await zaloCitizen({ phone: '0912345678' });
    const id = await notification(c.auth);
    await run();
    const log = await api('GET', '/admin/zalo/deliveries?status=sent&pageSize=100', admin.headers);
    assert.equal(log.statusCode, 200, log.body);
    const line = log.json().items.find((i: { notificationId: string }) => i.notificationId === id);
    assert.equal(line.recipient, '09xx***678');
    assert.match(line.reportCode, /^PA-/);
    assert.equal(line.kind, 'report_status');
    assert.ok(log.json().items.every((i: { status: string }) => i.status === 'sent'));
    assert.ok(
      !log.body.includes('0912345678') && !log.body.includes('84912345678') && !log.body.includes(c.zaloId),
    );
    const failed = await api('GET', '/admin/zalo/deliveries?status=failed', admin.headers);
    assert.ok(failed.json().items.every((i: { status: string }) => i.status === 'failed'));
    assert.ok(failed.json().total >= 2);
    const page2 = await api('GET', '/admin/zalo/deliveries?page=2&pageSize=1', admin.headers);
    assert.equal(page2.json().items.length, 1);
    assert.equal(page2.json().page, 2);

    const settings = await api('GET', '/admin/zalo/settings', admin.headers);
    assert.equal(settings.json().oaConnected, true);
    assert.equal(settings.json().oaTokenSet, true);
    assert.equal(settings.json().appConfigured, true);
    for (const secret of [APP_SECRET, CONFIG_REFRESH, ...fake.issuedRefreshTokens]) {
      assert.ok(!settings.body.includes(secret) && !log.body.includes(secret));
    }
    const accessTokens = fake.requests.flatMap((r) => (r.accessToken ? [r.accessToken] : []));
    assert.ok(accessTokens.length > 0 && accessTokens.every((a) => !settings.body.includes(a)));

    assert.equal(
      (await api('GET', '/admin/zalo/settings', officer.headers)).statusCode,
      403,
      'dispatchers do not',
    );
    assert.equal((await api('GET', '/admin/zalo/deliveries', officer.headers)).statusCode, 403);
    assert.equal((await api('GET', '/admin/zalo/settings', c.auth)).statusCode, 401);
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
      config: t.config,
      database: t.database,
      secretKey: Buffer.from(t.config.secretKey ?? ''),
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
      fake.addRefreshToken(adminToken);
      const accepted = await put({ channel: 'zns', templates: TEMPLATES, oaRefreshToken: adminToken });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().oaConnected, true);
      assert.equal(
        fake.requests.filter((r) => r.endpoint === 'oauth').at(-1)?.body.refresh_token,
        adminToken,
      );
      assert.equal(
        (await t.database.db.selectFrom('zalo_oa_tokens').select('source').executeTakeFirstOrThrow()).source,
        'admin',
      );

      const c = await zaloCitizen({ phone: '0987000111' });
      const id = await notification(c.auth);
      await app.services.zaloNotifications.run();
      assert.equal(znsFor(id).length, 1);

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
        ...fake.issuedRefreshTokens,
        '0987000111',
        '84987000111',
      ];
      secrets.push(...fake.requests.flatMap((r) => (r.accessToken ? [r.accessToken] : [])));
      const everything = [lines.join('\n'), rejected.body, accepted.body, audit.body].join('\n');
      assert.ok(lines.length > 0, 'the logger wrote lines');
      for (const s of secrets) assert.ok(!everything.includes(s), 'a secret, token or phone leaked');
    } finally {
      await app.close();
    }
  });
});
