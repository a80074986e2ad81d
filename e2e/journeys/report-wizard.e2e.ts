// The report form as an elderly person meets it: a reminder goes away once it no longer applies (a photo is
// added, the marked fields are fixed), the pin map offers one way forward instead of two, "Gửi phản ánh" stays on
// one line on a small phone, and a report sent on to another agency is announced as such, not as "Đã gửi".
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
import { BMT, CATEGORY } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const PASSWORD = 'staff-password-123';

/** This journey provokes no failed answer: any 4xx is a failure. */
const unexpected = (errors: string[]) => unexpectedErrors(errors, []);

describe('report form: reminders, the pin map, the send button, a transfer notice', {
  skip: skip ?? false,
}, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dir: string;
  let photo: string;
  let dispatcher: StaffApi;
  let otherAgency: string;
  let code = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-wizard-'));
    photo = path.join(dir, 'den-duong.jpg');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 90, b: 40 } } })
      .jpeg()
      .toFile(photo);
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    otherAgency = await admin.communeCommittee('24121');
    await admin.addStaff({
      username: 'dieu-phoi-wizard',
      fullName: 'Trần Thị Điều Phối',
      role: 'dispatcher',
      agencyId: null,
      password: PASSWORD,
    });
    dispatcher = await new StaffApi(server.baseUrl).login('dieu-phoi-wizard', PASSWORD);
    context = await newContext(browser, 'phone', server.baseUrl, {
      geolocation: BMT,
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('"add at least one photo" goes away as soon as a photo is added', async () => {
    await visit(page, '/reports/new');
    await page.getByRole('button', { name: CATEGORY }).click();
    await page.getByRole('heading', { level: 2, name: 'Chụp ảnh hiện trường' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const reminder = page.getByRole('alert').filter({ hasText: 'Bạn cần ít nhất 1 ảnh.' });
    await reminder.waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    await (await chooser).setFiles([photo]);
    await page.getByText('Đã tải lên').waitFor();
    assert.equal(await reminder.count(), 0, 'the reminder is gone next to the uploaded photo');
  });

  test('with the pin map open, its own button is the only way forward', async () => {
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vị trí sự việc' }).waitFor();
    await page.getByText(/Đã xác định vị trí/).waitFor();
    await page.getByRole('button', { name: 'Chỉnh trên bản đồ' }).click();
    await page.getByRole('heading', { level: 3, name: 'Đặt ghim vào nơi xảy ra sự việc' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Tiếp tục' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Bước trước' }).count(), 0);
    await expectAccessible(page, 'pin map');
    await page.getByRole('button', { name: 'Dùng vị trí ghim này' }).click();
    await page.getByText('Do bạn chọn').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  });

  test('the summary reminder goes once the marked fields are right; "Gửi phản ánh" fits on one line', async () => {
    await page.getByRole('heading', { level: 2, name: 'Mô tả sự việc' }).waitFor();
    // The text may become public: the form says so where it is typed (and read out with the field).
    const privacy =
      'Nội dung này có thể được công khai: đừng ghi họ tên, số điện thoại hay thư điện tử vào đây.';
    await page.getByText(privacy).first().waitFor();
    assert.equal(await page.getByText(privacy).count(), 2, 'under the description and under the address');
    assert.match(
      (await page.getByLabel('Mô tả sự việc (bắt buộc)').getAttribute('aria-describedby')) ?? '',
      /report-description-privacy/,
    );
    assert.match(
      (await page.getByLabel('Địa chỉ, nơi xảy ra (không bắt buộc)').getAttribute('aria-describedby')) ?? '',
      /report-address-privacy/,
    );
    const send = page.getByRole('button', { name: 'Gửi phản ánh' });
    const box = await send.boundingBox();
    assert.ok(box && box.height <= 60, `one line of text (${box?.height} px high)`);
    await send.click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bạn hãy xem lại các mục được đánh dấu.' });
    await summary.waitFor();
    await page.getByLabel('Mô tả sự việc (bắt buộc)').fill('Cột đèn số 7 bị nghiêng sau cơn mưa, có thể đổ.');
    assert.equal(await summary.count(), 1, 'the consent box is still unticked');
    await page.getByLabel('Tôi cam kết thông tin là đúng sự thật').check();
    await summary.waitFor({ state: 'detached' });
    await send.click();
    await page.getByRole('heading', { level: 2, name: 'Đã gửi phản ánh' }).waitFor();
    code = (await page.getByTestId('report-code').textContent())?.trim() ?? '';
    assert.match(code, /^PA-\d{4}-\d{6}$/);
  });

  test('sent on to another agency, the notification says so (not "Đã gửi")', async () => {
    await dispatcher.call('POST', `/staff/reports/${code}/transfer`, {
      agencyId: otherAgency,
      reason: 'Thuộc địa bàn phường Tân Lập.',
    });
    const notice = `Phản ánh ${code}: Chuyển cho đơn vị khác xử lý`;
    // The outbox job delivers within seconds; the page shows what has arrived when it opens.
    for (let tries = 0; ; tries++) {
      await visit(page, '/reports/notifications');
      if ((await page.getByText(notice, { exact: true }).count()) > 0) break;
      assert.ok(tries < 20, 'the transfer notification arrived');
      await page.waitForTimeout(1_000);
    }
    assert.equal(await page.getByText(`Phản ánh ${code}: Đã gửi`, { exact: true }).count(), 0);
    assert.deepEqual(unexpected(errors), []);
  });
});
