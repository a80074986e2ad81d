// Test support for zalo-notifications.test.ts and zalo-delivery.test.ts: an app whose Zalo OA side is a fake on
// loopback, an administrator and a dispatcher, and citizens who signed in with Zalo and opted in.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { type FakeZaloOa, startFakeZaloOa } from './fake-zalo-oa.ts';
import { ADMIN, agencyId, createStaff, login, startTestApp } from './harness.ts';
import { type CitizenAuth, reportKit } from './reports.ts';

export const MIN = 60_000;
export const TODAY = '2026-09-03';
export const APP_ID = '4321987654321';
export const APP_SECRET = 'fake-zalo-app-secret-0123456789';
export const CONFIG_REFRESH = 'config-oa-refresh-token-0001';
export const TEMPLATES = { report_status: '301001', queue_soon: '301002', queue_called: '301003' };

export interface ZaloCitizen {
  auth: CitizenAuth;
  id: string;
  /** The app-scoped Zalo id (citizens.zalo_id). */
  zaloId: string;
  phone: string | null;
}

export async function startZaloDeliveryKit(options: { clock: Clock }) {
  const { clock } = options;
  const fake: FakeZaloOa = await startFakeZaloOa({
    appId: APP_ID,
    appSecret: APP_SECRET,
    templates: Object.values(TEMPLATES),
  });
  fake.addRefreshToken(CONFIG_REFRESH);
  const t = await startTestApp({
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
  }).catch(async (error: unknown) => {
    // A listening fake would keep the test process alive after the failure.
    await fake.close();
    throw error;
  });
  const kit = await reportKit(t);
  const admin = await login(t.app, ADMIN.username, ADMIN.password);
  // Province-wide: accepts whichever agency the report was routed to.
  const officer = await createStaff(t.app, admin, { username: 'dieu-phoi-vien', role: 'dispatcher' });
  /** Runs the outbox job and returns the report's one in-app notification. */
  const notificationOf = async (reportId: string): Promise<string> => {
    await t.app.services.reportNotifications.deliverPending();
    const row = await t.database.db
      .selectFrom('citizen_notifications')
      .select('id')
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow();
    return row.id;
  };
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

  const z = {
    fake,
    t,
    kit,
    admin,
    officer,
    api,
    run: () => t.app.services.zaloNotifications.run(),
    lastReportCode: () => lastReportCode,
    async setSettings(body: object) {
      const res = await api('PUT', '/admin/zalo/settings', admin.headers, body);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    },

    /** A citizen signed in with Zalo (set as the Zalo sign-in would), with a verified phone unless `phone: null`. */
    async zaloCitizen(opts: { phone?: string | null; optIn?: boolean } = {}): Promise<ZaloCitizen> {
      const auth = await kit.newCitizen();
      const session = await api('GET', '/citizen/zalo/notifications', auth);
      assert.equal(session.statusCode, 200);
      const phone = opts.phone === undefined ? `091${String(++phoneSeq).padStart(7, '0')}` : opts.phone;
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
      if (opts.optIn !== false) {
        const res = await api('PUT', '/citizen/zalo/notifications', auth, { enabled: true });
        assert.equal(res.statusCode, 200, res.body);
      }
      return { auth, id: citizen_id, zaloId, phone };
    },

    /** The citizen follows the OA and the app gives their OA-scoped id, checked by the server; returns it. */
    async followOa(c: ZaloCitizen): Promise<string> {
      const oaUserId = fake.addFollower(c.zaloId);
      const res = await api('PUT', '/citizen/zalo/notifications', c.auth, { enabled: true, oaUserId });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().oaLinked, true);
      return oaUserId;
    },

    /** A report of `who`, accepted by the agency: one in-app notification. Returns its id. */
    async notification(who: CitizenAuth, note = 'Đã chuyển đội điện chiếu sáng.'): Promise<string> {
      const report = await kit.file(who);
      lastReportCode = report.code;
      const res = await api('POST', `/staff/reports/${report.code}/accept`, officer.headers, { note });
      assert.equal(res.statusCode, 200, res.body);
      return notificationOf(report.id);
    },

    /** A report of `who`, sent by the dispatcher to another agency: one in-app notification. Returns its id. */
    async transferNotification(who: CitizenAuth): Promise<string> {
      const report = await kit.file(who);
      lastReportCode = report.code;
      const mine = await t.database.db
        .selectFrom('reports')
        .select('agency_id')
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow();
      const ward = await agencyId(t.database, 'ubnd-24133');
      const other = mine.agency_id === ward ? await agencyId(t.database, 'ttpvhcc-tinh') : ward;
      const res = await api('POST', `/staff/reports/${report.code}/transfer`, officer.headers, {
        agencyId: other,
        reason: 'Thuộc địa bàn phường.',
      });
      assert.equal(res.statusCode, 200, res.body);
      return notificationOf(report.id);
    },

    deliveryOf: (notificationId: string) =>
      t.database.db
        .selectFrom('zalo_deliveries')
        .selectAll()
        .where('notification_id', '=', notificationId)
        .executeTakeFirst(),
    znsFor: (notificationId: string) => fake.zns.filter((m) => m.trackingId === notificationId),
    oaTokenRow: () => t.database.db.selectFrom('zalo_oa_tokens').selectAll().executeTakeFirstOrThrow(),

    async close() {
      await t.close();
      await fake.close();
    },
  };
  return z;
}
export type ZaloDeliveryKit = Awaited<ReturnType<typeof startZaloDeliveryKit>>;
