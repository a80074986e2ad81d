// A citizen books a slot at a public service centre on a phone: centre, field, day, time, name and phone; a slot
// taken meanwhile by someone else is refused gracefully; the ticket shows the code and the QR code, the .ics file
// downloads; the appointment is moved to another time and then cancelled, each after a confirmation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Booking, BookingDay, Centre, Slot } from '@dltt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const CENTRE = 'Trung tâm Phục vụ hành chính công phường Buôn Ma Thuột';
const FIELD = 'Hộ tịch';
const NAME = 'Nguyễn Thị Hoa';
const PHONE = '0905 123 456';
const CLOSURE = 'Tổng vệ sinh trụ sở';
/** Slots this close to now cannot be cancelled or moved any more (30 minutes before), so they are not used. */
const AHEAD_MS = 2 * 3_600_000;

/** The failed answers this journey provokes: the slot taken meanwhile, the field nobody serves any more. */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [
    { status: 409, method: 'POST', path: '/api/v1/bookings' },
    { status: 400, method: 'GET', path: /^\/api\/v1\/centres\/[\w-]+\/fields\/[\w-]+\/days$/ },
  ]);

/** Vietnam wall-clock time of an instant (UTC+7 all year), as the app shows it. */
const vnTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);
/** 'DD/MM' of a 'YYYY-MM-DD' day, as on the day chips. */
const chipDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

describe('appointment booking, end to end', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let field: Centre['fields'][number];
  let centre: Centre;
  let admin: StaffApi;
  /** What the admin sent to create the centre (a later test changes its counters). */
  let centreBody: Record<string, unknown>;
  /** The first open day with enough free slots still ahead, and four of its slots. */
  let day = '';
  let taken: Slot;
  let raced: Slot;
  let booked: Slot;
  let moved: Slot;
  let code = '';

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.baseUrl}/api/v1${path}`, init);

  /** Another citizen (a device of its own) books a slot through the API. */
  async function neighbourBooks(slot: Slot, name: string): Promise<void> {
    const session = (await (await api('/citizen/session', { method: 'POST' })).json()) as { token: string };
    const res = await api('/bookings', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.token}`,
        'content-type': 'application/json',
        'idempotency-key': `neighbour-${slot.startsAt.replace(/\W/g, '')}`,
      },
      body: JSON.stringify({ fieldId: field.id, startsAt: slot.startsAt, name, phone: '0912345678' }),
    });
    assert.equal(res.status, 201, await res.text());
  }

  /** The booking as the server has it, read with the citizen token the app keeps on the phone. */
  async function serverBooking(): Promise<Booking> {
    const token = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('dltt:citizen-session') ?? '{}') as { token?: string }).token,
    );
    const res = await api(`/me/bookings/${code}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    return (await res.json()) as Booking;
  }

  const slotButton = (slot: Slot) =>
    page.getByRole('button', { name: new RegExp(`^${vnTime(slot.startsAt)}`) });

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const agencyId = await admin.communeCommittee('24133');
    const sessions = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '07:00', end: '11:30' },
      { weekday, start: '13:30', end: '17:00' },
    ]);
    centreBody = {
      code: 'bmt',
      name: CENTRE,
      address: '01 Lê Duẩn, phường Buôn Ma Thuột',
      location: { lat: 12.6807, lng: 108.0378 },
      agencyId,
      sessions,
      fields: [
        { code: 'ho-tich', name: FIELD, letter: 'A', slotMinutes: 15, capacity: 1 },
        { code: 'dat-dai', name: 'Đất đai', letter: 'B', slotMinutes: 30 },
        // No counter serves it yet: it cannot take bookings.
        { code: 'chung-thuc', name: 'Chứng thực', letter: 'C', slotMinutes: 15 },
      ],
      counters: [
        { number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] },
        { number: 2, name: 'Quầy 2', fieldCodes: ['dat-dai'] },
        { number: 3, name: 'Quầy 3', fieldCodes: ['ho-tich', 'dat-dai'] },
      ],
    };
    centre = await admin.call<Centre>('POST', '/admin/centres', centreBody);
    field = centre.fields.find((f) => f.name === FIELD) as Centre['fields'][number];

    // The date of the run decides which days and times are offered: take the first open day that still has
    // four free slots comfortably ahead of now.
    const days = (await (await api(`/centres/${centre.id}/fields/${field.id}/days`)).json()) as BookingDay[];
    for (const d of days.filter((x) => x.open && x.remaining > 0)) {
      const slots = (await (
        await api(`/centres/${centre.id}/fields/${field.id}/slots?day=${d.day}`)
      ).json()) as Slot[];
      const ahead = slots.filter((s) => s.remaining > 0 && Date.parse(s.startsAt) > Date.now() + AHEAD_MS);
      if (ahead.length >= 4) {
        day = d.day;
        [taken, raced, booked, moved] = ahead as [Slot, Slot, Slot, Slot];
        break;
      }
    }
    assert.ok(day, 'an open day with free slots');
    // The centre closes on a later open day for its own reason, which the day chips show as written.
    const later = days.find((d) => d.open && d.day > day);
    assert.ok(later, 'a later open day');
    await admin.call('PUT', `/admin/centres/${centre.id}/closures/${later.day}`, { reason: CLOSURE });
    // Someone else already holds the first of them (capacity 1).
    await neighbourBooks(taken, 'Trần Văn Bình');

    context = await newContext(browser, 'phone', server.baseUrl, { acceptDownloads: true });
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the home tile leads to booking; centre, field, day and time are big buttons', async () => {
    await visit(page, '/');
    await page.getByRole('link', { name: 'Đặt lịch làm thủ tục hành chính' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đặt lịch làm thủ tục hành chính' }).waitFor();
    await expectAccessible(page, 'appointments hub');
    await page.getByRole('link', { name: 'Đặt lịch mới' }).click();

    await page.getByRole('heading', { level: 2, name: 'Chọn trung tâm' }).waitFor();
    await expectAccessible(page, 'centre step');
    await page.getByRole('button', { name: new RegExp(CENTRE) }).click();

    await page.getByRole('heading', { level: 2, name: 'Chọn lĩnh vực thủ tục' }).waitFor();
    await expectAccessible(page, 'field step');
    const fieldButton = page.getByRole('button', { name: FIELD, exact: true });
    const box = await fieldButton.boundingBox();
    assert.ok(box && box.height >= 56 && box.width >= 300, 'a big field button');
    // A field no counter serves is listed, greyed, with what to do instead; it is not a button.
    const unserved = page.getByRole('listitem').filter({ hasText: 'Chứng thực' });
    await unserved
      .getByText('Chưa nhận đặt lịch trực tuyến. Bạn có thể đến trung tâm lấy số trực tiếp.')
      .waitFor();
    assert.equal(await unserved.getByRole('button').count(), 0);
    await fieldButton.click();

    await page.getByRole('heading', { level: 2, name: 'Chọn ngày' }).waitFor();
    const chip = page.getByRole('button', { name: new RegExp(`${chipDate(day)} còn \\d+ chỗ`) });
    await chip.waitFor();
    // Closed days are in the row, greyed, with their reason.
    await page.getByText('Cuối tuần').first().waitFor();
    await page.getByText(CLOSURE).waitFor();
    await expectAccessible(page, 'day step');
    await chip.click();

    await page.getByRole('heading', { level: 2, name: 'Chọn giờ' }).waitFor();
    await slotButton(booked).waitFor();
    assert.ok(await slotButton(taken).isDisabled(), 'a full slot cannot be picked');
    assert.match((await slotButton(taken).textContent()) ?? '', /Hết chỗ/);
    await expectAccessible(page, 'slot step');
  });

  test('a slot taken meanwhile is refused gracefully and the times are refreshed', async () => {
    await slotButton(raced).click();
    await page.getByRole('heading', { level: 2, name: 'Người đến làm thủ tục' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Bạn hãy nhập họ và tên.').waitFor();
    await page.getByText('Bạn hãy nhập số điện thoại.').waitFor();
    await expectAccessible(page, 'contact errors');
    await page.getByLabel('Họ và tên').fill(NAME);
    await page.getByLabel('Số điện thoại').fill('12345');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText(/Số điện thoại chưa đúng/).waitFor();
    await page.getByLabel('Số điện thoại').fill(PHONE);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kiểm tra và xác nhận' }).waitFor();
    await page.getByText(NAME).waitFor();
    assert.equal(
      await page.getByText(/Giờ hẹn này đã gần/).count(),
      0,
      'hours ahead: it can still be changed',
    );
    await page.getByText(/quét mã QR tại máy lấy số/).waitFor();
    await expectAccessible(page, 'confirm step');

    await neighbourBooks(raced, 'Lê Thị Cúc');
    await page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chọn giờ' }).waitFor();
    await page.getByRole('alert').getByText('Khung giờ này đã hết chỗ, vui lòng chọn giờ khác.').waitFor();
    await slotButton(booked).waitFor();
    assert.ok(await slotButton(raced).isDisabled(), 'the refreshed list shows the slot as full');
    await expectAccessible(page, 'slot refused');
  });

  test('the booking shows its code, QR code, time and place; the .ics file downloads', async () => {
    await slotButton(booked).click();
    // Name and phone are kept from the first try.
    await page.getByRole('heading', { level: 2, name: 'Người đến làm thủ tục' }).waitFor();
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), NAME);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();

    await page.getByRole('heading', { level: 1, name: 'Lịch hẹn' }).waitFor();
    await page.getByText('Đặt lịch thành công!').waitFor();
    code = ((await page.getByTestId('booking-code').textContent()) ?? '').trim();
    assert.match(code, /^[A-Z0-9]{8}$/);
    assert.match(page.url(), new RegExp(`/appointments/mine/${code}$`));
    const qr = page.getByRole('img', { name: `Mã QR của lịch hẹn ${code}` });
    await qr.waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('img.appt-qr')?.naturalWidth ?? 0) > 0,
    );
    await page.getByText(`${vnTime(booked.startsAt)} – ${vnTime(booked.endsAt)}`).waitFor();
    await page.getByText(CENTRE).first().waitFor();
    await page.getByText(/có thể lấy số từ 30 phút trước đến 15 phút sau giờ hẹn/).waitFor();
    await expectAccessible(page, 'booking confirmed');
    const saved = await serverBooking();
    assert.equal(saved.status, 'confirmed');
    assert.equal(saved.startsAt, booked.startsAt);
    assert.equal(saved.phone, '0905123456');

    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/me/bookings/${code}/ics`)),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Thêm vào lịch' }).click(),
    ]);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^text\/calendar/);
    assert.equal(download.suggestedFilename(), `lich-hen-${code}.ics`);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, new RegExp(code));
  });

  test('the appointment moves to another time of the same day after a confirmation', async () => {
    await page.getByRole('link', { name: 'Đổi giờ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đổi giờ hẹn' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`${chipDate(day)} còn \\d+ chỗ`) }).click();
    await page.getByRole('heading', { level: 2, name: 'Chọn giờ mới' }).waitFor();
    await slotButton(moved).waitFor();
    assert.ok(await slotButton(booked).isDisabled(), 'the current time is marked, not offered');
    assert.match((await slotButton(booked).textContent()) ?? '', /Giờ đang hẹn/);
    await expectAccessible(page, 'reschedule slots');
    await slotButton(moved).click();
    await page.getByRole('heading', { level: 2, name: 'Xác nhận đổi giờ' }).waitFor();
    await expectAccessible(page, 'reschedule confirm');
    await page.getByRole('button', { name: 'Đổi sang giờ mới' }).click();
    await page.getByText('Đã đổi giờ hẹn.').waitFor();
    await page.getByText(`${vnTime(moved.startsAt)} – ${vnTime(moved.endsAt)}`).waitFor();
    assert.equal((await serverBooking()).startsAt, moved.startsAt);
  });

  test('a deep link opens the booking; cancelling asks first, then the list shows it cancelled', async () => {
    await visit(page, `/appointments/mine/${code}`);
    await page.getByTestId('booking-code').getByText(code).waitFor();
    await page.getByRole('button', { name: 'Hủy lịch hẹn', exact: true }).click();
    await page
      .getByText(`Bạn chắc chắn muốn hủy lịch hẹn lúc ${vnTime(moved.startsAt)}`, { exact: false })
      .waitFor();
    await expectAccessible(page, 'cancel question');
    await page.getByRole('button', { name: 'Không, giữ lịch hẹn' }).click();
    assert.equal((await serverBooking()).status, 'confirmed');

    await page.getByRole('button', { name: 'Hủy lịch hẹn', exact: true }).click();
    await page.getByRole('button', { name: 'Có, hủy lịch hẹn' }).click();
    await page.getByText('Đã hủy lịch hẹn.').waitFor();
    await page.getByText('Đã hủy', { exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Đổi giờ' }).count(), 0);
    await expectAccessible(page, 'cancelled');
    assert.equal((await serverBooking()).status, 'cancelled');

    await page.getByRole('link', { name: 'Lịch hẹn của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lịch hẹn của tôi' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Đã qua hoặc đã hủy' }).waitFor();
    await page.getByRole('link', { name: new RegExp(`Mã ${code}`) }).waitFor();
    await expectAccessible(page, 'my appointments');
  });

  test('a link to a field that stopped taking bookings leads back to the fields, with the reason', async () => {
    const datDai = centre.fields.find((f) => f.code === 'dat-dai');
    assert.ok(datDai);
    // The centre's counters change: nobody serves "Đất đai" any more.
    await admin.call('PUT', `/admin/centres/${centre.id}`, {
      ...centreBody,
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
    });
    await visit(page, `/appointments/new?centre=${centre.id}&field=${datDai.id}`);
    await page.getByRole('heading', { level: 2, name: 'Chọn lĩnh vực thủ tục' }).waitFor();
    await page
      .getByRole('alert')
      .getByText('Lĩnh vực này hiện không có quầy phục vụ nên chưa đặt lịch được.')
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Thử lại' }).count(), 0, 'no retry that cannot work');
    const unserved = page.getByRole('listitem').filter({ hasText: 'Đất đai' });
    assert.equal(await unserved.getByRole('button').count(), 0);
    await page.getByRole('button', { name: FIELD, exact: true }).waitFor();
  });

  test('no script errors and no content-security-policy violations along the way', () => {
    assert.deepEqual(unexpected(errors), []);
  });
});
