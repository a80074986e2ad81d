// The Zalo Mini App build opened the way Zalo opens it, with zmp-sdk in its development mock (a page on localhost;
// see support/zalo-host.ts), against the real server across origins (the build names the server in
// VITE_API_ORIGIN, the server allows the page's origin in CORS_ORIGINS) and a fake graph.zalo.me. Zalo first
// refuses the sign-in: the app says so in plain words and works on as the device (a booking is made, the Zalo
// phone number is refused and typed instead). Then Zalo accepts: the app signs in with Zalo, the server links the
// device and revokes its token, and the booking is still the citizen's. A revoked token, another Zalo account's
// session and a new phone are recovered from; deep links open the app at a booking and at a news post. On
// 127.0.0.1 (outside the mock) every zmp-sdk call fails: the notice says so, and sharing shows the Zalo link.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  Booking,
  BookingDay,
  CalendarDay,
  Centre,
  PublicReport,
  Slot,
  Ticket,
  ZaloNotifyPreference,
  ZaloSession,
} from '@dltt/contracts';
import type { Browser, BrowserContext, ConsoleMessage, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import {
  type FakeZaloGraph,
  startFakeZaloGraph,
  ZMP_DEV_MOCK,
} from '../../apps/server/src/testing/fake-zalo-graph.ts';
import { StaffApi } from '../support/api.ts';
import { browserUnavailable, expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { freePort, type RunningServer, startServer } from '../support/server.ts';
import { startZaloHost, type ZaloHost } from '../support/zalo-host.ts';

const skip = browserUnavailable();
const CITIZEN = path.resolve(import.meta.dirname, '../../apps/citizen');
const VITE = path.resolve(import.meta.dirname, '../../node_modules/vite/bin/vite.js');
const APP_ID = '1840392715640738295';
const APP_SECRET = 'zalo-app-secret-for-e2e';
const CENTRE = 'Trung tâm Phục vụ hành chính công phường Tân An';
const FIELD = 'Chứng thực';
const NAME = 'Y Bhin Niê';
const PHONE = '0905 111 222';
/** Slots this close to now may be refused as too soon; the journey takes one comfortably ahead. */
const AHEAD_MS = 2 * 3_600_000;

interface PageError {
  text: string;
  /** The resource a failed load was for (the console message's location). */
  url: string;
}

/** Console errors and crashes, with the URL of a failed load, so the expected ones can be told apart by URL. */
function watchErrors(page: Page): PageError[] {
  const errors: PageError[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => errors.push({ text: err.message, url: '' }));
  return errors;
}

const refusedLoad = (e: PageError, pathname: string) =>
  /the server responded with a status of 401/.test(e.text) &&
  new URL(e.url || 'about:blank').pathname === pathname;

/** The only expected failed loads: refused sign-ins (401 ZALO_TOKEN_INVALID from POST /auth/zalo). */
const unexpected = (errors: PageError[]) => errors.filter((e) => !refusedLoad(e, '/api/v1/auth/zalo'));

/**
 * Builds the mini app as for Zalo, into a temporary folder: the API at `apiOrigin` (VITE_API_ORIGIN), so the
 * page calls the server across origins as it does in Zalo.
 */
async function buildMiniApp(apiOrigin: string): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'dltt-www-'));
  const child = spawn(
    process.execPath,
    [VITE, 'build', '--mode', 'zalo', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: CITIZEN,
      env: { ...process.env, VITE_API_ORIGIN: apiOrigin },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build --mode zalo failed:\n${log}`);
  return outDir;
}

/**
 * Changes the session the mini app keeps, where the SDK mock keeps Zalo's storage: localStorage, under a key
 * ending in ours, as zmp-sdk encodes values (base64 of the URI-encoded JSON of our JSON string). Returns the
 * session as it was.
 */
async function editKeptSession(
  page: Page,
  edit: (session: Record<string, unknown>) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const found = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (key.endsWith('dltt:citizen-session')) return { key, value: localStorage.getItem(key) ?? '' };
    }
    return null;
  });
  assert.ok(found, 'the kept session is in the SDK storage');
  const ours = JSON.parse(decodeURIComponent(atob(found.value))) as string;
  const before = JSON.parse(ours) as Record<string, unknown>;
  const value = btoa(encodeURIComponent(JSON.stringify(JSON.stringify(edit(before)))));
  await page.evaluate(([key, v]) => localStorage.setItem(key, v), [found.key, value] as const);
  return before;
}

const chipDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const vnTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);
const bearerOf = (request: Request) => request.headers().authorization?.replace(/^Bearer /, '');

describe('Zalo mini app: sign-in with Zalo, and without it', { skip: skip ?? false }, () => {
  let fake: FakeZaloGraph;
  let server: RunningServer;
  let host: ZaloHost;
  let browser: Browser;
  let admin: StaffApi;
  let context: BrowserContext;
  let page: Page;
  let errors: PageError[];
  let www = '';
  let slot: Slot;
  let day = '';
  let code = '';
  let deviceToken = '';
  let zaloToken = '';
  let hostPort = 0;
  const signIns: { status: number; authorization: string | undefined; body: unknown }[] = [];
  /** Records the sign-ins a page makes (the response, and the Authorization header it carried). */
  const recordSignIns = (p: Page, into: typeof signIns) =>
    p.on('response', async (response) => {
      if (!response.url().endsWith('/api/v1/auth/zalo') || response.request().method() !== 'POST') return;
      into.push({
        status: response.status(),
        authorization: (await response.request().headerValue('authorization')) ?? undefined,
        body: await response.json().catch(() => null),
      });
    });

  before(async () => {
    fake = await startFakeZaloGraph({ appSecret: APP_SECRET });
    // Zalo's page and our API are on different origins: the server allows the page's (as it allows h5.zdn.vn).
    hostPort = await freePort();
    server = await startServer({
      ZALO_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_GRAPH_URL: fake.url,
      CORS_ORIGINS: `http://localhost:${hostPort},http://127.0.0.1:${hostPort}`,
    });
    www = await buildMiniApp(server.baseUrl);
    host = await startZaloHost({ wwwDir: www, appId: APP_ID, port: hostPort });

    admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'tan-an',
      name: CENTRE,
      address: '12 Phan Bội Châu, phường Tân An',
      location: { lat: 12.6905, lng: 108.0542 },
      agencyId: await admin.communeCommittee('24133'),
      sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00' })),
      fields: [{ code: 'chung-thuc', name: FIELD, letter: 'C', slotMinutes: 15 }],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['chung-thuc'] }],
    });
    const field = centre.fields[0] as Centre['fields'][number];
    const api = async <T>(p: string) => (await (await fetch(`${server.baseUrl}/api/v1${p}`)).json()) as T;
    const days = await api<BookingDay[]>(`/centres/${centre.id}/fields/${field.id}/days`);
    for (const d of days.filter((x) => x.open && x.remaining > 0)) {
      const slots = await api<Slot[]>(`/centres/${centre.id}/fields/${field.id}/slots?day=${d.day}`);
      const ahead = slots.find((s) => s.remaining > 0 && Date.parse(s.startsAt) > Date.now() + AHEAD_MS);
      if (ahead) {
        day = d.day;
        slot = ahead;
        break;
      }
    }
    assert.ok(day, 'an open day with a free slot');

    browser = await launchBrowser();
    context = await newContext(browser, 'phone', host.origin);
    page = await context.newPage();
    errors = watchErrors(page);
    recordSignIns(page, signIns);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
    await fake?.close();
    if (www) await rm(www, { recursive: true, force: true });
  });

  test('Zalo refuses the sign-in: the app says so plainly and keeps working', async () => {
    // The fake knows no token yet: Zalo answers "invalid access token" to what the SDK mock gives ("").
    await page.goto(host.appUrl('/'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Đắk Lắk Trực Tuyến', exact: true }).waitFor();
    const notice = page.getByRole('alert').filter({ hasText: 'Chưa đăng nhập được bằng Zalo' });
    await notice.getByText('Zalo chưa xác nhận được tài khoản của bạn.', { exact: false }).waitFor();
    await notice.getByText(/Bạn vẫn dùng ứng dụng bình thường/).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    // The notice is part of the page above its content: it covers neither the heading nor the page's links.
    const noticeBox = await notice.boundingBox();
    const headingBox = await page
      .getByRole('heading', { level: 1, name: 'Đắk Lắk Trực Tuyến' })
      .boundingBox();
    assert.ok(
      noticeBox && headingBox && noticeBox.y + noticeBox.height <= headingBox.y,
      'notice above the page',
    );
    const lastLink = page.getByRole('link').last();
    await lastLink.scrollIntoViewIfNeeded();
    const box = await lastLink.boundingBox();
    assert.ok(box);
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('.zalo-notice') !== null,
      [box.x + box.width / 2, box.y + box.height / 2] as const,
    );
    assert.equal(hit, false, 'the last link of the page is not under the notice');

    assert.deepEqual(
      signIns.map((s) => [s.status, s.authorization]),
      [[401, undefined]],
      'one sign-in, refused, with no device identity to link yet',
    );
    const me = fake.requests.filter((r) => r.path === '/v2.0/me');
    assert.equal(me.length, 1);
    assert.equal(me[0]?.accessToken, ZMP_DEV_MOCK.accessToken, "the SDK mock's token went to Zalo as it was");
    assert.equal(me[0]?.secretKey, undefined, 'the app secret is not sent to /me');
    await expectAccessible(page, 'home with the sign-in notice');

    await notice.getByRole('button', { name: 'Đóng' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Phản ánh hiện trường' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh hiện trường', exact: true }).waitFor();
    await page.getByText('An toàn giao thông').waitFor();
  });

  test('without Zalo, a booking is made as this device; the Zalo phone number is unavailable, typed instead', async () => {
    await page.goto(host.appUrl('/appointments/new'), { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: new RegExp(CENTRE) }).click();
    await page.getByRole('button', { name: FIELD, exact: true }).click();
    await page.getByRole('button', { name: new RegExp(`${chipDate(day)} còn \\d+ chỗ`) }).click();
    await page.getByRole('button', { name: new RegExp(`^${vnTime(slot.startsAt)}`) }).click();
    await page.getByRole('heading', { level: 2, name: 'Người đến làm thủ tục' }).waitFor();

    // The SDK's mock gives no phone token (outside Zalo nobody can consent): manual entry stays, with a message.
    await page.getByRole('button', { name: 'Dùng số điện thoại Zalo' }).click();
    await page.getByText('Chưa lấy được số điện thoại từ Zalo. Bạn hãy nhập số điện thoại.').waitFor();
    await expectAccessible(page, 'contact step with the Zalo phone button');
    await page.getByLabel('Họ và tên').fill(NAME);
    await page.getByLabel('Số điện thoại').fill(PHONE);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    const booked = page.waitForRequest((r) => r.url().endsWith('/api/v1/bookings') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    deviceToken = bearerOf(await booked) ?? '';
    assert.ok(deviceToken, 'the booking went out with the device identity');
    code = (await page.getByTestId('booking-code').textContent())?.trim() ?? '';
    assert.match(code, /^[A-Z0-9]{8}$/);
    assert.equal(signIns.length, 2, 'one more try at the start of this visit, refused again');
    assert.equal(signIns[1]?.status, 401);
  });

  test('Zalo accepts: the app signs in with Zalo, links the device, and the booking is still there', async () => {
    fake.addToken(ZMP_DEV_MOCK.accessToken, { userId: ZMP_DEV_MOCK.userId, name: ZMP_DEV_MOCK.name });
    // A new start of the mini app, opened by a deep link to "my bookings".
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/me/bookings' && r.status() === 200,
    );
    await page.goto(host.appUrl('/appointments/mine'), { waitUntil: 'networkidle' });
    const listRequest = (await listed).request();

    const signIn = signIns.at(-1);
    assert.equal(signIns.length, 3);
    assert.equal(signIn?.status, 200);
    assert.equal(
      signIn?.authorization,
      `Bearer ${deviceToken}`,
      "the device's token went along to be linked",
    );
    const session = signIn?.body as ZaloSession;
    assert.equal(session.linkedDevice, true);
    assert.notEqual(session.token, deviceToken);
    zaloToken = session.token;
    assert.equal(bearerOf(listRequest), session.token, 'the app now speaks as the Zalo citizen');
    assert.equal(new URL(listRequest.url()).origin, server.baseUrl, 'the API is called across origins');

    await page.getByText(code).waitFor();
    assert.equal(await page.getByText('Chưa đăng nhập được bằng Zalo').count(), 0, 'no sign-in notice');
    const mine = (await (
      await fetch(`${server.baseUrl}/api/v1/me/bookings/${code}`, {
        headers: { authorization: `Bearer ${session.token}` },
      })
    ).json()) as Booking;
    assert.equal(mine.name, NAME, 'the Zalo session owns the booking made as the device');

    // Linking revoked the device token: the server no longer knows it.
    const old = await fetch(`${server.baseUrl}/api/v1/me/bookings`, {
      headers: { authorization: `Bearer ${deviceToken}` },
    });
    assert.equal(old.status, 401);
    assert.equal(((await old.json()) as { error: { code: string } }).error.code, 'CITIZEN_UNAUTHENTICATED');
  });

  test('a kept token the server refuses: concurrent requests share one new Zalo sign-in, the page works', async () => {
    // As if the phone still held the revoked device token as its session: every request of the next page fails.
    await editKeptSession(page, (kept) => ({ ...kept, token: deviceToken }));
    const before = signIns.length;
    const seen = errors.length;
    await page.goto(host.appUrl('/reports/notifications'), { waitUntil: 'networkidle' });
    await page.getByRole('switch', { name: 'Nhận thông báo qua Zalo' }).waitFor();
    const refused = errors.slice(seen).filter((e) => /status of 401/.test(e.text));
    assert.ok(refused.length >= 2, 'several requests went out with the revoked token at once');
    assert.deepEqual(
      signIns.slice(before).map((s) => [s.status, s.authorization]),
      [[200, undefined]],
      'one sign-in for all of them, without the refused token',
    );
    // Those refusals were the point of this step; the later check looks for any other error.
    errors.splice(seen, errors.length - seen, ...errors.slice(seen).filter((e) => !refused.includes(e)));
    zaloToken = (signIns.at(-1)?.body as ZaloSession | undefined)?.token ?? '';
    assert.ok(zaloToken);
    assert.equal((await editKeptSession(page, (kept) => kept)).token, zaloToken, 'the new session is kept');
  });

  test("another Zalo account's kept session is dropped, and its token is not sent", async () => {
    await editKeptSession(page, (kept) => ({ ...kept, zaloUserId: '1000000000000000001' }));
    const before = signIns.length;
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/me/bookings' && r.status() === 200,
    );
    await page.goto(host.appUrl('/appointments/mine'), { waitUntil: 'networkidle' });
    const listRequest = (await listed).request();
    assert.deepEqual(
      signIns.slice(before).map((s) => [s.status, s.authorization]),
      [[200, undefined]],
      'signed in again, without the other account’s token',
    );
    const session = signIns.at(-1)?.body as ZaloSession;
    assert.ok(session?.token);
    assert.equal(bearerOf(listRequest), session.token);
    // The SDK mock tells no Zalo user id (getUserID() gives nothing): the new session is kept for "unknown".
    const kept = await editKeptSession(page, (k) => k);
    assert.equal(kept.token, session.token);
    assert.equal(kept.zaloUserId, null);
    zaloToken = session.token;
    await page.getByText(code).waitFor();
  });

  test('a new phone opened at "my bookings" waits for the Zalo sign-in and lists the booking', async () => {
    const phone = await newContext(browser, 'phone', host.origin);
    const fresh = await phone.newPage();
    const freshErrors = watchErrors(fresh);
    const freshSignIns: typeof signIns = [];
    recordSignIns(fresh, freshSignIns);
    await fresh.goto(host.appUrl('/appointments/mine'), { waitUntil: 'networkidle' });
    await fresh.getByText(code).waitFor();
    assert.deepEqual(
      freshSignIns.map((s) => [s.status, s.authorization]),
      [[200, undefined]],
    );
    assert.deepEqual(unexpected(freshErrors), []);
    await phone.close();
  });

  test('"Nhận thông báo qua Zalo" is switched on (consent, then the server) and off again', async () => {
    await page.goto(host.appUrl('/reports/notifications'), { waitUntil: 'networkidle' });
    const toggle = page.getByRole('switch', { name: 'Nhận thông báo qua Zalo' });
    assert.equal(await toggle.isChecked(), false);
    const saved = page.waitForRequest(
      (r) => r.url().endsWith('/citizen/zalo/notifications') && r.method() === 'PUT',
    );
    await toggle.click();
    // After Zalo's consent (requestSendNotification, then getUserInfo for the id by OA) the server is told. The
    // SDK's mock gives no idByOA, so no oaUserId goes along; the refused consent is shown on 127.0.0.1 below.
    assert.deepEqual((await saved).postDataJSON(), { enabled: true });
    await page
      .getByText('Hiện tỉnh chưa gửi thông báo qua Zalo; bạn vẫn nhận thông báo trong ứng dụng.')
      .waitFor();
    assert.equal(await toggle.isChecked(), true);
    await expectAccessible(page, 'notifications with the Zalo switch');

    // The province sends by ZNS, which needs the verified phone: the page offers to give it.
    await admin.call('PUT', '/admin/zalo/settings', {
      channel: 'zns',
      templates: { report_status: '200001', queue_soon: null, queue_called: null },
    });
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('Để nhận tin nhắn Zalo, bạn hãy cho phép dùng số điện thoại Zalo.').waitFor();
    await page.getByRole('button', { name: 'Dùng số điện thoại Zalo' }).waitFor();

    await toggle.click();
    await page.getByText('Để nhận tin nhắn Zalo').waitFor({ state: 'detached' });
    assert.equal(await toggle.isChecked(), false);
    const preference = (await (
      await fetch(`${server.baseUrl}/api/v1/citizen/zalo/notifications`, {
        headers: { authorization: `Bearer ${zaloToken}` },
      })
    ).json()) as ZaloNotifyPreference;
    assert.deepEqual(preference, { enabled: false, channel: 'zns', phoneKnown: false, oaLinked: false });
  });

  test("a report's photo comes from Zalo's picker, its place from Zalo's location, confirmed on the map", async () => {
    // What Zalo gives for the SDK mock's location token (""), exchanged by the server for this user.
    fake.addLocationCode(ZMP_DEV_MOCK.accessToken, {
      userId: ZMP_DEV_MOCK.userId,
      latitude: '12.68071',
      longitude: '108.03782',
    });
    await page.goto(host.appUrl('/reports/new'), { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Hạ tầng đô thị (điện, nước, chiếu sáng)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chụp ảnh hiện trường' }).waitFor();
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b03030' } })
      .jpeg()
      .toBuffer();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    await (await chooser).setFiles({ name: 'den-hong.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Đã tải lên').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Zalo tells no accuracy: the point is shown on the pin map for the person to confirm.
    await page.getByText('Đã có vị trí gần đúng.', { exact: false }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Đặt ghim vào nơi xảy ra sự việc' }).waitFor();
    await expectAccessible(page, 'location from Zalo on the pin map');
    await page.getByRole('button', { name: 'Dùng vị trí ghim này' }).click();
    const chosen = page.getByTestId('chosen-location');
    await chosen.getByText('Do bạn chọn').waitFor();
    await chosen.getByText('Tọa độ: 12.68071, 108.03782').waitFor();
    const info = fake.requests.filter((r) => r.path === '/v2.0/me/info');
    assert.equal(info.length, 1);
    assert.equal(info[0]?.code, ZMP_DEV_MOCK.accessToken, "the SDK's location token went to Zalo");
    assert.equal(info[0]?.secretKey, APP_SECRET, 'the server, not the app, holds the secret');
  });

  test('deep links open the mini app at a booking and at a news post; the Zalo session is kept', async () => {
    const before = signIns.length;
    await page.goto(host.appUrl(`/appointments/mine/${code}`), { waitUntil: 'networkidle' });
    assert.equal(((await page.getByTestId('booking-code').textContent()) ?? '').trim(), code);
    // Only its owner can open a booking's page: it is not offered for sharing.
    assert.equal(await page.getByRole('button', { name: 'Chia sẻ' }).count(), 0);
    await expectAccessible(page, 'booking opened by a deep link');

    await page.goto(host.appUrl('/news/42'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Tin tức - Sự kiện', exact: true }).waitFor();
    assert.equal(signIns.length, before, 'the kept Zalo session needs no new sign-in');
  });

  test('the live ticket streams across origins from the mini app: no fallback to polling, the call shows at once', async () => {
    // A centre open all day every day, so the step works whenever it runs (the server runs on the real clock).
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working)) {
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
    }
    const agencyId = await admin.communeCommittee('24133');
    const centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'zalo-live',
      name: 'Trung tâm thử số trực tiếp',
      agencyId,
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', slotMinutes: 15, capacity: 5 }],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
    });
    const officer = { username: 'quay.zalo', fullName: 'H Linh Niê', password: 'counter-password-9' };
    await admin.addStaff({ ...officer, role: 'counter_officer', agencyId });
    const counter = await new StaffApi(server.baseUrl).login(officer.username, officer.password);
    await counter.call('POST', '/counter/session', { counterId: centre.counters[0]?.id });
    const taken = await fetch(`${server.baseUrl}/api/v1/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: centre.fields[0]?.id }),
    });
    assert.equal(taken.status, 201);
    const ticket = (await taken.json()) as Ticket;

    // The fallback reads the ticket with plain GETs (after a stream error, then every 10 s): none may happen.
    const polled: string[] = [];
    const onRequest = (r: Request) => {
      if (new URL(r.url()).pathname === `/api/v1/public/tickets/${ticket.id}`) polled.push(r.url());
    };
    page.on('request', onRequest);
    const streamed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/public/tickets/${ticket.id}/stream`,
    );
    await page.goto(host.appUrl(`/tickets/${ticket.id}`), { waitUntil: 'domcontentloaded' });
    const stream = await streamed;
    assert.equal(new URL(stream.url()).origin, server.baseUrl, 'the stream is opened across origins');
    assert.equal(stream.status(), 200);
    assert.equal((await stream.allHeaders())['access-control-allow-origin'], host.origin);
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    await counter.call('POST', '/counter/call-next');
    await page.getByText('Mời bạn đến quầy số 1', { exact: true }).waitFor();
    page.off('request', onRequest);
    assert.deepEqual(polled, [], 'the call came through the stream, not by polling');
    assert.equal(await page.getByText('Mất kết nối', { exact: false }).count(), 0);
    await expectAccessible(page, 'live ticket in the mini app');
  });

  test('outside the mock zmp-sdk gives no access token: the notice says so; consent and sharing fail visibly', async () => {
    // On 127.0.0.1 zmp-sdk is neither in Zalo nor in its localhost mock: every call fails (-1404).
    const outside = await newContext(browser, 'phone', `http://127.0.0.1:${hostPort}`);
    const p = await outside.newPage();
    // zmp-sdk logs itself in when it loads; outside Zalo that fails (api "login", code -2000) and nothing of the
    // SDK catches it. That one rejection is the SDK's, not the app's; any other still fails the check below.
    await p.addInitScript(() => {
      window.addEventListener('unhandledrejection', (event) => {
        const reason: unknown = event.reason;
        if (typeof reason === 'object' && reason !== null && 'api' in reason && reason.api === 'login')
          event.preventDefault();
      });
    });
    const outsideErrors = watchErrors(p);
    const outsideSignIns: typeof signIns = [];
    recordSignIns(p, outsideSignIns);
    const appUrl = (appPath: string) => `http://127.0.0.1:${hostPort}/zapps/${APP_ID}${appPath}`;

    await p.goto(appUrl('/reports/notifications'), { waitUntil: 'networkidle' });
    const notice = p.getByRole('alert').filter({ hasText: 'Chưa đăng nhập được bằng Zalo' });
    await notice.getByText('Ứng dụng Zalo chưa trả lời yêu cầu đăng nhập.', { exact: false }).waitFor();
    assert.deepEqual(outsideSignIns, [], 'no access token, so nothing to send');
    await expectAccessible(p, 'notice when zmp-sdk gives no access token');

    // Switching Zalo notifications on needs Zalo's consent first: refused here, so the server is not told.
    const puts: string[] = [];
    p.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/citizen/zalo/notifications')) puts.push(r.url());
    });
    const toggle = p.getByRole('switch', { name: 'Nhận thông báo qua Zalo' });
    await toggle.click();
    await p.getByText('Bạn chưa cho phép Zalo gửi thông báo, nên chưa bật được.').waitFor();
    assert.equal(await toggle.isChecked(), false);
    assert.deepEqual(puts, []);

    // A published report's "Chia sẻ": Zalo's share sheet fails here, so the link is shown to copy; it is the
    // Zalo deep link to the report's page. (The report itself is served by the route below: only the link matters.)
    const published: PublicReport = {
      code: 'PA-2025-000012',
      status: 'published',
      categoryId: '00000000-0000-4000-8000-000000000001',
      categoryName: 'An toàn giao thông',
      communeCode: '24133',
      communeName: 'Phường Tân An',
      agencyName: 'UBND phường Tân An',
      description: 'Đèn tín hiệu ở ngã tư bị hỏng.',
      address: null,
      location: { lat: 12.6905, lng: 108.0542 },
      createdAt: '2025-05-02T01:00:00.000Z',
      publishedAt: '2025-05-03T01:00:00.000Z',
      publicAnswer: 'Đã sửa đèn tín hiệu.',
      rating: null,
      photos: [],
      timeline: [],
    };
    await outside.route(`${server.baseUrl}/api/v1/public/reports/${published.code}`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': `http://127.0.0.1:${hostPort}` },
        body: JSON.stringify(published),
      }),
    );
    await p.goto(appUrl(`/reports/public/${published.code}`), { waitUntil: 'networkidle' });
    await p.getByRole('button', { name: 'Chia sẻ' }).click();
    const result = p.locator('.share-result');
    await result.getByText('Không mở được phần chia sẻ.', { exact: false }).waitFor();
    assert.equal(
      (await result.locator('.share-link').textContent())?.trim(),
      `https://zalo.me/s/${APP_ID}/reports/public/${published.code}`,
    );
    assert.deepEqual(unexpected(outsideErrors), []);
    await outside.close();
  });

  test('no script errors besides the refused sign-ins', () => {
    assert.deepEqual(unexpected(errors), []);
  });
});
