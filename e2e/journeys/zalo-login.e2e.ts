// The Zalo Mini App build (apps/citizen/www) opened the way Zalo opens it, with zmp-sdk in its development mock
// (a page on localhost; see support/zalo-host.ts), against the real server and a fake graph.zalo.me. Zalo first
// refuses the sign-in: the app says so in plain words and works on as the device (a booking is made, the Zalo
// phone number is refused and typed instead). Then Zalo accepts: the app signs in with Zalo, the server links the
// device, and the booking is still the citizen's. Deep links open the app at a booking and at a news post.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Booking, BookingDay, Centre, Slot, ZaloNotifyPreference, ZaloSession } from '@dltt/contracts';
import type { Browser, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import {
  type FakeZaloGraph,
  startFakeZaloGraph,
  ZMP_DEV_MOCK,
} from '../../apps/server/src/testing/fake-zalo-graph.ts';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  watchPageErrors,
} from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { startZaloHost, type ZaloHost } from '../support/zalo-host.ts';

const skip = browserUnavailable();
const WWW = path.resolve(import.meta.dirname, '../../apps/citizen/www');
const APP_ID = '1840392715640738295';
const APP_SECRET = 'zalo-app-secret-for-e2e';
const CENTRE = 'Trung tâm Phục vụ hành chính công phường Tân An';
const FIELD = 'Chứng thực';
const NAME = 'Y Bhin Niê';
const PHONE = '0905 111 222';
/** Slots this close to now may be refused as too soon; the journey takes one comfortably ahead. */
const AHEAD_MS = 2 * 3_600_000;

/** Expected refusals the browser logs as failed loads: the first sign-in (401 ZALO_TOKEN_INVALID). */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

const chipDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const vnTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);
const bearerOf = (request: Request) => request.headers().authorization?.replace(/^Bearer /, '');

describe('Zalo mini app: sign-in with Zalo, and without it', { skip: skip ?? false }, () => {
  let fake: FakeZaloGraph;
  let server: RunningServer;
  let host: ZaloHost;
  let browser: Browser;
  let admin: StaffApi;
  let page: Page;
  let errors: string[];
  let slot: Slot;
  let day = '';
  let code = '';
  let deviceToken = '';
  let zaloToken = '';
  const signIns: { status: number; authorization: string | undefined; body: unknown }[] = [];

  before(async () => {
    fake = await startFakeZaloGraph({ appSecret: APP_SECRET });
    server = await startServer({
      ZALO_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_GRAPH_URL: fake.url,
    });
    host = await startZaloHost({ wwwDir: WWW, appId: APP_ID, apiOrigin: server.baseUrl });

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
    const context = await newContext(browser, 'phone', host.origin);
    page = await context.newPage();
    errors = watchPageErrors(page);
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/v1/auth/zalo')) return;
      signIns.push({
        status: response.status(),
        authorization: response.request().headers().authorization,
        body: await response.json().catch(() => null),
      });
    });
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
    await fake?.close();
  });

  test('Zalo refuses the sign-in: the app says so plainly and keeps working', async () => {
    // The fake knows no token yet: Zalo answers "invalid access token" to what the SDK mock gives ("").
    await page.goto(host.appUrl('/'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Đắk Lắk Trực Tuyến', exact: true }).waitFor();
    const notice = page.getByRole('alert').filter({ hasText: 'Chưa đăng nhập được bằng Zalo' });
    await notice.getByText('Zalo chưa xác nhận được tài khoản của bạn.', { exact: false }).waitFor();
    await notice.getByText(/Bạn vẫn dùng ứng dụng bình thường/).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

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

    await page.getByText(code).waitFor();
    assert.equal(await page.getByText('Chưa đăng nhập được bằng Zalo').count(), 0, 'no sign-in notice');
    const mine = (await (
      await fetch(`${server.baseUrl}/api/v1/me/bookings/${code}`, {
        headers: { authorization: `Bearer ${session.token}` },
      })
    ).json()) as Booking;
    assert.equal(mine.name, NAME, 'the Zalo session owns the booking made as the device');
  });

  test('"Nhận thông báo qua Zalo" is switched on (consent, then the server) and off again', async () => {
    await page.goto(host.appUrl('/reports/notifications'), { waitUntil: 'networkidle' });
    const toggle = page.getByRole('switch', { name: 'Nhận thông báo qua Zalo' });
    assert.equal(await toggle.isChecked(), false);
    const saved = page.waitForRequest(
      (r) => r.url().endsWith('/citizen/zalo/notifications') && r.method() === 'PUT',
    );
    await toggle.click();
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
    await page.goto(host.appUrl(`/appointments/mine/${code}`), { waitUntil: 'networkidle' });
    assert.equal(((await page.getByTestId('booking-code').textContent()) ?? '').trim(), code);
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    // The SDK's share sheet (mocked: "sent in a chat") leaves nothing to copy by hand.
    assert.equal(await page.locator('.share-result').count(), 0);
    await expectAccessible(page, 'booking opened by a deep link');

    await page.goto(host.appUrl('/news/42'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Tin tức - Sự kiện', exact: true }).waitFor();
    assert.equal(signIns.length, 3, 'the kept Zalo session needs no new sign-in');
  });

  test('no script errors besides the refused sign-ins', () => {
    assert.deepEqual(unexpected(errors), []);
  });
});
