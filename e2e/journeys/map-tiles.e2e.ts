// The map tile service is configuration, not code: the server starts with MAP_TILE_URL naming a small tile server
// on loopback (as a province would name its own or a provider's), and the citizen's public map and the console's
// report map draw their tiles from it, with the configured attribution as a link, without rebuilding the apps.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { StaffApi } from '../support/api.ts';
import { browserUnavailable, expectAccessible, launchBrowser, newContext } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const ATTRIBUTION = '© Bản đồ nền tỉnh (thử nghiệm)';
const DISPATCHER = { username: 'dieu-phoi-ban-do', password: 'staff-password-123' };

describe('map tiles come from the configured tile service', { skip: skip ?? false }, () => {
  let tileServer: Server;
  let tileOrigin = '';
  const tileRequests: string[] = [];
  let server: RunningServer;
  let browser: Browser;
  let code = '';

  before(async () => {
    const png = await sharp({
      create: { width: 256, height: 256, channels: 3, background: { r: 170, g: 210, b: 160 } },
    })
      .png()
      .toBuffer();
    tileServer = createServer((req, res) => {
      tileRequests.push(req.url ?? '');
      if (/^\/nen\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
        res.end(png);
      } else if (req.url === '/ban-quyen') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<!doctype html><html lang="vi"><title>Bản quyền bản đồ</title><p>Điều khoản sử dụng.</p></html>',
        );
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    tileOrigin = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}`;
    server = await startServer({
      MAP_TILE_URL: `${tileOrigin}/nen/{z}/{x}/{y}.png`,
      MAP_TILE_MAX_ZOOM: '18',
      MAP_ATTRIBUTION: ATTRIBUTION,
      MAP_ATTRIBUTION_URL: `${tileOrigin}/ban-quyen`,
    });
    browser = await launchBrowser();

    // One published-or-not report for the console's map: filed as a citizen through the API.
    const citizen = (
      (await (await fetch(`${server.baseUrl}/api/v1/citizen/session`, { method: 'POST' })).json()) as {
        token: string;
      }
    ).token;
    const auth = { authorization: `Bearer ${citizen}` };
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const photo = (await (
      await fetch(`${server.baseUrl}/api/v1/report-photos`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpeg),
      })
    ).json()) as { id: string };
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const categories = await admin.call<{ id: string; code: string }[]>('GET', '/categories');
    const filed = await fetch(`${server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        categoryId: categories.find((c) => c.code === 'khac')?.id,
        photoIds: [photo.id],
        location: { lat: 12.6807, lng: 108.0378, accuracy: 12, source: 'gps' },
        description: 'Biển báo giao thông bị đổ ở ngã sáu.',
        consent: true,
      }),
    });
    assert.equal(filed.status, 201);
    code = ((await filed.json()) as { code: string }).code;
    await admin.addStaff({
      ...DISPATCHER,
      fullName: 'Trần Văn Bản Đồ',
      role: 'dispatcher',
      agencyId: null,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => tileServer?.close(resolve));
  });

  test("the citizen's public map loads tiles from the configured server and links to its attribution", async () => {
    const page = await (await newContext(browser, 'phone', server.baseUrl)).newPage();
    const before = tileRequests.length;
    const tile = page.waitForResponse((r) => r.url().startsWith(`${tileOrigin}/nen/`) && r.status() === 200);
    await page.goto('/reports/public?view=map', { waitUntil: 'domcontentloaded' });
    await tile;
    const loaded = page.locator(`img.leaflet-tile[src^="${tileOrigin}/nen/"]`);
    await loaded.first().waitFor();
    assert.ok(tileRequests.length > before, 'the tile server was asked');
    assert.equal(await page.locator('img[src*="openstreetmap"]').count(), 0);
    const link = page.getByRole('link', { name: ATTRIBUTION });
    assert.equal(await link.getAttribute('href'), `${tileOrigin}/ban-quyen`);
    const opened = page.waitForEvent('popup');
    await link.click();
    const popup = await opened;
    assert.equal(popup.url(), `${tileOrigin}/ban-quyen`, 'the attribution opens its page');
    await popup.close();
    // The tiles were drawn (the CSP allowed the configured host): a loaded image has a size.
    assert.ok(await loaded.first().evaluate((img) => (img as HTMLImageElement).naturalWidth === 256));
    await expectAccessible(page, 'public map with configured tiles');
    await page.context().close();
  });

  test("the console's report map does the same", async () => {
    const page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    await page.goto('/console/', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(DISPATCHER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DISPATCHER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await page.goto(`/console/reports/${code}`, { waitUntil: 'domcontentloaded' });
    const map = page.getByTestId('report-map');
    await map.locator(`img[src^="${tileOrigin}/nen/"]`).first().waitFor();
    const link = page.getByRole('link', { name: ATTRIBUTION });
    assert.equal(await link.getAttribute('href'), `${tileOrigin}/ban-quyen`);
    // MAP_TILE_MAX_ZOOM: zoom in stops at 18 (the report map opens at 16).
    const zoomIn = page.locator('.report-map').getByRole('button', { name: 'Phóng to', exact: true });
    await zoomIn.click();
    await zoomIn.click();
    assert.ok(await zoomIn.isDisabled(), 'no zoom beyond the tile service');
    await expectAccessible(page, 'report map with configured tiles');
  });
});
