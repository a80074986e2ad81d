// Every citizen page at 360, 390 and 412 px, with normal and with large text: no word broken inside by wrapping
// ("Đ / ổi", "Kết quả xử / lý"), nothing wider than the screen. What the pages need is seeded through the API: a
// category with a long name, the citizen's reports (one open, one with a published result), a centre open all
// day with a booking and a queue number of the citizen's. Pages with little on them hide nothing; pages full of
// the longest texts are where words break, so the data is long on purpose.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Booking, CalendarDay, Centre, Ticket } from '@dltt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
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
import { phoneLayoutProblems } from '../support/layout.ts';
import { BMT } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const PASSWORD = 'staff-password-123';
/** As long as the seeded ones get, and longer: the report form's header holds it beside the "Đổi" button. */
const LONG_CATEGORY = 'Vệ sinh môi trường, rác thải sinh hoạt và nước thải khu dân cư';
const CENTRE = 'Trung tâm Phục vụ hành chính công phường Buôn Ma Thuột';
const FIELD = 'Đăng ký, quản lý hộ tịch và chứng thực bản sao';
const ANSWER = 'Đã thu gom rác thải và nạo vét cống thoát nước trước số 12 Lê Duẩn.';

/** Today in Vietnam (UTC+7 all year). */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('citizen pages on phones: no word broken inside, nothing wider than the screen', {
  skip: skip ?? false,
}, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dir: string;
  let photo: string;
  let openCode = '';
  let publishedCode = '';
  let booking: Booking;
  let ticket: Ticket;
  /** Every problem found, by page: reported together at the end, so one run shows them all. */
  const problems: string[] = [];

  const api = async <T>(pathname: string, init: RequestInit, status = 201): Promise<T> => {
    const res = await fetch(`${server.baseUrl}/api/v1${pathname}`, init);
    const text = await res.text();
    assert.equal(res.status, status, `${pathname}: ${text}`);
    return JSON.parse(text) as T;
  };

  /** Checks the page as it is now; `visited` pages had their accessibility checked by `visit`. */
  async function check(label: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    problems.push(...(await phoneLayoutProblems(page, label)));
  }

  async function checkPath(pathname: string, ready: () => Promise<unknown>): Promise<void> {
    await visit(page, pathname);
    await ready();
    await check(pathname);
  }

  const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { level, name }).waitFor();

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-layout-'));
    photo = path.join(dir, 'rac-thai.jpg');
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#6b8e23' } })
      .jpeg()
      .toBuffer();
    await sharp(jpeg).toFile(photo);

    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const agencyId = await admin.communeCommittee('24133');
    const category = await admin.call<{ id: string }>('POST', '/admin/categories', {
      code: 've-sinh-moi-truong-khu-dan-cu',
      nameVi: LONG_CATEGORY,
      nameEn: 'Environmental sanitation, household waste and waste water in residential areas',
      icon: 'environment',
      defaultDeadlineHours: 24,
      sortOrder: 1,
    });
    await admin.call('POST', '/routing-rules', { categoryId: category.id, communeCode: '24133', agencyId });
    for (const [username, role, agency] of [
      ['can-bo-layout', 'agency_officer', agencyId],
      ['dieu-phoi-layout', 'dispatcher', null],
    ] as const)
      await admin.addStaff({
        username,
        fullName: 'Nguyễn Thị Kiểm Tra',
        role,
        agencyId: agency,
        password: PASSWORD,
      });

    // The citizen of the browser below: an identity of its own, whose token the page finds in its storage.
    const session = await api<{ token: string }>('/citizen/session', { method: 'POST' });
    const citizen = { authorization: `Bearer ${session.token}` };
    const file = async (description: string) => {
      const uploaded = await api<{ id: string }>('/report-photos', {
        method: 'POST',
        headers: { ...citizen, 'content-type': 'image/jpeg' },
        body: jpeg,
      });
      const report = await api<{ code: string }>('/reports', {
        method: 'POST',
        headers: { ...citizen, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          categoryId: category.id,
          location: { lat: BMT.latitude, lng: BMT.longitude, accuracy: 12, source: 'gps' },
          description,
          address: 'Trước số 12 Lê Duẩn, phường Buôn Ma Thuột',
          contactPhone: '0905 123 456',
          consent: true,
          photoIds: [uploaded.id],
        }),
      });
      return report.code;
    };
    openCode = await file('Rác thải sinh hoạt dồn ứ nhiều ngày, bốc mùi, nước thải tràn ra lòng đường.');
    publishedCode = await file(
      'Cống thoát nước trước chợ bị tắc, rác thải chặn miệng cống, nước tràn mặt đường.',
    );
    const officer = await new StaffApi(server.baseUrl).login('can-bo-layout', PASSWORD);
    await officer.call('POST', `/staff/reports/${publishedCode}/accept`, {});
    await officer.call('POST', `/staff/reports/${publishedCode}/resolve`, { publicAnswer: ANSWER });
    const dispatcher = await new StaffApi(server.baseUrl).login('dieu-phoi-layout', PASSWORD);
    await dispatcher.call('POST', `/staff/reports/${publishedCode}/publish`, { hiddenPhotoIds: [] });

    // A centre open every day, all day (and today a working day), so there is a slot and a queue whenever the
    // journey runs.
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working))
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
    const centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'layout-e2e',
      name: CENTRE,
      address: '01 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
      location: { lat: 12.6807, lng: 108.0378 },
      agencyId,
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [
        { code: 'ho-tich', name: FIELD, letter: 'A', slotMinutes: 30, capacity: 5 },
        {
          code: 'dat-dai',
          name: 'Đất đai, nhà ở và tài sản gắn liền với đất',
          letter: 'B',
          slotMinutes: 30,
          remoteDailyCap: 20,
        },
      ],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich', 'dat-dai'] }],
    });
    const field = centre.fields[0] as Centre['fields'][number];
    const fieldDays = await api<{ day: string; open: boolean }[]>(
      `/centres/${centre.id}/fields/${field.id}/days`,
      {},
      200,
    );
    let slot: { startsAt: string; remaining: number } | undefined;
    for (const d of fieldDays.filter((x) => x.open && x.day > today)) {
      const slots = await api<{ startsAt: string; remaining: number }[]>(
        `/centres/${centre.id}/fields/${field.id}/slots?day=${d.day}`,
        {},
        200,
      );
      slot = slots.find((s) => s.remaining > 0);
      if (slot) break;
    }
    assert.ok(slot, 'a free slot after today');
    booking = await api<Booking>('/bookings', {
      method: 'POST',
      headers: { ...citizen, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        fieldId: field.id,
        startsAt: slot.startsAt,
        name: 'Nguyễn Thị Phương Thảo',
        phone: '0905123456',
      }),
    });
    ticket = await api<Ticket>(`/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: field.id }),
    });

    context = await newContext(browser, 'phone', server.baseUrl, {
      geolocation: BMT,
      permissions: ['geolocation'],
    });
    await context.addInitScript((stored) => {
      if (!localStorage.getItem('dltt:citizen-session')) localStorage.setItem('dltt:citizen-session', stored);
    }, JSON.stringify(session));
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('home and every feature hub', async () => {
    await checkPath('/', () => heading(/Đắk Lắk/));
    for (const pathname of [
      '/reports',
      '/appointments',
      '/planning',
      '/cameras',
      '/portals/national',
      '/portals/provincial',
      '/directory/police',
      '/directory/health',
      '/news',
    ])
      await checkPath(pathname, () => page.getByRole('heading', { level: 1 }).first().waitFor());
  });

  test('the report form, each step, with a long category name', async () => {
    await checkPath('/reports/new', () => page.getByRole('button', { name: LONG_CATEGORY }).waitFor());
    await page.getByRole('button', { name: LONG_CATEGORY }).click();
    await heading('Chụp ảnh hiện trường', 2);
    await check('report form: photos');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    await (await chooser).setFiles([photo]);
    await page.getByText('Đã tải lên').first().waitFor();
    await check('report form: photo uploaded');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await heading('Vị trí sự việc', 2);
    await page.getByText(/Đã xác định vị trí/).waitFor();
    await expectAccessible(page, 'report form: location');
    await check('report form: location');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    // The citizen's own open report is at the same place in the same category: the form asks first.
    await heading('Có phải sự việc này?', 2);
    await page.getByRole('article', { name: openCode }).waitFor();
    await expectAccessible(page, 'report form: similar reports');
    await check('report form: similar reports');
    await page.getByRole('button', { name: 'Không phải, tiếp tục gửi phản ánh của tôi' }).click();
    await heading('Mô tả sự việc', 2);
    await expectAccessible(page, 'report form: description');
    await check('report form: description');
  });

  test('report lists, details and notifications', async () => {
    await checkPath('/reports/mine', () => page.getByText(openCode).first().waitFor());
    await checkPath(`/reports/mine/${openCode}`, () => heading(openCode, 2));
    await checkPath(`/reports/mine/${publishedCode}`, () => page.getByText(ANSWER).first().waitFor());
    await checkPath('/reports/public', () =>
      page.getByRole('link', { name: `Xem chi tiết ${publishedCode}` }).waitFor(),
    );
    await checkPath(`/reports/public/${publishedCode}`, () => page.getByText(ANSWER).first().waitFor());
    await checkPath('/reports/notifications', () =>
      page.getByRole('heading', { level: 1 }).first().waitFor(),
    );
  });

  test('a published result no longer shows its deadline as pending', async () => {
    await visit(page, `/reports/mine/${publishedCode}`);
    await page.getByText(ANSWER).first().waitFor();
    assert.equal(await page.getByText(/Hạn xử lý/).count(), 0, 'no "Hạn xử lý" once the result is out');
    await visit(page, `/reports/mine/${openCode}`);
    await heading(openCode, 2);
    await page
      .getByText(/Hạn xử lý/)
      .first()
      .waitFor();
  });

  test('booking: each step, a booking, moving it, the list', async () => {
    await checkPath('/appointments/new', () => heading('Chọn trung tâm', 2));
    await page.getByRole('button', { name: new RegExp(CENTRE) }).click();
    await heading('Chọn lĩnh vực thủ tục', 2);
    await expectAccessible(page, 'booking: field');
    await check('booking: field');
    await page.getByRole('button', { name: 'Đất đai, nhà ở và tài sản gắn liền với đất' }).click();
    await heading('Chọn ngày', 2);
    await expectAccessible(page, 'booking: day');
    await check('booking: day');
    await page
      .getByRole('button', { name: /còn \d+ chỗ/ })
      .first()
      .click();
    await heading('Chọn giờ', 2);
    await expectAccessible(page, 'booking: time');
    await check('booking: time');
    await page
      .locator('button:enabled')
      .filter({ hasText: /^\s*\d{2}:\d{2}/ })
      .first()
      .click();
    await heading('Người đến làm thủ tục', 2);
    await expectAccessible(page, 'booking: contact');
    await check('booking: contact');
    await checkPath(`/appointments/mine/${booking.code}`, () =>
      page.getByText(booking.code).first().waitFor(),
    );
    await checkPath(`/appointments/mine/${booking.code}/reschedule`, () =>
      page.getByRole('heading', { level: 2 }).first().waitFor(),
    );
    await checkPath('/appointments/mine', () => page.getByText(FIELD).first().waitFor());
  });

  test('a number from the phone: centres, fields with numbers left', async () => {
    await checkPath('/appointments/remote', () => heading('Lấy số từ xa'));
    await page.getByRole('button', { name: new RegExp(CENTRE) }).click();
    await page
      .getByRole('button', { name: /^Đất đai, nhà ở/ })
      .getByText(/Còn 20 số hôm nay/)
      .waitFor();
    await expectAccessible(page, 'remote: fields');
    await check('remote: fields');
  });

  test('the live queue number and a page that does not exist', async () => {
    await checkPath(`/tickets/${ticket.id}`, () => page.getByText(ticket.display).first().waitFor());
    await checkPath('/khong-co-trang-nay', () => heading('Không tìm thấy trang'));
  });

  test('no word is broken inside and no page is wider than the screen', () => {
    assert.deepEqual(problems, []);
  });

  test('no script errors, no CSP violations, no failed answers', () => {
    assert.deepEqual(unexpectedErrors(errors, []), []);
  });
});
