// A citizen takes a number at the centre's kiosk and follows it on their phone (the address on the paper ticket,
// no sign-in): how many are ahead, "Sắp đến lượt bạn", and, when a counter officer calls it, "Mời bạn đến quầy số
// 1" within a second, without a reload, with a vibration. The appointments page then lists today's number. Sent on
// to another field, the page follows to the new number. A browser without EventSource falls back to asking every
// 10 s; an unknown number says so.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { CalendarDay, Centre, Ticket } from '@dltt/contracts';
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
const CENTRE = 'Trung tâm Phục vụ hành chính công phường Tân An';
const FIELD = 'Hộ tịch';
/** The queue a counter officer may send someone on to. */
const OTHER_FIELD = 'Chứng thực';
const OFFICER = { username: 'quay1.ticket', fullName: 'Y Khoa Byă', password: 'counter-password-1' };
/** The phone must show the call this fast after the officer's click. */
const LIVE_WITHIN_MS = 1_000;

/** Expected failed loads: the unknown ticket (404), for the page and for its stream. */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [
    { status: 404, method: 'GET', path: /^\/api\/v1\/public\/tickets\/[\w-]+(\/stream)?$/ },
  ]);

/** Today in Vietnam (UTC+7 all year). */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('live queue number on the phone', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let officer: StaffApi;
  let centre: Centre;
  /** Someone who came first, and ours. */
  let before1: Ticket;
  let mine: Ticket;

  const takeNumber = async (): Promise<Ticket> => {
    const res = await fetch(`${server.baseUrl}/api/v1/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: centre.fields[0]?.id }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text) as Ticket;
  };
  /** What navigator.vibrate was asked to do on the page so far. */
  const vibrations = () => page.evaluate(() => (window as unknown as { vibrated: unknown[] }).vibrated);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());

    // The server runs on the real clock: a public holiday today would close the centre, so make it a working day.
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working)) {
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
    }
    const agencyId = await admin.communeCommittee('24133');
    centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'ticket-e2e',
      name: CENTRE,
      agencyId,
      // Open every day, all day, so the journey works whenever it runs.
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [
        { code: 'ho-tich', name: FIELD, letter: 'A', slotMinutes: 15, capacity: 5 },
        { code: 'chung-thuc', name: OTHER_FIELD, letter: 'C', slotMinutes: 15, capacity: 5 },
      ],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
    });
    await admin.addStaff({ ...OFFICER, role: 'counter_officer', agencyId });
    officer = await new StaffApi(server.baseUrl).login(OFFICER.username, OFFICER.password);
    await officer.call('POST', '/counter/session', { counterId: centre.counters[0]?.id });

    before1 = await takeNumber();
    mine = await takeNumber();

    context = await newContext(browser, 'phone', server.baseUrl);
    // Records vibrations (headless Chromium has no motor, and would ignore them without a tap anyway).
    await context.addInitScript(() => {
      const vibrated: unknown[] = [];
      (window as unknown as { vibrated: unknown[] }).vibrated = vibrated;
      Object.defineProperty(Navigator.prototype, 'vibrate', {
        configurable: true,
        value: (pattern: unknown) => vibrated.push(pattern) > 0,
      });
    });
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the number is big, with its field, centre, people ahead and a live indicator', async () => {
    // Not `visit`: the open event stream means the network never goes idle.
    await page.goto(`/tickets/${mine.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    const number = page.getByTestId('ticket-number');
    assert.equal((await number.textContent())?.trim(), mine.display);
    assert.match(mine.display, /^A\d+$/);
    const size = await number.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 72, `the number is huge (${size}px)`);
    await page.getByText(FIELD, { exact: true }).waitFor();
    await page.getByText(CENTRE).waitFor();
    await page.getByText('Đang chờ', { exact: true }).waitFor();
    await page.getByText('Còn 1 người trước bạn').waitFor();
    await page.getByText(/^Sắp đến lượt bạn/).waitFor();
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    await expectAccessible(page, 'ticket waiting');
  });

  test('the counter calls the number: the page says so within a second, without a reload', async (t) => {
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    // The person ahead is called first: one less ahead, no vibration for someone else's call.
    const first = await officer.call<{ current: Ticket | null }>('POST', '/counter/call-next');
    assert.equal(first.current?.id, before1.id);
    await page.getByText('Bạn là người tiếp theo').waitFor({ timeout: 2_000 });
    assert.deepEqual(await vibrations(), []);

    const started = performance.now();
    const state = await officer.call<{ current: Ticket | null }>('POST', '/counter/call-next');
    assert.equal(state.current?.id, mine.id);
    await page.getByText('Mời bạn đến quầy số 1', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    const ms = performance.now() - started;
    t.diagnostic(`call shown on the phone ${ms.toFixed(0)} ms after the officer's request was sent`);
    assert.ok(ms < LIVE_WITHIN_MS, `shown after ${ms.toFixed(0)} ms`);

    assert.equal(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument), true);
    await page.getByRole('alert').getByText('Đến lượt bạn!').waitFor();
    assert.equal((await vibrations()).length, 1, 'the phone vibrated once');
    assert.equal(await page.getByText(/người trước bạn|Sắp đến lượt/).count(), 0);
    await expectAccessible(page, 'ticket called');
  });

  test('once served the page says so and stops listening', async () => {
    await officer.call('POST', '/counter/served');
    await page.getByText('Đã phục vụ', { exact: true }).waitFor({ timeout: 2_000 });
    await page.getByText('Đang cập nhật trực tiếp').waitFor({ state: 'detached' });
    await expectAccessible(page, 'ticket served');
  });

  test("the appointments page lists today's number and leads back to it", async () => {
    await visit(page, '/appointments');
    const section = page.getByRole('region', { name: 'Số thứ tự của tôi hôm nay' });
    await section.waitFor();
    await section.getByRole('link', { name: new RegExp(`^${mine.display}`) }).click();
    await page.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor();
    await page.getByTestId('ticket-number').getByText(mine.display).waitFor();
    await page.getByText('Đã phục vụ', { exact: true }).waitFor();
  });

  test('sent on to another field: the page follows to the new number, and the list keeps only that one', async () => {
    const moving = await takeNumber();
    await page.goto(`/tickets/${moving.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('ticket-number').getByText(moving.display).waitFor();
    const called = await officer.call<{ current: Ticket | null }>('POST', '/counter/call-next');
    assert.equal(called.current?.id, moving.id);
    await page.getByText('Mời bạn đến quầy số 1', { exact: true }).waitFor({ timeout: 2_000 });

    const otherField = centre.fields.find((f) => f.name === OTHER_FIELD)?.id;
    await officer.call('POST', '/counter/transfer', { fieldId: otherField });
    await page
      .getByRole('status')
      .getByText(
        `Cán bộ đã chuyển bạn từ số ${moving.display} (${FIELD}) sang hàng chờ ${OTHER_FIELD}. Đây là số mới của bạn.`,
      )
      .waitFor({ timeout: 2_000 });
    const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
    assert.match(number, /^C\d+$/, 'the new number, in the other queue');
    assert.ok(!page.url().includes(moving.id), 'the page now follows the new ticket');
    await page.getByText(OTHER_FIELD, { exact: true }).waitFor();
    await page.getByText('Đang chờ', { exact: true }).waitFor();
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    await expectAccessible(page, 'ticket after a transfer');

    await visit(page, '/appointments');
    const section = page.getByRole('region', { name: 'Số thứ tự của tôi hôm nay' });
    await section.getByRole('link', { name: new RegExp(`^${number}`) }).waitFor();
    await section.getByRole('link', { name: new RegExp(`^${mine.display}`) }).waitFor();
    assert.equal(await section.getByRole('link', { name: new RegExp(`^${moving.display}`) }).count(), 0);
  });

  test('without EventSource the page asks every 10 seconds', async () => {
    const old = await newContext(browser, 'phone', server.baseUrl);
    await old.addInitScript(() => {
      Reflect.deleteProperty(window, 'EventSource');
    });
    const oldPage = await old.newPage();
    const oldErrors = watchPageErrors(oldPage);
    const later = await takeNumber();
    await visit(oldPage, `/tickets/${later.id}`);
    await oldPage.getByTestId('ticket-number').getByText(later.display).waitFor();
    await oldPage.getByText('Tự động cập nhật mỗi 10 giây').waitFor();
    await oldPage.getByText('Bạn là người tiếp theo').waitFor();
    assert.deepEqual(unexpected(oldErrors), []);
    await old.close();
  });

  test('an unknown number says so and offers the way home (trying again cannot help)', async () => {
    await visit(page, `/tickets/${randomUUID()}`);
    const alert = page.getByRole('alert');
    await alert.getByText('Không tìm thấy số thứ tự.').waitFor();
    await alert.getByText('Không tìm thấy', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Thử lại' }).count(), 0);
    await alert.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.getByRole('navigation', { name: 'Các dịch vụ' }).waitFor();
  });

  test('no script errors and no content-security-policy violations along the way', () => {
    assert.deepEqual(unexpected(errors), []);
  });
});
