// A dispatcher works in the report inbox with a row ticked; citizens file reports through the API meanwhile. The
// new report appears in the open inbox by itself (Server-Sent Events), with a count of new ones, and the ticked
// row, the filters and the page stay as they were.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { StaffApi } from '../support/api.ts';
import { browserUnavailable, expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const DISPATCHER = { username: 'dieu-phoi-live', password: 'staff-password-123' };
/** Ngã Sáu Ban Mê, Phường Buôn Ma Thuột. */
const BMT = { lat: 12.6807, lng: 108.0378 };

describe('report inbox: new reports appear by themselves', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: { text: string; url: string }[] = [];
  let citizen = '';
  let categoryId = '';
  let jpeg: Buffer;
  const codes: string[] = [];

  /** Files a report as a citizen through the public API, as the app does; returns its code. */
  async function fileReport(description: string): Promise<string> {
    const auth = { authorization: `Bearer ${citizen}` };
    const photo = await fetch(`${server.baseUrl}/api/v1/report-photos`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    });
    assert.equal(photo.status, 201, await photo.clone().text());
    const res = await fetch(`${server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        categoryId,
        photoIds: [((await photo.json()) as { id: string }).id],
        location: { ...BMT, accuracy: 12, source: 'gps' },
        description,
        consent: true,
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return (JSON.parse(text) as { code: string }).code;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    jpeg = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 90, b: 90 } },
    })
      .jpeg()
      .toBuffer();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    await admin.addStaff({
      ...DISPATCHER,
      fullName: 'Lê Thị Điều Phối',
      role: 'dispatcher',
      agencyId: null,
    });
    const categories = await admin.call<{ id: string; code: string }[]>('GET', '/categories');
    categoryId = categories.find((c) => c.code === 'khac')?.id ?? '';
    const session = await fetch(`${server.baseUrl}/api/v1/citizen/session`, { method: 'POST' });
    citizen = ((await session.json()) as { token: string }).token;
    codes.push(await fileReport('Cây xanh gãy đổ chắn lối đi bộ trên đường Lê Duẩn.'));
    codes.push(await fileReport('Nắp cống bị vỡ trước chợ, rất nguy hiểm cho xe máy.'));

    page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location().url });
    });
    page.on('pageerror', (err) => errors.push({ text: err.message, url: '' }));
    await page.goto('/console/', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(DISPATCHER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DISPATCHER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a report filed while the inbox is open appears in it, counted as new, and the ticked row stays ticked', async () => {
    const streamed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/staff/reports/stream',
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Phản ánh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh' }).waitFor();
    const inbox = page.getByTestId('inbox');
    await inbox.getByRole('link', { name: codes[1] }).waitFor();
    assert.equal((await streamed).status(), 200);
    const older = page.getByLabel(`Chọn phản ánh ${codes[0]}`, { exact: true });
    await older.check();
    await page.getByText('Đã chọn: 1').waitFor();

    const filed = await fileReport('Đèn tín hiệu giao thông ở ngã tư không hoạt động từ sáng.');
    // Wait for it (no reload, no click): it comes through the stream.
    await inbox.getByRole('link', { name: filed }).waitFor();
    await page.getByRole('status').getByText('1 phản ánh mới').waitFor();
    assert.ok(await older.isChecked(), 'the ticked row is still ticked');
    await page.getByText('Đã chọn: 1').waitFor();
    await expectAccessible(page, 'inbox with a new report');

    await page.getByRole('button', { name: 'Đã xem' }).click();
    await page.getByText('1 phản ánh mới').waitFor({ state: 'detached' });
    // The next one counts from there.
    const another = await fileReport('Rác thải đổ trộm ven suối cạnh cầu.');
    await inbox.getByRole('link', { name: another }).waitFor();
    await page.getByRole('status').getByText('1 phản ánh mới').waitFor();
    assert.ok(await older.isChecked());
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
