// A whole visit to the service centre: a citizen books a slot on her phone and gets the QR code, checks in at the
// kiosk with the code, follows her number on the phone; the counter calls it, and the display board and her
// phone both show the call within a second, without reloading.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CalendarDay, Centre } from '@dltt/contracts';
import type { Browser, Page } from 'playwright-core';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  unexpectedErrors,
  visit,
  watchPageErrors,
} from '../support/browser.ts';
import { readQr } from '../support/qr.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const CENTRE = 'Bộ phận một cửa phường Buôn Ma Thuột';
const FIELD = 'Chứng thực';
const OFFICER = { username: 'quay-chung-thuc', fullName: 'Y Bhăm Mlô', password: 'counter-password-2' };
const LIVE_WITHIN_MS = 1_000;
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
/** The failed answer this journey provokes: the console's session check before sign-in. */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [{ status: 401, method: 'GET', path: '/api/v1/auth/session' }]);

describe('appointment to counter, end to end', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let centre: Centre;
  let phone: Page;
  let kiosk: Page;
  let board: Page;
  const errors: string[][] = [];
  let code = '';
  let ticketUrl = '';
  let noSlotToday = false;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working))
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Ngày làm việc thử nghiệm' });
    const agencyId = await admin.communeCommittee('24133');
    // Open around the clock, in 5-minute slots: the next slot always starts within check-in reach.
    centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'mot-cua-bmt-e2e',
      name: CENTRE,
      address: '01 Lê Duẩn, phường Buôn Ma Thuột',
      agencyId,
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'chung-thuc', name: FIELD, letter: 'C', slotMinutes: 5, capacity: 3 }],
      counters: [{ number: 1, fieldCodes: ['chung-thuc'] }],
    });
    await admin.addStaff({ ...OFFICER, role: 'counter_officer', agencyId });
    const open = async (kind: 'phone' | 'desktop') => {
      const page = await (await newContext(browser, kind, server.baseUrl)).newPage();
      errors.push(watchPageErrors(page));
      return page;
    };
    phone = await open('phone');
    kiosk = await open('desktop');
    board = await open('desktop');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the citizen books the next slot on her phone and sees the code and the QR code', async (t) => {
    await visit(phone, '/appointments/new');
    await phone.getByRole('button', { name: new RegExp(CENTRE) }).click();
    await phone.getByRole('button', { name: FIELD, exact: true }).click();
    await phone.getByRole('heading', { level: 2, name: 'Chọn ngày' }).waitFor();
    const firstDay = phone.getByRole('button', { name: /còn \d+ chỗ/ }).first();
    await firstDay.waitFor();
    if (!((await firstDay.textContent()) ?? '').includes(vietnamToday().slice(8, 10))) {
      noSlotToday = true;
      t.skip('no slot left today (the journey runs in the last minutes before midnight)');
      return;
    }
    await firstDay.click();
    await phone.getByRole('heading', { level: 2, name: 'Chọn giờ' }).waitFor();
    await phone
      .getByRole('button', { name: /^\d\d:\d\d.*còn \d+ chỗ/ })
      .first()
      .click();
    await phone.getByLabel('Họ và tên').fill('H’Linh Niê');
    await phone.getByLabel('Số điện thoại').fill('0905 111 222');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    // The next slot is minutes away: she is told before confirming that it cannot be changed afterwards.
    await phone
      .getByText('Giờ hẹn này đã gần: sau khi đặt, bạn sẽ không đổi giờ hay hủy được nữa.')
      .waitFor();
    await phone.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    await phone.getByText('Đặt lịch thành công!').waitFor();
    code = ((await phone.getByTestId('booking-code').textContent()) ?? '').trim();
    assert.match(code, /^[A-Z0-9]{8}$/);
    await phone.getByRole('img', { name: `Mã QR của lịch hẹn ${code}` }).waitFor();
    await expectAccessible(phone, 'booking confirmed');
  });

  test('at the kiosk she types the code and gets her number, with a QR code to follow it', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await visit(kiosk, `/console/kiosk/${centre.id}`);
    await kiosk.getByRole('button', { name: /^Tôi có lịch hẹn/ }).click();
    await kiosk.getByLabel('Mã lịch hẹn (8 ký tự)').fill(code.toLowerCase());
    await kiosk.getByRole('button', { name: 'Xác nhận' }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    await kiosk.getByText('C001', { exact: true }).waitFor();
    await expectAccessible(kiosk, 'kiosk ticket');
    ticketUrl = await readQr(kiosk.getByRole('img', { name: 'Mã QR để theo dõi số C001 trên điện thoại' }));
    assert.match(ticketUrl, /\/tickets\/[0-9a-f-]{36}$/);
  });

  test('the counter calls her: the board and her phone show it within a second, without reloading', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await visit(board, `/console/board/${centre.id}`);
    await board.getByRole('status').getByText('Trực tiếp').waitFor();
    // Her booking on the phone now shows the number and leads to its live page (the kiosk's address too).
    await visit(phone, `/appointments/mine/${code}`);
    await phone.getByRole('link', { name: /Số thứ tự của bạn\s*C001\s*Theo dõi lượt gọi số/ }).click();
    await phone.waitForURL(ticketUrl);
    await phone.getByTestId('ticket-number').getByText('C001').waitFor();
    await phone.getByText('Đang cập nhật trực tiếp').waitFor();
    await expectAccessible(phone, 'live ticket');

    const officer = await new StaffApi(server.baseUrl).login(OFFICER.username, OFFICER.password);
    await officer.call('POST', '/counter/session', { counterId: centre.counters[0]?.id });
    const started = Date.now();
    await officer.call('POST', '/counter/call-next');
    const onBoard = board
      .getByRole('region', { name: 'Đang phục vụ' })
      .getByText('C001', { exact: true })
      .waitFor({ timeout: LIVE_WITHIN_MS })
      .then(() => Date.now() - started);
    const onPhone = phone
      .getByText('Mời bạn đến quầy số 1', { exact: true })
      .waitFor({ timeout: LIVE_WITHIN_MS })
      .then(() => Date.now() - started);
    const [boardMs, phoneMs] = await Promise.all([onBoard, onPhone]);
    console.log(`board ${boardMs} ms, phone ${phoneMs} ms after the call`);
    assert.ok(boardMs < LIVE_WITHIN_MS && phoneMs < LIVE_WITHIN_MS);
    await expectAccessible(phone, 'called');
    for (const list of errors) assert.deepEqual(unexpected(list), []);
  });
});
