// A planning officer of the construction department publishes an approved plan: describes the dataset, uploads its
// zipped Shapefile (VN-2000 TM-3 108°30', a .dbf in TCVN3 without a .cpg), sees from the preview that the encoding
// must be TCVN3, checks the column mapping, reads the validation report and publishes; a citizen standing in one of
// its zones then taps "Vị trí của tôi" in "Tra cứu quy hoạch" and reads that zone's code, name, colour and decision.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BMT, sampleZones, shapefileZipOf } from '../../apps/server/src/testing/planning-fixtures.ts';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  unexpectedErrors,
  watchPageErrors,
} from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();

/** The server's default VN-2000 → WGS84 shift (config PLANNING_VN2000_TOWGS84). */
const TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';
const OFFICER = {
  username: 'quy-hoach-1',
  password: 'planning-password-123',
  fullName: 'Nguyễn Thị Quy Hoạch',
};
const DATASET = 'Quy hoạch phân khu phường Tân Lập';

describe('console: a planning officer imports a zipped Shapefile and publishes it', {
  skip: skip ?? false,
}, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let zip: Buffer;

  before(async () => {
    server = await startServer();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const agencies = await admin.call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/agencies?page=1&pageSize=5&q=${encodeURIComponent('Sở Xây dựng')}`,
    );
    const agency = agencies.items.find((a) => a.name === 'Sở Xây dựng');
    assert.ok(agency, 'the construction department is seeded');
    await admin.addStaff({ ...OFFICER, role: 'planning_officer', agencyId: agency.id });
    zip = await shapefileZipOf(sampleZones(), {
      crs: 'EPSG:9218',
      encoding: 'tcvn3',
      cpg: false,
      towgs84: TOWGS84,
    });
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    errors = watchPageErrors(page);
    await page.goto('/console/', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(OFFICER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the officer describes the dataset; it belongs to their department', async () => {
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.equal(
      await nav.getByRole('link', { name: 'Mã loại đất' }).count(),
      0,
      'the dictionary is for admins',
    );
    await nav.getByRole('link', { name: 'Dữ liệu quy hoạch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dữ liệu quy hoạch' }).waitFor();
    // A first start ships a sample plan of the department (when seeded): marked, and removable by an admin only.
    await page
      .getByRole('table')
      .or(page.getByText('Chưa có bộ dữ liệu quy hoạch nào.', { exact: false }))
      .waitFor();
    for (const row of await page.getByRole('row').filter({ hasText: 'Dữ liệu mẫu —' }).all())
      await row.getByText('Dữ liệu mẫu', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Xóa dữ liệu mẫu', exact: true }).count(), 0);
    await expectAccessible(page, 'dataset list');

    await page.getByRole('button', { name: 'Thêm bộ dữ liệu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm bộ dữ liệu quy hoạch' });
    assert.equal(
      await dialog.getByLabel('Đơn vị quản lý').count(),
      0,
      'an officer does not choose the agency',
    );
    await dialog.getByLabel('Tên bộ dữ liệu').fill(DATASET);
    await dialog.getByLabel('Loại quy hoạch').selectOption({ label: 'Quy hoạch phân khu' });
    await dialog.getByLabel('Số quyết định').fill('1234/QĐ-UBND');
    await dialog.getByLabel('Ngày ban hành').fill('2025-03-05');
    await dialog.getByLabel('Cơ quan phê duyệt').fill('UBND tỉnh Đắk Lắk');
    await dialog.getByLabel('Tỷ lệ bản đồ').fill('1/2000');
    await dialog.getByLabel('Lọc danh sách xã, phường').fill('tan lap');
    await dialog.getByRole('checkbox', { name: 'Tân Lập' }).check();
    await dialog.getByText('Đã chọn 1 xã, phường.').waitFor();
    await expectAccessible(page, 'new dataset dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    await page.getByRole('heading', { level: 1, name: DATASET }).waitFor();
    await page.getByText(`Đã thêm bộ dữ liệu “${DATASET}”.`, { exact: false }).waitFor();
    const details = page.getByTestId('dataset-details');
    await details.getByText('Số 1234/QĐ-UBND ngày 05/03/2025 — UBND tỉnh Đắk Lắk').waitFor();
    await details.getByText('Tân Lập', { exact: true }).waitFor();
    await page.getByText('Chưa có dữ liệu nào được công bố.', { exact: false }).waitFor();
    await expectAccessible(page, 'dataset page before any import');
  });

  test('upload, then the preview shows which encoding reads the Vietnamese text', async () => {
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { level: 2, name: /Chọn tệp/ }).waitFor();
    await expectAccessible(page, 'import: choose a file');
    await page.getByTestId('planning-file').setInputFiles({
      name: 'tan-lap-phan-khu.zip',
      mimeType: 'application/zip',
      buffer: zip,
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();

    const detected = page.getByTestId('planning-detected');
    await detected.waitFor();
    // Each new step takes the focus to its heading, so a keyboard or screen reader user is told where they are.
    await page.locator('[data-testid="planning-step"]:focus').getByText('Hệ tọa độ và bảng mã').waitFor();
    await detected.getByText('zones.shp, zones.shx, zones.dbf, zones.prj').waitFor();
    await detected.getByText('MADAT, TEN, TANG, MATDO').waitFor();
    const crs = page.getByLabel('Hệ tọa độ');
    assert.equal(await crs.inputValue(), 'EPSG:9218', 'the .prj names VN-2000 TM-3 108°30′');
    await page.getByText('Theo tệp .prj: VN-2000 TM-3, kinh tuyến trục 108°30′ (Đắk Lắk).').waitFor();

    // No .cpg: the officer must choose, and the preview shows what each choice reads.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const encoding = page.getByLabel('Bảng mã tiếng Việt của tệp .dbf');
    assert.equal(await encoding.getAttribute('aria-invalid'), 'true');
    const preview = page.getByTestId('planning-preview');
    await encoding.selectOption('windows-1258');
    await preview.getByRole('cell', { name: 'ODT' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await preview.getByRole('cell', { name: 'Đất ở tại đô thị' }).count(), 0, 'wrong encoding');
    await encoding.selectOption('tcvn3');
    await preview.getByRole('cell', { name: 'Đất ở tại đô thị', exact: true }).waitFor();
    await preview.getByRole('cell', { name: 'Đất thương mại, dịch vụ', exact: true }).waitFor();
    await expectAccessible(page, 'import: coordinate system and encoding');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
  });

  test('the column mapping is guessed from the column names; the check runs and reports', async () => {
    const mapping = page.getByTestId('planning-mapping');
    await mapping.waitFor();
    await page.locator('[data-testid="planning-step"]:focus').getByText('Ghép cột dữ liệu').waitFor();
    assert.equal(await mapping.getByLabel('Mã loại đất').inputValue(), 'MADAT');
    assert.equal(await mapping.getByLabel('Tên khu, ô đất').inputValue(), 'TEN');
    assert.equal(await mapping.getByLabel('Tầng cao tối đa').inputValue(), 'TANG');
    assert.equal(await mapping.getByLabel('Mật độ xây dựng (%)').inputValue(), 'MATDO');
    await mapping.getByRole('cell', { name: 'Đất ở tại đô thị', exact: true }).waitFor();
    await expectAccessible(page, 'import: column mapping');
    await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();

    const report = page.getByTestId('planning-report');
    await report.waitFor({ timeout: 60_000 });
    const total = (label: string) =>
      report.locator('div').filter({ has: page.getByText(label, { exact: true }) });
    assert.equal(await total('Tổng số đối tượng').locator('dd').textContent(), '4');
    assert.equal(await total('Hợp lệ (sẽ công bố)').locator('dd').textContent(), '4');
    assert.equal(await total('Lỗi (chặn công bố)').locator('dd').textContent(), '0');
    assert.equal(await total('Hình học đã được sửa tự động').locator('dd').textContent(), '1');
    await page
      .getByTestId('planning-issues')
      .getByRole('row')
      .filter({ hasText: 'Hình học tự cắt hoặc lỗi, đã sửa tự động' })
      .getByRole('cell', { name: '3', exact: true })
      .waitFor();
    await page.getByText('Chưa có gì được công bố.', { exact: false }).waitFor();
    await expectAccessible(page, 'import: validation report');
  });

  test('publishing asks first, then the dataset shows its live data and citizens can find it', async () => {
    await page.getByRole('button', { name: 'Công bố' }).click();
    const confirm = page.getByRole('dialog', { name: 'Công bố dữ liệu này?' });
    await confirm.getByText('sẽ thay thế toàn bộ dữ liệu đang công bố', { exact: false }).waitFor();
    await expectAccessible(page, 'import: publish confirmation');
    await confirm.getByRole('button', { name: 'Công bố' }).click();
    await page.getByTestId('planning-published').getByText('đang được công bố', { exact: false }).waitFor();
    await expectAccessible(page, 'import: published');

    await page.getByRole('link', { name: 'Về trang bộ dữ liệu' }).last().click();
    const live = page.getByTestId('dataset-live');
    await live.waitFor();
    await live.getByText('tan-lap-phan-khu.zip').waitFor();
    await page.getByRole('row').filter({ hasText: 'tan-lap-phan-khu.zip' }).getByText('Đã công bố').waitFor();
    await expectAccessible(page, 'dataset page with live data');

    const published = (await (await fetch(`${server.baseUrl}/api/v1/planning/datasets`)).json()) as {
      name: string;
      featureCount: number;
    }[];
    assert.deepEqual(
      published.filter((d) => d.name === DATASET).map((d) => d.featureCount),
      [4],
    );
    assert.deepEqual(
      unexpectedErrors(errors, [{ status: 401, method: 'GET', path: '/api/v1/auth/session' }]),
      [],
    );
  });

  test("a citizen in the plan's residential zone looks it up on the phone: code, name, colour and decision", async () => {
    // Inside the first fixture zone (ODT, a square from BMT 0.006° wide), away from its hole.
    const here = { latitude: BMT.lat + 0.001, longitude: BMT.lon + 0.001, accuracy: 10 };
    const phone = await newContext(browser, 'phone', server.baseUrl, {
      geolocation: here,
      permissions: ['geolocation'],
    });
    try {
      const citizen = await phone.newPage();
      const citizenErrors = watchPageErrors(citizen);
      await citizen.goto('/');
      await citizen.getByRole('link', { name: /Tra cứu quy hoạch/ }).click();
      await citizen.getByRole('heading', { level: 1, name: 'Tra cứu quy hoạch' }).waitFor();
      // The plan just published is one of the layers; choose it.
      await citizen.getByRole('button', { name: 'Lớp quy hoạch', exact: true }).click();
      await citizen.locator('.planning-layer').filter({ hasText: DATASET }).click();
      const answered = citizen.waitForResponse((r) => r.url().includes('/planning/lookup?') && r.ok());
      await citizen.getByRole('button', { name: 'Vị trí của tôi', exact: true }).click();
      await answered;
      const sheet = citizen.getByTestId('planning-sheet');
      const card = sheet
        .locator('section, article, div')
        .filter({ has: citizen.getByText(DATASET) })
        .getByTestId('planning-zone')
        .filter({ hasText: 'ODT' })
        .first();
      await card.getByText('ODT', { exact: true }).waitFor();
      await card.getByText('Đất ở tại đô thị').first().waitFor();
      const odt = (
        (await (await fetch(`${server.baseUrl}/api/v1/land-use-codes`)).json()) as {
          code: string;
          color: string;
        }[]
      ).find((c) => c.code === 'ODT');
      assert.ok(odt);
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(odt.color.slice(i, i + 2), 16));
      assert.equal(
        await card.locator('.planning-swatch').evaluate((el) => getComputedStyle(el).backgroundColor),
        `rgb(${r}, ${g}, ${b})`,
      );
      await sheet.getByText('1234/QĐ-UBND').first().waitFor();
      await expectAccessible(citizen, 'citizen: the published plan at their place');
      assert.deepEqual(unexpectedErrors(citizenErrors, []), []);
    } finally {
      await phone.close();
    }
  });
});
