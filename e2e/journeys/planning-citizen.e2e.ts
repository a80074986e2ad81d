// A citizen opens "Tra cứu quy hoạch" on a phone after the embedded first start: the sample plan of a ward of
// Buôn Ma Thuột shows on the map, labelled as sample data; a tap tells the zone's code, name, colour and the
// approving decision (as the API says for that very point); a parcel is found by commune, map sheet and number;
// "Vị trí của tôi" looks up where the phone is; zoomed out, the page asks to zoom in. Axe-clean throughout, and
// laid out at 360, 390 and 412 px with normal and large text. The sample is offered on the embedded database
// only, so this server runs on PGlite whatever database the rest of the run uses.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanningParcel, PlanningPointResult, PublicPlanningDataset } from '@dltt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const NOTICE = 'Thông tin chỉ để tham khảo. Căn cứ pháp lý là quyết định phê duyệt quy hoạch.';

/** `#rrggbb` as the browser writes a computed colour. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

describe('planning lookup on a phone (the sample plan of the embedded first start)', {
  skip: skip ?? false,
}, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let zoning: PublicPlanningDataset;
  let cadastral: PublicPlanningDataset;
  /** A parcel of the sample cadastral layer and a point inside it. */
  let parcel: PlanningParcel;
  let parcelPoint: { lat: number; lon: number };
  const problems: string[] = [];

  const api = async <T>(pathname: string): Promise<T> => {
    const res = await fetch(`${server.baseUrl}/api/v1${pathname}`);
    assert.equal(res.status, 200, pathname);
    return (await res.json()) as T;
  };
  const lookup = (lat: number, lon: number) =>
    api<PlanningPointResult>(`/planning/lookup?lat=${lat}&lon=${lon}`);
  const sheet = () => page.getByTestId('planning-sheet');
  const layout = async (label: string) => {
    await page.waitForLoadState('networkidle');
    problems.push(...(await phoneLayoutProblems(page, label)));
  };

  before(async () => {
    server = await startServer({}, { dataDir: await mkdtemp(path.join(tmpdir(), 'dltt-e2e-planning-')) });
    browser = await launchBrowser();
    const datasets = await api<PublicPlanningDataset[]>('/planning/datasets');
    const sampleOf = (kind: string) => datasets.find((d) => d.sample && d.kind === kind);
    zoning = sampleOf('construction_zoning') as PublicPlanningDataset;
    cadastral = sampleOf('cadastral') as PublicPlanningDataset;
    assert.ok(zoning?.extent && cadastral?.extent, 'the first start offers the sample plan and its parcels');
    // A point on a parcel: the first of a grid over the cadastral layer where the lookup finds one.
    const [w, s, e, n] = cadastral.extent;
    search: for (let i = 1; i < 8; i++)
      for (let j = 1; j < 8; j++) {
        const at = { lat: s + ((n - s) * i) / 8, lon: w + ((e - w) * j) / 8 };
        const found = await lookup(at.lat, at.lon);
        if (found.parcel && found.results.some((r) => r.zones.length > 0)) {
          parcel = found.parcel;
          parcelPoint = at;
          break search;
        }
      }
    assert.ok(parcel, 'a parcel under a zone in the sample');
    context = await newContext(browser, 'phone', server.baseUrl, {
      geolocation: { latitude: parcelPoint.lat, longitude: parcelPoint.lon, accuracy: 10 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the home tile opens the planning map; the sample layer shows, labelled as sample data', async () => {
    await visit(page, '/');
    const overlay = page.waitForResponse(
      (r) => r.url().includes(`/planning/datasets/${zoning.id}/features?`) && r.status() === 200,
    );
    await page.getByRole('link', { name: 'Tra cứu quy hoạch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu quy hoạch', exact: true }).waitFor();
    const answer = (await (await overlay).json()) as { features: unknown[]; zoomIn: boolean };
    assert.equal(answer.zoomIn, false, 'the map opens on the plan at a zoom that shows it');
    assert.ok(answer.features.length > 0, 'the zones of the view came');
    const current = page.getByTestId('planning-current');
    await current.getByText(zoning.name).waitFor();
    await current.getByText('Dữ liệu mẫu', { exact: true }).waitFor();
    await page.getByText(NOTICE).waitFor();
    // Drawn on the canvas renderer, in the overlay pane.
    await page.locator('.leaflet-overlay-pane canvas').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'planning map');
    for (const name of ['Lớp quy hoạch', 'Chú giải', 'Tìm thửa đất', 'Vị trí của tôi', 'Phóng to bản đồ']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      assert.ok(box && box.width >= 48 && box.height >= 48, `${name}: a touch target of at least 48 px`);
    }
    await layout('planning map');
  });

  test('the legend lists the codes on screen with their names; the layer switch lists both sample layers', async () => {
    await page.getByRole('button', { name: 'Chú giải', exact: true }).click();
    const legend = page.getByTestId('planning-legend');
    await legend.waitFor();
    const items = await legend.locator('li').allTextContents();
    assert.ok(items.length > 0, 'codes on screen');
    assert.ok(
      items.every((t) => /^[A-Z]{2,4} \S/.test(t)),
      `each code with its name: ${items.join(' | ')}`,
    );
    await expectAccessible(page, 'legend');
    await page.getByRole('button', { name: 'Lớp quy hoạch', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Chọn lớp quy hoạch' }).waitFor();
    const layers = page.locator('.planning-layers li');
    assert.equal(await layers.count(), 2);
    for (const d of [zoning, cadastral])
      await layers.filter({ hasText: d.name }).getByText('Dữ liệu mẫu', { exact: true }).waitFor();
    assert.equal(
      await page.locator('.planning-layer').filter({ hasText: zoning.name }).getAttribute('aria-pressed'),
      'true',
    );
    await expectAccessible(page, 'layers');
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  });

  test('a tap on a zone tells its code, name, colour and the approving decision', async () => {
    const map = page.locator('.map-surface');
    const box = await map.boundingBox();
    assert.ok(box);
    const answered = page.waitForResponse((r) => r.url().includes('/planning/lookup?') && r.status() === 200);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const shown = (await (await answered).json()) as PlanningPointResult;
    await sheet().getByRole('heading', { level: 2, name: 'Quy hoạch tại nơi bạn chọn' }).waitFor();
    // The sheet says what the API says for the same point.
    const expected = await lookup(shown.lat, shown.lon);
    const result = expected.results.find((r) => r.dataset.id === zoning.id);
    const zone = result?.zones[0];
    assert.ok(zone, 'the middle of the sample plan is in a zone');
    const card = sheet().getByTestId('planning-zone').filter({ hasText: zone.code }).first();
    await card.getByText(zone.code, { exact: true }).waitFor();
    if (zone.codeName) await card.getByText(zone.codeName).waitFor();
    if (zone.name) await card.getByText(zone.name).waitFor();
    assert.equal(
      await card.locator('.planning-swatch').evaluate((el) => getComputedStyle(el).backgroundColor),
      rgb(zone.color),
    );
    await sheet().getByText('Quyết định phê duyệt').first().waitFor();
    if (result.dataset.decision) await sheet().getByText(result.dataset.decision.number).first().waitFor();
    await sheet().getByText(NOTICE).waitFor();
    await page.locator('.planning-pin').waitFor();
    await expectAccessible(page, 'tap result');
    await layout('tap result');
  });

  test('a parcel is found by commune, map sheet and number; an unknown one is said so', async () => {
    await page.getByRole('button', { name: 'Tìm thửa đất', exact: true }).click();
    await page.getByLabel('Xã, phường').selectOption(parcel.communeCode);
    await page.getByLabel('Số tờ bản đồ').fill(parcel.sheet);
    await page.getByLabel('Số thửa').fill('99999');
    const form = page.locator('form.planning-search');
    await form.getByRole('button', { name: 'Tìm thửa đất' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy thửa đất này' }).waitFor();
    await expectAccessible(page, 'parcel not found');
    await page.getByLabel('Số thửa').fill(parcel.parcelNo);
    await form.getByRole('button', { name: 'Tìm thửa đất' }).click();
    const found = page.getByTestId('planning-parcel');
    await found
      .getByRole('heading', { name: `Thửa đất số ${parcel.parcelNo}, tờ bản đồ số ${parcel.sheet}` })
      .waitFor();
    await sheet().getByText('Phần thửa đất trong khu').first().waitFor();
    await expectAccessible(page, 'parcel');
    await layout('parcel');
  });

  test('"Vị trí của tôi" looks up where the phone is', async () => {
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
    const answered = page.waitForResponse((r) => r.url().includes('/planning/lookup?') && r.status() === 200);
    await page.getByRole('button', { name: 'Vị trí của tôi', exact: true }).click();
    const at = new URL((await answered).url()).searchParams;
    assert.ok(Math.abs(Number(at.get('lat')) - parcelPoint.lat) < 1e-6);
    assert.ok(Math.abs(Number(at.get('lon')) - parcelPoint.lon) < 1e-6);
    await sheet().getByText(`Thửa đất số ${parcel.parcelNo}, tờ bản đồ số ${parcel.sheet}`).waitFor();
  });

  test('without a pointer, Enter on the focused map looks up its middle', async () => {
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
    const answered = page.waitForResponse((r) => r.url().includes('/planning/lookup?') && r.status() === 200);
    await page.getByRole('group', { name: /^Bản đồ quy hoạch/ }).focus();
    await page.keyboard.press('Enter');
    await answered;
    await sheet().getByRole('heading', { level: 2, name: 'Quy hoạch tại nơi bạn chọn' }).waitFor();
  });

  test('zoomed out of the plan, the page asks to zoom in', async () => {
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
    const zoomOut = page.getByRole('button', { name: 'Thu nhỏ bản đồ', exact: true });
    const ask = page.getByText('Phóng to để xem quy hoạch');
    // One step per tap, each after the last zoom's animation (Leaflet drops a zoom asked for during one).
    for (let i = 0; i < 10 && !(await ask.isVisible()); i++) {
      await zoomOut.click();
      await page.waitForTimeout(400);
    }
    await ask.waitFor();
    await expectAccessible(page, 'zoomed out');
  });

  test('no page error; every word whole and nothing wider than the screen', () => {
    assert.deepEqual(
      unexpectedErrors(errors, [{ status: 404, method: 'GET', path: '/api/v1/planning/parcels' }]),
      [],
    );
    assert.deepEqual(problems, []);
  });
});
