// The administrator sets up Zalo delivery in the console: the channel, the approved ZNS template ids (checked
// before saving), and reads the delivery log (empty at first). The settings survive a reload.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  visit,
  watchPageErrors,
} from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();

describe('console: Zalo notification settings', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    errors = watchPageErrors(page);
    await visit(page, '/console/');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(await server.adminPassword());
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    // The session check before signing in answers 401, as it should; only what follows counts.
    errors.length = 0;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the admin chooses ZNS, enters template ids (a wrong one is refused) and sees an empty log', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Thông báo qua Zalo' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo qua Zalo' }).waitFor();
    // Without ZALO_APP_ID / ZALO_APP_SECRET on the server, the page says so.
    await page.getByText('Chưa cấu hình trên máy chủ (ZALO_APP_ID, ZALO_APP_SECRET)').waitFor();
    await page.getByText('Chưa có thông báo nào cần gửi qua Zalo.').waitFor();
    await expectAccessible(page, 'zalo settings');

    await page.getByLabel('Kênh gửi').selectOption('zns');
    await page.getByLabel('Mã mẫu ZNS: cập nhật phản ánh').fill('abc');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Mã mẫu ZNS chỉ gồm chữ số (tối đa 20 số).').waitFor();

    await page.getByLabel('Mã mẫu ZNS: cập nhật phản ánh').fill('301234');
    await page.getByLabel('Mã mẫu ZNS: mời đến quầy').fill('301236');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu thay đổi.').waitFor();
    // The kind left without a template is named as not sent.
    await page.getByText('Loại thông báo chưa có mã mẫu ZNS sẽ không được gửi qua Zalo').waitFor();
    await expectAccessible(page, 'zalo settings saved');

    await page.reload({ waitUntil: 'networkidle' });
    assert.equal(await page.getByLabel('Kênh gửi').inputValue(), 'zns');
    assert.equal(await page.getByLabel('Mã mẫu ZNS: cập nhật phản ánh').inputValue(), '301234');
    assert.equal(await page.getByLabel('Mã mẫu ZNS: sắp đến lượt').inputValue(), '');
    assert.equal(await page.getByLabel('Mã mẫu ZNS: mời đến quầy').inputValue(), '301236');
    assert.deepEqual(errors, []);
  });
});
