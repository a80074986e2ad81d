// The flagship journey: a citizen files a field report with two photos and a GPS fix; a neighbour at the same place
// is offered it as a duplicate; the officer of the routed agency accepts and resolves it with an after-photo; the
// dispatcher publishes; the citizen sees the result and rates it; the public list shows it without personal data.
// Then a second result is reopened with "chưa được xử lý".
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
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
import { BMT, CATEGORY, CATEGORY_EN } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const PHONE = '0905123456';
const ANSWER = 'Đã thay bóng đèn, đường sáng trở lại từ tối nay.';
const PASSWORD = 'staff-password-123';

/** The failed answer this journey provokes: the console's session check before sign-in. */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [{ status: 401, method: 'GET', path: '/api/v1/auth/session' }]);

describe('field report, end to end', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: StaffApi;
  let photos: string[];
  let dir: string;
  let code = '';
  let categoryId = '';

  async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await newContext(browser, 'phone', server.baseUrl, {
      geolocation: BMT,
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    return { context, page, errors: watchPageErrors(page) };
  }

  async function staffPage(username: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    const errors = watchPageErrors(page);
    await visit(page, '/console/');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    return { page, errors };
  }

  /** Category, photos and the GPS fix: the steps every report starts with. */
  async function startReport(page: Page, files: string[]) {
    await visit(page, '/reports/new');
    await page.getByRole('button', { name: CATEGORY }).click();
    await page.getByRole('heading', { level: 2, name: 'Chụp ảnh hiện trường' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    await (await chooser).setFiles(files);
    await page
      .getByText('Đã tải lên')
      .nth(files.length - 1)
      .waitFor();
    await expectAccessible(page, 'photos uploaded');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vị trí sự việc' }).waitFor();
    await page.getByText(/Đã xác định vị trí \(sai số khoảng 15 m\)/).waitFor();
    await expectAccessible(page, 'location');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  }

  async function describeAndSend(page: Page, description: string): Promise<string> {
    await page.getByRole('heading', { level: 2, name: 'Mô tả sự việc' }).waitFor();
    await page.getByLabel('Mô tả sự việc (bắt buộc)').fill(description);
    await page.getByLabel('Số điện thoại liên hệ (không bắt buộc)').fill(PHONE);
    assert.ok(await page.getByLabel('Ẩn danh tính khi công khai').isChecked(), 'hidden identity by default');
    await page.getByLabel('Tôi cam kết thông tin là đúng sự thật').check();
    await expectAccessible(page, 'description');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { level: 2, name: 'Đã gửi phản ánh' }).waitFor();
    const sent = (await page.getByTestId('report-code').textContent())?.trim() ?? '';
    assert.match(sent, /^PA-\d{4}-\d{6}$/);
    await expectAccessible(page, 'sent');
    return sent;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-photos-'));
    photos = [];
    for (const [i, color] of [
      [1, { r: 200, g: 40, b: 40 }],
      [2, { r: 40, g: 160, b: 60 }],
      [3, { r: 40, g: 60, b: 200 }],
    ] as const) {
      const file = path.join(dir, `anh-${i}.jpg`);
      await sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
        .jpeg()
        .toFile(file);
      photos.push(file);
    }
    admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const agency = await admin.communeCommittee('24133');
    const categories = await admin.call<{ id: string; code: string }[]>('GET', '/categories');
    categoryId = categories.find((c) => c.code === 'ha-tang-do-thi')?.id ?? '';
    // A fresh install routes the ward's urban-infrastructure reports to its People's Committee (default rules).
    const rules = await admin.call<{ agencyId: string }[]>(
      'GET',
      `/routing-rules?categoryId=${categoryId}&communeCode=24133`,
    );
    assert.deepEqual(
      rules.map((r) => r.agencyId),
      [agency],
    );
    await admin.addStaff({
      username: 'can-bo-bmt',
      fullName: 'Nguyễn Văn Cán Bộ',
      role: 'agency_officer',
      agencyId: agency,
      password: PASSWORD,
    });
    await admin.addStaff({
      username: 'dieu-phoi',
      fullName: 'Lê Thị Điều Phối',
      role: 'dispatcher',
      agencyId: null,
      password: PASSWORD,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('a citizen files a report with two photos and a GPS position and gets its code', async () => {
    const { page, errors, context } = await phone();
    await startReport(page, photos.slice(0, 2));
    code = await describeAndSend(
      page,
      'Đèn đường trước số 12 Lê Duẩn bị tắt ba đêm nay, rất tối và nguy hiểm.',
    );
    await page.getByRole('link', { name: 'Xem phản ánh' }).click();
    await page.getByRole('heading', { level: 2, name: code }).waitFor();
    await page.getByText('Đã gửi', { exact: true }).first().waitFor();
    await expectAccessible(page, 'my report');
    assert.deepEqual(unexpected(errors), []);
    await context.storageState({ path: path.join(dir, 'reporter.json') });
    await context.close();
  });

  test('a neighbour at the same place is offered the report as a duplicate', async () => {
    const { page, errors, context } = await phone();
    await startReport(page, photos.slice(2, 3));
    await page.getByRole('heading', { level: 2, name: 'Có phải sự việc này?' }).waitFor();
    const suggestion = page.getByRole('article', { name: code });
    await suggestion.waitFor();
    await suggestion.getByRole('img').first().waitFor();
    await expectAccessible(page, 'duplicate suggestion');
    await suggestion.getByRole('button', { name: 'Đúng, theo dõi phản ánh này' }).click();
    await page.getByRole('heading', { level: 2, name: 'Đã theo dõi phản ánh' }).waitFor();
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('the officer of the routed agency accepts and resolves with an after-photo', async () => {
    // Required here (the later reports are resolved without one).
    await admin.call('PATCH', `/admin/categories/${categoryId}`, { requiresAfterPhoto: true });
    const { page, errors } = await staffPage('can-bo-bmt');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Phản ánh' })
      .click();
    // The inbox says which deadline runs: acceptance, until the report is accepted.
    await page.getByRole('columnheader', { name: 'Hạn', exact: true }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(code) })
      .getByText('Tiếp nhận:', { exact: true })
      .waitFor();
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal((await page.getByTestId('contact-phone').textContent())?.includes(PHONE), true);
    await expectAccessible(page, 'officer detail');
    const actions = page.getByTestId('report-actions');
    await actions.getByRole('button', { name: 'Tiếp nhận' }).click();
    const accept = page.getByRole('dialog');
    await accept.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByText('Đã tiếp nhận phản ánh.').waitFor();
    await actions.getByRole('button', { name: 'Giải quyết' }).click();
    const resolve = page.getByRole('dialog');
    // Sent empty: the summary and each field's error; each goes away as soon as its field is right.
    await resolve.getByRole('button', { name: 'Gửi kết quả giải quyết' }).click();
    const summary = resolve.getByText('Vui lòng kiểm tra lại các ô được đánh dấu.');
    const answerError = resolve.getByText('Vui lòng nhập thông tin này.');
    const photoError = resolve.getByText('Lĩnh vực này cần ít nhất một ảnh sau xử lý: vui lòng thêm ảnh.');
    await summary.waitFor();
    await answerError.waitFor();
    await photoError.waitFor();
    await expectAccessible(page, 'resolve dialog with errors');
    await resolve.getByLabel('Trả lời công khai cho người dân').fill(ANSWER);
    await answerError.waitFor({ state: 'detached' });
    assert.equal(await summary.count(), 1, 'the photo is still missing');
    await resolve.getByLabel('Thêm ảnh sau xử lý').setInputFiles(photos[2] as string);
    await resolve.getByRole('button', { name: 'Ảnh sau xử lý 1 (phóng to)' }).waitFor();
    await photoError.waitFor({ state: 'detached' });
    await summary.waitFor({ state: 'detached' });
    await expectAccessible(page, 'resolve dialog');
    await resolve.getByRole('button', { name: 'Gửi kết quả giải quyết' }).click();
    await page.getByText('Đã gửi kết quả giải quyết để điều phối viên duyệt.').waitFor();
    assert.deepEqual(unexpected(errors), []);
    await admin.call('PATCH', `/admin/categories/${categoryId}`, { requiresAfterPhoto: false });
  });

  test('the dispatcher reviews and publishes', async () => {
    const { page, errors } = await staffPage('dieu-phoi');
    // The inbox on a 1366 × 768 laptop: every column on screen, and names wrap between words, not after each one.
    await page.setViewportSize({ width: 1366, height: 768 });
    await visit(page, '/console/reports');
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    const wrap = page.getByTestId('inbox').locator('.table-wrap');
    assert.ok(
      await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth),
      'the inbox fits without scrolling',
    );
    await page.getByRole('columnheader', { name: 'Đơn vị xử lý', exact: true }).waitFor();
    const agency = row.getByRole('cell').nth(5);
    const { words, lines } = await agency.evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
      return { words: (cell.textContent ?? '').trim().split(/\s+/).length, lines: tops.size };
    });
    assert.ok(words >= 4 && lines <= Math.ceil(words / 2), `agency: ${words} words on ${lines} lines`);
    // In English the category reads in English, in the inbox and on the report.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await row.getByText(CATEGORY_EN).waitFor();
    await visit(page, `/console/reports/${code}`);
    await page.getByText(CATEGORY_EN, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    await page.getByTestId('report-actions').getByRole('button', { name: 'Duyệt & công khai' }).click();
    const publish = page.getByRole('dialog');
    assert.equal(await publish.getByRole('checkbox', { name: 'Ẩn ảnh này' }).count(), 3);
    await expectAccessible(page, 'publish dialog');
    await publish.getByRole('button', { name: 'Duyệt & công khai' }).click();
    await page
      .getByRole('dialog', { name: 'Công khai kết quả?' })
      .getByRole('button', { name: 'Xác nhận' })
      .click();
    await page.getByText('Đã công khai kết quả.').waitFor();
    assert.deepEqual(unexpected(errors), []);
  });

  test('the citizen sees the result and rates it', async () => {
    const context = await newContext(browser, 'phone', server.baseUrl, {
      storageState: path.join(dir, 'reporter.json'),
    });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await visit(page, `/reports/mine/${code}`);
    await page.getByRole('heading', { name: 'Trả lời của cơ quan' }).waitFor();
    await page.getByText(ANSWER).first().waitFor();
    await page.getByText('Đã có kết quả', { exact: true }).first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Bạn thấy kết quả thế nào?' }).waitFor();
    await page.getByRole('radio', { name: '4 sao' }).check({ force: true });
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Bạn đã đánh giá 4/5 sao.').waitFor();
    await expectAccessible(page, 'rated');
    // The notifications of each public change reached the reporter through the outbox job.
    await visit(page, '/reports/notifications');
    await page
      .getByText(new RegExp(`Phản ánh ${code}`))
      .first()
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('the public list shows the result without personal data', async () => {
    const { page, errors, context } = await phone();
    await visit(page, '/reports/public');
    // The map view: the result's pin (Buôn Ma Thuột, where the map opens) opens a card linking to it.
    await page.getByRole('button', { name: 'Bản đồ', exact: true }).click();
    await page.getByRole('button', { name: `Phản ánh ${code}` }).click();
    await page.getByRole('heading', { level: 2, name: CATEGORY }).waitFor();
    await expectAccessible(page, 'public map');
    await page.getByRole('button', { name: 'Danh sách', exact: true }).click();
    await page.getByRole('link', { name: `Xem chi tiết ${code}` }).click();
    await page.getByText(ANSWER).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'public detail');
    const text = (await page.locator('body').textContent()) ?? '';
    assert.ok(!text.includes(PHONE) && !text.includes('0905 123 456'), 'no phone number');
    const api = await (await fetch(`${server.baseUrl}/api/v1/public/reports/${code}`)).text();
    assert.ok(!api.includes(PHONE) && !/citizen/i.test(api), 'the API answer holds no personal data');
    // An English reader sees the category in English (reports carry the Vietnamese name).
    await page.evaluate(() => localStorage.setItem('dltt:language', JSON.stringify('en')));
    await page.reload();
    await page.getByText(CATEGORY_EN, { exact: true }).waitFor();
    await visit(page, '/reports/public');
    await page.getByRole('heading', { level: 2, name: CATEGORY_EN }).first().waitFor();
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('"chưa được xử lý" reopens a published result to the same agency', async () => {
    const { page, errors, context } = await phone();
    await startReport(page, photos.slice(0, 1));
    // The first report is closed now (published), so no duplicate question: straight to the description.
    const second = await describeAndSend(page, 'Cột đèn số 45 Phan Bội Châu bị nghiêng.');
    const officer = await new StaffApi(server.baseUrl).login('can-bo-bmt', PASSWORD);
    await officer.call('POST', `/staff/reports/${second}/accept`, {});
    await officer.call('POST', `/staff/reports/${second}/resolve`, { publicAnswer: 'Đã dựng lại cột đèn.' });
    const dispatcher = await new StaffApi(server.baseUrl).login('dieu-phoi', PASSWORD);
    await dispatcher.call('POST', `/staff/reports/${second}/publish`, { hiddenPhotoIds: [] });
    await visit(page, `/reports/mine/${second}`);
    await page.getByText('Đã dựng lại cột đèn.').first().waitFor();
    await page.getByRole('button', { name: 'Chưa được xử lý' }).click();
    await page.getByLabel('Điều gì chưa được xử lý?').fill('Cột vẫn nghiêng như cũ.');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expectAccessible(page, 'not fixed confirm');
    await page.getByRole('button', { name: 'Xác nhận, mở lại phản ánh' }).click();
    await page.getByText('Mở lại', { exact: true }).first().waitFor();
    const staff = await officer.call<{ status: string; reopenCount: number }>(
      'GET',
      `/staff/reports/${second}`,
    );
    assert.equal(staff.status, 'reopened');
    assert.equal(staff.reopenCount, 1);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });
});
