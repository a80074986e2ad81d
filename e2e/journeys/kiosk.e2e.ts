// The kiosk at a centre's door, as new users met it: fields say which procedures they cover (on the phone and at
// the kiosk); a USB/Bluetooth QR reader, which types a booking's code and presses Enter, checks people in on
// whatever screen the kiosk shows; the printed or shown ticket carries a QR code that opens the live number on a
// phone; the citizen's booking page shows the number without a reload; English counts are proper plurals; an
// officer whose agency is not the centre's is told why no counter is offered; the counter desk lists the waiting
// numbers in the order they are then called; the Vietnamese screens never say "Check-in".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Booking, CalendarDay, Centre, CounterState, Slot } from '@dltt/contracts';
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
const CENTRE = 'Bộ phận một cửa phường Buôn Ma Thuột (thử kiosk)';
const FIELDS = {
  C: {
    code: 'chung-thuc',
    name: 'Chứng thực',
    procedures: 'Chứng thực bản sao từ bản chính, chữ ký, hợp đồng.',
  },
  H: { code: 'ho-tich', name: 'Hộ tịch', procedures: 'Khai sinh, kết hôn, khai tử; trích lục hộ tịch.' },
  D: { code: 'dat-dai', name: 'Đất đai', procedures: 'Đăng ký biến động, cấp đổi giấy chứng nhận.' },
};
const OUTSIDER = { username: 'quay-xa-khac', fullName: 'Y Moan Êban', password: 'counter-password-9' };
const OFFICER = { username: 'quay-kiosk', fullName: 'H’Nga Byă', password: 'counter-password-8' };
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
/** A QR reader types a character every few milliseconds, then Enter. */
const scan = async (page: Page, text: string) => {
  await page.keyboard.type(text, { delay: 8 });
  await page.keyboard.press('Enter');
};
/** The Vietnamese console says "Cấp số" / "Xác nhận", never the English "Check-in", on any screen. */
const saysNoCheckIn = async (page: Page, where: string) => {
  // All of it, also what only a screen reader hears.
  const text = (await page.locator('body').textContent()) ?? '';
  assert.doesNotMatch(text, /check[\s-]?in/i, `${where} says "Check-in"`);
};
/**
 * Expected refusals: 401 from the console's session check on the kiosk and before an officer signs in, 404 for
 * the unknown code the journey scans on purpose, and 409 COUNTER_NOT_SIGNED_IN from the counter page before the
 * officer takes a counter. Any other failed load is a fault.
 */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [
    { status: 401, method: 'GET', path: '/api/v1/auth/session' },
    { status: 404, method: 'POST', path: /^\/api\/v1\/centres\/[\w-]+\/check-in$/ },
    { status: 409, method: 'GET', path: '/api/v1/counter' },
  ]);

describe('kiosk: QR ticket, QR readers, fields that say what they cover', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let centre: Centre;
  let phone: Page;
  let kiosk: Page;
  const errors: string[][] = [];
  let myCode = '';
  let otherCode = '';
  let thirdCode = '';
  let noSlotToday = false;

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.baseUrl}/api/v1${path}`, init);
  const fieldId = (letter: keyof typeof FIELDS) => centre.fields.find((f) => f.letter === letter)!.id;
  /** A booking today in a field of counter 1 by another citizen, through the API: its code. */
  const bookByApi = async (letter: 'C' | 'H', name: string, phoneNumber: string) => {
    const slots = (await (
      await api(`/centres/${centre.id}/fields/${fieldId(letter)}/slots?day=${vietnamToday()}`)
    ).json()) as Slot[];
    const slot = slots.find((s) => s.remaining > 0);
    assert.ok(slot, `a slot today for ${name}`);
    const session = (await (await api('/citizen/session', { method: 'POST' })).json()) as { token: string };
    const res = await api('/bookings', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.token}`,
        'content-type': 'application/json',
        'idempotency-key': `kiosk-e2e-${phoneNumber}`,
      },
      body: JSON.stringify({ fieldId: fieldId(letter), startsAt: slot.startsAt, name, phone: phoneNumber }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as Booking).code;
  };
  const open = async (kind: 'phone' | 'desktop', extra: Parameters<Browser['newContext']>[0] = {}) => {
    const page = await (await newContext(browser, kind, server.baseUrl, extra)).newPage();
    errors.push(watchPageErrors(page));
    return page;
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working))
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Ngày làm việc thử nghiệm' });
    // Open around the clock in 5-minute slots: the next slot always starts within check-in reach.
    centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'kiosk-e2e',
      name: CENTRE,
      agencyId: await admin.communeCommittee('24133'),
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: Object.entries(FIELDS).map(([letter, f]) => ({ ...f, letter, slotMinutes: 5, capacity: 3 })),
      counters: [
        { number: 1, fieldCodes: ['chung-thuc', 'ho-tich'] },
        // Field D has a counter of its own, so its queue holds walk-ins only.
        { number: 2, fieldCodes: ['dat-dai'] },
      ],
    });
    await admin.addStaff({
      ...OUTSIDER,
      role: 'counter_officer',
      agencyId: await admin.communeCommittee('22015'),
    });
    await admin.addStaff({
      ...OFFICER,
      role: 'counter_officer',
      agencyId: await admin.communeCommittee('24133'),
    });
    phone = await open('phone');
    kiosk = await open('desktop', { viewport: { width: 1080, height: 1600 }, hasTouch: true });
    // The ticket screen counts down 20 s; the journey pauses that clock while it looks at a ticket.
    await kiosk.clock.install();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('booking on the phone: each field says what it covers; a slot minutes away is told as information', async (t) => {
    await visit(phone, '/appointments/new');
    await phone.getByRole('button', { name: new RegExp(escaped(CENTRE)) }).click();
    const field = phone.getByRole('button', { name: new RegExp(`^${FIELDS.C.name}`) });
    await field.getByText(FIELDS.C.procedures).waitFor();
    await expectAccessible(phone, 'fields with their procedures');
    await field.click();
    await phone.getByRole('heading', { level: 2, name: 'Chọn ngày' }).waitFor();
    const firstDay = phone.getByRole('button', { name: /còn \d+ chỗ/ }).first();
    await firstDay.waitFor();
    if (!((await firstDay.textContent()) ?? '').includes(vietnamToday().slice(8, 10))) {
      noSlotToday = true;
      t.skip('no slot left today (the journey runs in the last minutes before midnight)');
      return;
    }
    await firstDay.click();
    await phone
      .getByRole('button', { name: /^\d\d:\d\d.*còn \d+ chỗ/ })
      .first()
      .click();
    await phone.getByLabel('Họ và tên').fill('H’Linh Niê');
    await phone.getByLabel('Số điện thoại').fill('0905 111 222');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    await phone.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    await phone.getByText('Đặt lịch thành công!').waitFor();
    myCode = ((await phone.getByTestId('booking-code').textContent()) ?? '').trim();
    // Too close to change: said calmly, as something to know, not as an error.
    const note = phone.getByText('Giờ hẹn đã gần nên lịch hẹn được giữ nguyên: bạn chỉ cần đến đúng giờ.', {
      exact: false,
    });
    await note.waitFor();
    assert.equal(await phone.getByRole('alert').count(), 0);
    await phone.getByText('mở lịch hẹn này trên điện thoại', { exact: false }).waitFor();
    await expectAccessible(phone, 'booking confirmed');
    // Marks this page: a reload would lose the mark.
    await phone.evaluate(() => {
      (window as unknown as { sameLoad: boolean }).sameLoad = true;
    });

    // A second citizen books the other field of counter 1, and a third her field, through the API.
    otherCode = await bookByApi('H', 'Y Bih', '0912345678');
    thirdCode = await bookByApi('C', 'Nay Thị Hằng', '0913456789');
  });

  test('at the kiosk the fields say what they cover; a QR reader on that screen checks a booking in', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await visit(kiosk, `/console/kiosk/${centre.id}`);
    await kiosk.getByRole('button', { name: /^Lấy số thứ tự/ }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Chọn lĩnh vực bạn cần làm thủ tục' }).waitFor();
    for (const [letter, f] of Object.entries(FIELDS))
      await kiosk
        .getByRole('button', { name: new RegExp(`^${letter} – ${f.name}`) })
        .getByText(f.procedures)
        .waitFor();
    await expectAccessible(kiosk, 'kiosk fields with procedures');
    await saysNoCheckIn(kiosk, 'the kiosk fields screen');
    // The focus on a field button, not in any box: the reader's typing must still arrive, and its Enter must
    // not also press the button (that would take a walk-in number C001, and her booking would get C002 below).
    await kiosk.getByRole('button', { name: new RegExp(`^C – ${FIELDS.C.name}`) }).focus();
    await scan(kiosk, otherCode);
    await kiosk.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    await kiosk.getByText('H001', { exact: true }).waitFor();
  });

  test('on the start screen a QR reader checks her in; the ticket QR opens her live number on a phone', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Xin chào! Bạn cần làm gì?' }).waitFor();
    await saysNoCheckIn(kiosk, 'the kiosk start screen');
    await scan(kiosk, myCode.toLowerCase());
    await kiosk.getByText('C001', { exact: true }).waitFor();
    const qr = kiosk.getByRole('img', { name: 'Mã QR để theo dõi số C001 trên điện thoại' });
    await kiosk.getByText('Quét mã này bằng điện thoại để theo dõi lượt gọi số của bạn.').waitFor();
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 200, `a QR code big enough to scan from the screen (${box?.width} px)`);
    await expectAccessible(kiosk, 'kiosk ticket with QR');
    await saysNoCheckIn(kiosk, 'the kiosk ticket screen');
    // The ticket screen is held still from here (the page's own clock: the test's "now" may be in its past).
    // Paused, the page runs no timers, so nothing below waits on one (axe and Playwright's waits do).
    await kiosk.clock.pauseAt((await kiosk.evaluate(() => Date.now())) + 10);

    const url = await readQr(qr);
    assert.match(url, new RegExp(`^${server.baseUrl}/tickets/[0-9a-f-]{36}$`));
    const follower = await open('phone');
    await visit(follower, url);
    await follower.getByTestId('ticket-number').getByText('C001').waitFor();

    // Printed, the ticket keeps the number and the QR code, without buttons or countdown.
    await kiosk.emulateMedia({ media: 'print' });
    assert.equal(await kiosk.getByRole('button', { name: 'Xong' }).isVisible(), false);
    assert.equal(await kiosk.getByText(/trở về trang đầu sau/).isVisible(), false);
    assert.ok(await qr.isVisible());
    assert.ok(await kiosk.getByText('C001', { exact: true }).isVisible());
    assert.ok((await kiosk.pdf({ width: '80mm' })).length > 1000, 'the ticket prints');
    await kiosk.emulateMedia({ media: 'screen' });
  });

  test('her booking page shows the number without a reload', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await phone
      .getByRole('link', { name: /Số thứ tự của bạn\s*C001\s*Theo dõi lượt gọi số/ })
      .waitFor({ timeout: 25_000 });
    assert.equal(await phone.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad), true);
    await expectAccessible(phone, 'booking with its number');
  });

  test('"Tôi có lịch hẹn" puts the focus in the code box; a refused scan is shown there', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    await kiosk.clock.resume();
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await kiosk.getByRole('button', { name: /^Tôi có lịch hẹn/ }).click();
    const box = kiosk.getByLabel('Mã lịch hẹn (8 ký tự)');
    await kiosk.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true);
    await saysNoCheckIn(kiosk, 'the kiosk code screen');
    await scan(kiosk, 'ZZZZ2345');
    await kiosk
      .getByRole('alert')
      .getByText('Không tìm thấy lịch hẹn với mã này tại trung tâm.', { exact: false })
      .waitFor();
    assert.equal(await kiosk.getByLabel('Mã lịch hẹn (8 ký tự)').inputValue(), 'ZZZZ2345');
    // The same box with the focus elsewhere on the screen: a scan of a real code still checks in.
    await kiosk.getByRole('heading', { level: 1, name: 'Nhập mã lịch hẹn' }).focus();
    await scan(kiosk, otherCode);
    await kiosk.getByText('H001', { exact: true }).waitFor();
  });

  test('on the ticket screen a QR reader checks the next person in', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    // H001's ticket is still shown, counting down, with the focus on "Xong": the reader's Enter must not press it.
    await kiosk.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    await kiosk.getByText(/trở về trang đầu sau/).waitFor();
    await kiosk.getByRole('button', { name: 'Xong' }).focus();
    await scan(kiosk, thirdCode);
    await kiosk.getByRole('img', { name: 'Mã QR để theo dõi số C002 trên điện thoại' }).waitFor();
    await kiosk.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    assert.equal(await kiosk.getByText('H001', { exact: true }).count(), 0);
  });

  test('in English, one person ahead is "1 person"', async () => {
    const walkIn = await api(`/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: fieldId('D') }),
    });
    assert.equal(walkIn.status, 201);
    const english = await open('desktop', { viewport: { width: 1080, height: 1600 } });
    await english.addInitScript(() => localStorage.setItem('dltt.console.lang', 'en'));
    await visit(english, `/console/kiosk/${centre.id}`);
    await english.getByRole('button', { name: /^Take a number/ }).click();
    await english.getByRole('button', { name: new RegExp(`^D – ${FIELDS.D.name}`) }).click();
    await english.getByText('D002', { exact: true }).waitFor();
    await english.getByText('1 person ahead of you.', { exact: true }).waitFor();
    assert.equal(await english.getByText('1 people').count(), 0);
    await english.getByText('Scan this code with your phone to follow your number.').waitFor();
  });

  test('an officer of another agency is told why no counter is offered', async () => {
    const officer = await open('desktop');
    await visit(officer, '/console/counter');
    await officer.getByLabel('Tên đăng nhập', { exact: true }).fill(OUTSIDER.username);
    await officer.getByLabel('Mật khẩu', { exact: true }).fill(OUTSIDER.password);
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    const notice = officer.getByRole('region', {
      name: 'Tài khoản của bạn không nhận được quầy ở các trung tâm hiện có',
    });
    await notice.waitFor();
    await notice.getByText('Tài khoản của bạn thuộc UBND phường Tuy Hoà.').waitFor();
    await notice.getByText(`${CENTRE} — thuộc UBND phường Buôn Ma Thuột`).waitFor();
    assert.equal(
      await officer.getByText('Đơn vị của bạn chưa có quầy giao dịch nào đang hoạt động.').count(),
      0,
    );
    await expectAccessible(officer, 'counter: another agency');
  });

  test('the counter lists the waiting numbers in the order "Gọi số tiếp theo" then calls them', async (t) => {
    if (noSlotToday) return t.skip('no booking today');
    const officer = await open('desktop');
    await visit(officer, '/console/counter');
    await officer.getByLabel('Tên đăng nhập', { exact: true }).fill(OFFICER.username);
    await officer.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER.password);
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Quầy giao dịch' }).waitFor();
    await saysNoCheckIn(officer, 'the counter choice');
    await officer.getByRole('button', { name: 'Nhận quầy số 1' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Quầy số 1' }).waitFor();

    // Counter 1 has the three bookings checked in at the kiosk. C002 (checked in last) is flagged a priority
    // person, so the order is not the order of arrival.
    const staff = await new StaffApi(server.baseUrl).login(OFFICER.username, OFFICER.password);
    const { next } = await staff.call<CounterState>('GET', '/counter');
    assert.deepEqual(next.map((n) => n.display).sort(), ['C001', 'C002', 'H001']);
    const c002 = next.find((n) => n.display === 'C002');
    assert.ok(c002);
    await staff.call('POST', `/tickets/${c002.id}/priority`, { priority: true });

    const list = officer.getByRole('list', { name: 'Thứ tự gọi tiếp theo' });
    await list.getByRole('listitem').first().getByText('Ưu tiên').waitFor();
    const listed = (await list.locator('.desk-next-number').allTextContents()).map((n) => n.trim());
    assert.equal(listed[0], 'C002');
    assert.deepEqual([...listed].sort(), ['C001', 'C002', 'H001']);
    await saysNoCheckIn(officer, 'the counter desk');
    await expectAccessible(officer, 'counter desk with the numbers to call');

    const current = officer.getByRole('region', { name: 'Đang phục vụ' }).locator('.desk-number');
    const calls: string[] = [];
    for (const _ of listed) {
      await officer.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
      const previous = calls.at(-1) ?? '';
      await officer.waitForFunction((before) => {
        const shown = document.querySelector('.desk-current .desk-number')?.textContent ?? '';
        return shown !== '' && shown !== before;
      }, previous);
      calls.push(((await current.textContent()) ?? '').trim());
    }
    assert.deepEqual(calls, listed, 'called in the listed order');
    await list.waitFor({ state: 'detached' });
    await officer.getByText('Không có ai đang chờ.').waitFor();
    await saysNoCheckIn(officer, 'the counter desk while serving');
    for (const list of errors) assert.deepEqual(unexpected(list), []);
  });
});
