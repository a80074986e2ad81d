import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import { agencyId, createStaff } from '../../testing/harness.ts';
import { vn } from '../../testing/time.ts';
import {
  APP_SECRET,
  CONFIG_REFRESH,
  MIN,
  startZaloDeliveryKit,
  TEMPLATES,
  TODAY,
  type ZaloCitizen,
  type ZaloDeliveryKit,
} from '../../testing/zalo-delivery.ts';
import { positions } from '../appointments/queue-line.ts';
import { createZaloNotificationService, MAX_ATTEMPTS } from './zalo-notifications.service.ts';
import { createZaloOaClient } from './zalo-oa.client.ts';

describe('Zalo notifications: ZNS / OA delivery, retries and the log', () => {
  // Thursday 07:40 in Vietnam: the queue test books the 08:00 slot and checks in at once.
  const clock = manualClock(vn(TODAY, '07:40'));
  let z: ZaloDeliveryKit;

  /** A second notification service on the same database, e.g. with another OA client. */
  const serviceWith = (client?: ReturnType<typeof createZaloOaClient>) =>
    createZaloNotificationService({
      db: z.t.database.db,
      clock,
      audit: z.t.app.services.audit,
      jobs: z.t.app.services.jobs,
      zalo: z.t.config.zalo,
      secretKey: Buffer.from(z.t.config.secretKey ?? ''),
      queuePositions: positions,
      ...(client ? { client } : {}),
    });

  before(async () => {
    z = await startZaloDeliveryKit({ clock });
  });
  after(() => z?.close());

  test('channel off: the delivery is recorded as skipped and nothing reaches Zalo; the in-app notice stays', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    await z.run();
    const d = await z.deliveryOf(id);
    assert.equal(d?.status, 'skipped');
    assert.equal(d?.last_error_code, 'CHANNEL_OFF');
    assert.equal(z.fake.requests.length, 0);
    const inApp = (await z.api('GET', '/me/notifications', c.auth)).json();
    assert.equal(inApp.items[0].id, id);
  });

  test('ZNS for a queue call and "your turn is near": ticket, counter and people ahead', async () => {
    await z.setSettings({ channel: 'zns', templates: TEMPLATES });
    const agency = await agencyId(z.t.database, 'ttpvhcc-tinh');
    const centre = await z.api('POST', '/admin/centres', z.admin.headers, {
      code: 'ttpvhcc-zalo',
      name: 'Trung tâm Phục vụ hành chính công tỉnh',
      agencyId: agency,
      sessions: [{ weekday: 4, start: '07:00', end: '11:30' }],
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 5, remoteDailyCap: 5 }],
      counters: [{ number: 3, fieldCodes: ['ho-tich'] }],
    });
    assert.equal(centre.statusCode, 201, centre.body);
    const { id: centreId, fields, counters } = centre.json();
    const first = await z.zaloCitizen();
    const second = await z.zaloCitizen();
    for (const who of [first, second]) {
      const booked = await z.api(
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
      const checkIn = await z.api('POST', `/centres/${centreId}/check-in`, {}, { code: booked.json().code });
      assert.equal(checkIn.statusCode, 200, checkIn.body);
    }
    const counterOfficer = await createStaff(z.t.app, z.admin, {
      username: 'quay-zalo',
      role: 'counter_officer',
      agencyId: agency,
    });
    const taken = await z.api('POST', '/counter/session', counterOfficer.headers, {
      counterId: counters[0].id,
    });
    assert.equal(taken.statusCode, 200);
    assert.equal((await z.api('POST', '/counter/call-next', counterOfficer.headers)).statusCode, 200);

    await z.run();
    const called = z.fake.zns.find((m) => m.phone === `84${first.phone?.slice(1)}`);
    assert.deepEqual(called?.templateData, { ticket: 'A001', counter: 3 });
    assert.equal(called?.templateId, TEMPLATES.queue_called);
    const soon = z.fake.zns.find((m) => m.phone === `84${second.phone?.slice(1)}`);
    assert.deepEqual(soon?.templateData, { ticket: 'A002', people_ahead: 0 });
    assert.equal(soon?.templateId, TEMPLATES.queue_soon);

    // Numbers taken from the phone ("Lấy số từ xa"), one confirmed at the kiosk and one not: told the same way.
    const sent = (who: { phone: string | null }, templateId: string) =>
      z.fake.zns
        .filter((m) => m.phone === `84${who.phone?.slice(1)}` && m.templateId === templateId)
        .map((m) => m.templateData);
    const remote: Record<string, { phone: string | null }> = {};
    for (const confirm of [false, true]) {
      const who = await z.zaloCitizen();
      const res = await z.api(
        'POST',
        '/me/tickets',
        { ...who.auth, 'idempotency-key': randomUUID() },
        {
          fieldId: fields[0].id,
        },
      );
      assert.equal(res.statusCode, 201, res.body);
      const { display, kind, arrivalCode } = res.json();
      assert.equal(kind, 'remote');
      if (confirm) {
        const arrived = await z.api('POST', `/centres/${centreId}/check-in`, {}, { code: arrivalCode });
        assert.equal(arrived.statusCode, 200, arrived.body);
      }
      remote[display] = who;
    }
    assert.deepEqual(Object.keys(remote), ['A003', 'A004']);
    const [unconfirmed, confirmed] = [remote.A003, remote.A004] as [ZaloCitizen, ZaloCitizen];
    // Before the 08:00 booking is due, the numbers from the phone go first: A003 is called, A004 is next.
    assert.equal(
      (await z.api('POST', '/counter/call-next', counterOfficer.headers)).json().current.display,
      'A003',
    );
    await z.run();
    assert.deepEqual(sent(unconfirmed, TEMPLATES.queue_called), [{ ticket: 'A003', counter: 3 }]);
    assert.deepEqual(sent(confirmed, TEMPLATES.queue_soon), [{ ticket: 'A004', people_ahead: 0 }]);
    assert.deepEqual(sent(confirmed, TEMPLATES.queue_called), []);
    // The unconfirmed number is called once more (no second message), then A004 is called.
    const calls: string[] = [];
    for (const _ of [1, 2]) {
      const res = await z.api('POST', '/counter/call-next', counterOfficer.headers);
      assert.equal(res.statusCode, 200, res.body);
      calls.push(res.json().current.display);
    }
    assert.deepEqual(calls, ['A003', 'A004']);
    await z.run();
    assert.deepEqual(sent(unconfirmed, TEMPLATES.queue_called), [{ ticket: 'A003', counter: 3 }]);
    assert.deepEqual(sent(confirmed, TEMPLATES.queue_called), [{ ticket: 'A004', counter: 3 }]);
    assert.deepEqual(sent(confirmed, TEMPLATES.queue_soon), [{ ticket: 'A004', people_ahead: 0 }]);
  });

  test('ZNS report status: template data, 84… phone, tracking id; token from the config token, rotation saved', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth, 'Đã chuyển đội điện chiếu sáng.');
    await z.run();
    const [message] = z.znsFor(id);
    assert.ok(message, 'sent');
    assert.equal(message.phone, `84${c.phone?.slice(1)}`);
    assert.equal(message.templateId, TEMPLATES.report_status);
    assert.deepEqual(message.templateData, {
      report_code: z.lastReportCode(),
      status: 'Đã tiếp nhận',
      note: 'Đã chuyển đội điện chiếu sáng.',
    });
    const d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.zalo_msg_id, d?.attempts], ['sent', message.msgId, 1]);

    // The first refresh used the environment's token, with the app secret in its header.
    const refreshes = z.fake.requests.filter((r) => r.endpoint === 'oauth');
    assert.equal(refreshes[0]?.body.refresh_token, CONFIG_REFRESH);
    assert.equal(refreshes[0]?.secretKey, APP_SECRET);
    const stored = await z.oaTokenRow();
    assert.equal(stored.source, 'rotated');
    const latest = z.fake.issuedRefreshTokens.at(-1) ?? '';
    assert.ok(
      !stored.refresh_token.includes(latest) && !stored.refresh_token.includes(CONFIG_REFRESH),
      'sealed at rest',
    );

    // Zalo calls the access token expired: one refresh with the rotated token, then the send goes through.
    z.fake.expireAccessTokens();
    const again = await z.notification(c.auth, 'Lần hai.');
    await z.run();
    assert.equal(z.znsFor(again).length, 1);
    const later = z.fake.requests.filter((r) => r.endpoint === 'oauth');
    assert.equal(later.length, refreshes.length + 1);
    assert.equal(later.at(-1)?.body.refresh_token, latest, 'the rotated token, not the spent one');

    // A restarted server (a new service on the same database) keeps the chain instead of the spent env token.
    z.fake.expireAccessTokens();
    const third = await z.notification(c.auth, 'Lần ba.');
    await serviceWith().run();
    assert.equal(z.znsFor(third).length, 1);
    const last = z.fake.requests.filter((r) => r.endpoint === 'oauth').at(-1);
    assert.notEqual(last?.body.refresh_token, CONFIG_REFRESH);
  });

  test('a transfer to another agency reads as such, not as "Đã gửi" (the status it returns to)', async () => {
    const c = await z.zaloCitizen();
    const id = await z.transferNotification(c.auth);
    await z.run();
    const [message] = z.znsFor(id);
    assert.deepEqual(message?.templateData, {
      report_code: z.lastReportCode(),
      status: 'Đã chuyển cho đơn vị khác xử lý',
      note: 'Không có',
    });
  });

  test('HTTP 500 and quota: retried with backoff (1 then 5 minutes), then sent', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    z.fake.failNext('zns', 'http500');
    z.fake.failNext('zns', 'quota');
    await z.run();
    let d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.last_error_code], ['pending', 'HTTP-500']);
    assert.equal(d?.next_attempt_at?.getTime(), clock.now().getTime() + MIN);
    await z.run();
    assert.equal((await z.deliveryOf(id))?.attempts, 1, 'not due yet: untouched');
    clock.advance(MIN);
    await z.run();
    d = await z.deliveryOf(id);
    assert.deepEqual([d?.last_error_code, d?.attempts], ['ZNS-115', 2]);
    assert.equal(d?.next_attempt_at?.getTime(), clock.now().getTime() + 5 * MIN);
    clock.advance(5 * MIN);
    await z.run();
    d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts], ['sent', 3]);
    assert.equal(z.znsFor(id).length, 1);
  });

  test('template error: retried until the attempt limit, then failed with the code; an admin retry sends it', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    z.fake.failNext('zns', 'template', MAX_ATTEMPTS);
    for (const wait of [0, 1, 5, 30, 120]) {
      clock.advance(wait * MIN);
      await z.run();
    }
    const d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts, d?.last_error_code], ['failed', MAX_ATTEMPTS, 'ZNS-112']);
    assert.equal(z.znsFor(id).length, 0);
    const inApp = (await z.api('GET', '/me/notifications', c.auth)).json();
    assert.equal(inApp.items[0].id, id, 'in-app notice kept');

    const retried = await z.api('POST', `/admin/zalo/deliveries/${d?.id}/retry`, z.admin.headers, {});
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(retried.json().status, 'pending');
    await z.run();
    assert.equal((await z.deliveryOf(id))?.status, 'sent');
    const twice = await z.api('POST', `/admin/zalo/deliveries/${d?.id}/retry`, z.admin.headers, {});
    assert.equal(twice.json().error.code, 'ZALO_DELIVERY_NOT_RETRYABLE');
    const missing = await z.api('POST', `/admin/zalo/deliveries/${randomUUID()}/retry`, z.admin.headers, {});
    assert.equal(missing.statusCode, 404);
  });

  test('an attempt that throws counts as a failed attempt: retried with backoff, failed at the limit', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    const real = createZaloOaClient(z.t.config.zalo);
    // A database error in the middle of an attempt, its message quoting a value.
    const broken = serviceWith({
      ...real,
      sendZns: async () => {
        throw Object.assign(new Error('null value in column "x" (0912345678)'), { code: '23502' });
      },
    });
    await broken.run();
    let d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts, d?.last_error_code], ['pending', 1, 'INTERNAL']);
    assert.match(d?.last_error ?? '', /SQLSTATE 23502/);
    assert.ok(!d?.last_error?.includes('0912345678'), 'not the error text');
    assert.equal(d?.next_attempt_at?.getTime(), clock.now().getTime() + MIN, 'due again after the backoff');
    for (const wait of [1, 5, 30, 120]) {
      clock.advance(wait * MIN);
      await broken.run();
    }
    d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts, d?.last_error_code], ['failed', MAX_ATTEMPTS, 'INTERNAL']);
    await z.run();
    assert.equal(z.znsFor(id).length, 0, 'never sent after it failed');
  });

  test('a row a dead worker left at the attempt limit is failed, not claimed a sixth time', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    await z.t.app.services.zaloNotifications.enqueue();
    // All attempts counted and the last lease lapsed, without an outcome: the worker stopped mid-attempt.
    await z.t.database.db
      .updateTable('zalo_deliveries')
      .set({ attempts: MAX_ATTEMPTS, next_attempt_at: new Date(clock.now().getTime() - MIN) })
      .where('notification_id', '=', id)
      .execute();
    await z.run();
    const d = await z.deliveryOf(id);
    assert.deepEqual(
      [d?.status, d?.attempts, d?.last_error_code],
      ['failed', MAX_ATTEMPTS, 'ATTEMPTS_EXHAUSTED'],
    );
    assert.equal(z.znsFor(id).length, 0);
  });

  test('an invalid phone fails at once; a missing template or phone is skipped with the reason', async () => {
    const c = await z.zaloCitizen();
    const id = await z.notification(c.auth);
    z.fake.failNext('zns', 'invalid_phone');
    await z.run();
    const d = await z.deliveryOf(id);
    assert.deepEqual([d?.status, d?.attempts, d?.last_error_code], ['failed', 1, 'ZNS-108']);

    const noPhone = await z.zaloCitizen({ phone: null });
    const skippedPhone = await z.notification(noPhone.auth);
    await z.run();
    await z.setSettings({ channel: 'zns', templates: { ...TEMPLATES, report_status: null } });
    const noTemplate = await z.notification(c.auth);
    await z.run();
    assert.equal((await z.deliveryOf(skippedPhone))?.last_error_code, 'NO_PHONE');
    const missing = await z.deliveryOf(noTemplate);
    assert.deepEqual([missing?.status, missing?.last_error_code], ['skipped', 'TEMPLATE_MISSING']);
    await z.setSettings({ channel: 'zns', templates: TEMPLATES });
  });

  test('OA channel: a Vietnamese text to the OA-scoped id; without one it is skipped; an unfollow fails', async () => {
    await z.setSettings({ channel: 'oa', templates: TEMPLATES });
    const follower = await z.zaloCitizen({ phone: null });
    const oaUserId = await z.followOa(follower);
    const unlinked = await z.zaloCitizen();
    const leaving = await z.zaloCitizen();
    const leavingOaId = await z.followOa(leaving);
    z.fake.unfollow(leavingOaId);
    const sent = await z.notification(follower.auth, 'Đội điện lực sẽ đến trong hôm nay.');
    const skipped = await z.notification(unlinked.auth);
    const refused = await z.notification(leaving.auth);
    await z.run();

    const message = z.fake.oa.find((m) => m.userId === oaUserId);
    assert.match(
      message?.text ?? '',
      /^Phản ánh PA-\d{4}-\d+: Đã tiếp nhận\. Ghi chú: Đội điện lực sẽ đến trong hôm nay\./,
    );
    const d = await z.deliveryOf(sent);
    assert.deepEqual([d?.status, d?.channel, d?.zalo_msg_id], ['sent', 'oa', message?.messageId]);
    const s = await z.deliveryOf(skipped);
    assert.deepEqual([s?.status, s?.last_error_code], ['skipped', 'NOT_FOLLOWER']);
    const r = await z.deliveryOf(refused);
    assert.deepEqual([r?.status, r?.last_error_code], ['failed', 'OA-213']);
    const ids = z.fake.requests.flatMap((q) => (q.endpoint === 'oa' ? [q.body.recipient] : []));
    assert.ok(
      ids.every((rcpt) => (rcpt as { user_id: string }).user_id !== follower.zaloId),
      'never the app-scoped id',
    );

    // The fake takes Zalo's side: the app-scoped id is not a recipient the OA knows.
    const token = await z.t.app.inject({ url: '/api/v1/admin/zalo/settings', headers: z.admin.headers });
    assert.equal(token.json().oaConnected, true);
    const accessToken = z.fake.requests.findLast((q) => q.endpoint === 'oa')?.accessToken ?? '';
    const direct = await createZaloOaClient(z.t.config.zalo).sendOaText(accessToken, {
      userId: follower.zaloId,
      text: 'Xin chào',
    });
    assert.deepEqual(direct.ok ? null : [direct.failure.kind, direct.failure.code], ['permanent', 'OA-201']);
    await z.setSettings({ channel: 'zns', templates: TEMPLATES });
  });

  test('no duplicate send when the job runs twice or concurrently', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await z.notification((await z.zaloCitizen()).auth));
    await Promise.all([z.run(), z.run(), z.run()]);
    await z.run();
    for (const id of ids) {
      assert.equal(z.znsFor(id).length, 1, 'one message per notification');
      assert.equal((await z.deliveryOf(id))?.status, 'sent');
    }
    const rows = await z.t.database.db
      .selectFrom('zalo_deliveries')
      .select('notification_id')
      .where('notification_id', 'in', ids)
      .execute();
    assert.equal(rows.length, 3);
  });

  test('an opted-out citizen gets nothing; opting out before the send skips what was queued', async () => {
    const c = await z.zaloCitizen();
    await z.api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: false });
    const before = await z.notification(c.auth);
    await z.run();
    assert.equal(await z.deliveryOf(before), undefined);
    assert.equal(z.znsFor(before).length, 0);
    assert.equal((await z.api('GET', '/me/notifications', c.auth)).json().items[0].id, before);

    await z.api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: true });
    const queued = await z.notification(c.auth);
    await z.t.app.services.zaloNotifications.enqueue();
    assert.equal((await z.deliveryOf(queued))?.status, 'pending');
    await z.api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: false });
    await z.t.app.services.zaloNotifications.sendDue();
    const d = await z.deliveryOf(queued);
    assert.deepEqual([d?.status, d?.last_error_code], ['skipped', 'OPTED_OUT']);
    assert.equal(z.znsFor(queued).length, 0);
  });

  test('the admin log masks phones and filters by status; settings never show tokens; only zalo.manage', async () => {
    const c = await z.zaloCitizen({ phone: '0912345678' });
    const id = await z.notification(c.auth);
    await z.run();
    const log = await z.api('GET', '/admin/zalo/deliveries?status=sent&pageSize=100', z.admin.headers);
    assert.equal(log.statusCode, 200, log.body);
    const line = log.json().items.find((i: { notificationId: string }) => i.notificationId === id);
    assert.equal(line.recipient, '09xx***678');
    assert.match(line.reportCode, /^PA-/);
    assert.equal(line.kind, 'report_status');
    assert.ok(log.json().items.every((i: { status: string }) => i.status === 'sent'));
    assert.ok(
      !log.body.includes('0912345678') && !log.body.includes('84912345678') && !log.body.includes(c.zaloId),
    );
    const failed = await z.api('GET', '/admin/zalo/deliveries?status=failed', z.admin.headers);
    assert.ok(failed.json().items.every((i: { status: string }) => i.status === 'failed'));
    assert.ok(failed.json().total >= 2);
    const page2 = await z.api('GET', '/admin/zalo/deliveries?page=2&pageSize=1', z.admin.headers);
    assert.equal(page2.json().items.length, 1);
    assert.equal(page2.json().page, 2);

    const settings = await z.api('GET', '/admin/zalo/settings', z.admin.headers);
    assert.deepEqual(
      [settings.json().oaConnected, settings.json().oaTokenSet, settings.json().appConfigured],
      [true, true, true],
    );
    for (const secret of [APP_SECRET, CONFIG_REFRESH, ...z.fake.issuedRefreshTokens]) {
      assert.ok(!settings.body.includes(secret) && !log.body.includes(secret));
    }
    const accessTokens = z.fake.requests.flatMap((r) => (r.accessToken ? [r.accessToken] : []));
    assert.ok(accessTokens.length > 0 && accessTokens.every((a) => !settings.body.includes(a)));

    const dispatcher = await z.api('GET', '/admin/zalo/settings', z.officer.headers);
    assert.equal(dispatcher.statusCode, 403, 'dispatchers do not');
    assert.equal((await z.api('GET', '/admin/zalo/deliveries', z.officer.headers)).statusCode, 403);
    assert.equal((await z.api('GET', '/admin/zalo/settings', c.auth)).statusCode, 401);
  });

  test("a follower's message shows an officer's note as the public sees it; the reporter's as written", async () => {
    await z.setSettings({ channel: 'oa', templates: TEMPLATES });
    const reporter = await z.zaloCitizen({ phone: null });
    const follower = await z.zaloCitizen({ phone: null });
    const reporterOa = await z.followOa(reporter);
    const followerOa = await z.followOa(follower);
    const report = await z.kit.file(reporter.auth);
    const follow = await z.api('POST', `/reports/${report.code}/follow`, follower.auth);
    assert.equal(follow.statusCode, 200, follow.body);
    const note = 'Đã gọi người báo theo số (0262) 385 2123, thư lan@example.vn.';
    const res = await z.api('POST', `/staff/reports/${report.code}/accept`, z.officer.headers, { note });
    assert.equal(res.statusCode, 200, res.body);
    await z.t.app.services.reportNotifications.deliverPending();
    await z.run();
    const textTo = (oaId: string) => z.fake.oa.find((m) => m.userId === oaId)?.text ?? '';
    assert.match(
      textTo(reporterOa),
      /Ghi chú: Đã gọi người báo theo số \(0262\) 385 2123, thư lan@example\.vn\./,
    );
    assert.match(textTo(followerOa), /Ghi chú: Đã gọi người báo theo số 026\*{8}, thư l\*\*\*@e\*\*\*\.vn\./);
  });
});
