// A fresh install, as the province's administrator first meets it: the console's home lists what to do before
// opening to the public, each step linking to its screen and ticked by the server once done. The routing step
// leads to the rules the installation created (each ward's urban-infrastructure reports to its People's Committee).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { StaffApi } from '../support/api.ts';
import { browserUnavailable, expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();

describe('console: the first-run checklist on the administrator’s home', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: StaffApi;
  const errors: { text: string; url: string }[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const password = await server.adminPassword();
    admin = await new StaffApi(server.baseUrl).login('admin', password);
    page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location().url });
    });
    page.on('pageerror', (err) => errors.push({ text: err.message, url: '' }));
    await page.goto('/console/', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every step is still to do; the routing step opens the rules the installation created', async () => {
    const setup = page.getByRole('region', { name: 'Bắt đầu sử dụng hệ thống' });
    await setup.getByText('Còn 5 việc cần làm để đưa hệ thống vào sử dụng.').waitFor();
    for (const step of ['routing', 'centres', 'calendar', 'zalo', 'staff']) {
      await page.getByTestId(`setup-${step}`).getByText('Chưa xong').waitFor();
    }
    await expectAccessible(page, 'home with the first-run checklist');

    await setup.getByRole('link', { name: 'Kiểm tra quy tắc chuyển xử lý' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quy tắc chuyển xử lý' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Hạ tầng đô thị (điện, nước, chiếu sáng)' })
      .filter({ hasText: 'Phường Buôn Ma Thuột' });
    await row.getByRole('cell', { name: 'UBND phường Buôn Ma Thuột', exact: true }).waitFor();
  });

  test('a step ticks itself once the work is done (a staff account), the others stay to do', async () => {
    await admin.addStaff({
      username: 'dieu-phoi-1',
      fullName: 'Lê Thị Điều Phối',
      role: 'dispatcher',
      agencyId: null,
      password: 'staff-password-123',
    });
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Trang chủ' })
      .click();
    await page.getByTestId('setup-staff').getByText('Đã xong').waitFor();
    await page.getByTestId('setup-zalo').getByText('Chưa xong').waitFor();
    await page.getByText('Còn 4 việc cần làm để đưa hệ thống vào sử dụng.').waitFor();
    await expectAccessible(page, 'home with one step done');
  });

  test('no script errors besides the sign-in page asking who is signed in (401 before signing in)', () => {
    const expected = (e: { text: string; url: string }) =>
      /status of 401/.test(e.text) && new URL(e.url || 'about:blank').pathname === '/api/v1/auth/session';
    assert.deepEqual(
      errors.filter((e) => !expected(e)),
      [],
    );
  });
});
