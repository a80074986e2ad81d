// An Open311 client files a request with the reporter's name, e-mail and landline; the officer of the routed
// agency reads them on the report in the console; the public page of the published result shows the text with
// the phone and the e-mail masked, and none of the contact details.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  visit,
  watchPageErrors,
} from '../support/browser.ts';
import { BMT } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const PASSWORD = 'staff-password-123';
const NAME = { first: 'Hoàng', last: 'Thị Lan' };
const EMAIL = 'hoang.lan@example.vn';
const LANDLINE = '(0262) 385 2123';

describe('Open311 reporter contact: the agency sees it, the public does not', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let code = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const agency = await admin.communeCommittee('24133');
    // A category no default rule covers (commune matters go to the commune's People's Committee by default).
    const categories = await admin.call<{ id: string; code: string }[]>('GET', '/categories');
    const categoryId = categories.find((c) => c.code === 'an-toan-giao-thong')?.id;
    await admin.call('POST', '/routing-rules', { categoryId, communeCode: '24133', agencyId: agency });
    await admin.addStaff({
      username: 'can-bo-bmt',
      fullName: 'Nguyễn Văn Cán Bộ',
      role: 'agency_officer',
      agencyId: agency,
      password: PASSWORD,
    });
    const client = await admin.call<{ apiKey: string }>('POST', '/api-clients', { name: 'Ứng dụng IOC' });
    const res = await fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: client.apiKey,
        service_code: 'an-toan-giao-thong',
        lat: String(BMT.latitude),
        long: String(BMT.longitude),
        address_string: `Trước số 12 Lê Duẩn, gọi ${LANDLINE}`,
        description: `Đèn đường tắt ba đêm. Liên hệ ${EMAIL} hoặc ${LANDLINE}.`,
        first_name: NAME.first,
        last_name: NAME.last,
        email: EMAIL,
        phone: LANDLINE,
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    code = ((await res.json()) as { service_request_id: string }[])[0]?.service_request_id ?? '';
    assert.match(code, /^PA-\d{4}-\d{6}$/);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the officer reads the name, e-mail and phone on the report', async () => {
    const page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    const errors = watchPageErrors(page);
    await visit(page, '/console/');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('can-bo-bmt');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    // Before signing in, the console's session check answers 401 by design; from here on nothing may fail.
    errors.length = 0;
    await visit(page, `/console/reports/${code}`);
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    const contact = page.getByRole('region', { name: 'Liên hệ người phản ánh' });
    const details = contact.getByTestId('reporter-contact');
    await details.waitFor();
    assert.equal(await details.getByRole('definition').nth(0).textContent(), `${NAME.first} ${NAME.last}`);
    assert.equal(await details.getByRole('link', { name: EMAIL }).getAttribute('href'), `mailto:${EMAIL}`);
    assert.equal(await details.getByRole('definition').nth(2).textContent(), 'Ứng dụng IOC');
    assert.equal(await contact.getByTestId('contact-phone').textContent(), '02623852123');
    await contact.getByText('Chỉ cán bộ xử lý xem được; không bao giờ công khai.').waitFor();
    await expectAccessible(page, 'officer detail with Open311 contact');
    assert.deepEqual(errors, []);
  });

  test('once published, the public sees the text masked and no contact detail', async () => {
    const officer = await new StaffApi(server.baseUrl).login('can-bo-bmt', PASSWORD);
    await officer.call('POST', `/staff/reports/${code}/accept`, {});
    await officer.call('POST', `/staff/reports/${code}/resolve`, { publicAnswer: 'Đã thay bóng đèn.' });
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    await admin.call('POST', `/staff/reports/${code}/publish`, {});
    const page = await (await newContext(browser, 'phone', server.baseUrl)).newPage();
    const errors = watchPageErrors(page);
    await visit(page, `/reports/public/${code}`);
    await page.getByText('Đèn đường tắt ba đêm. Liên hệ h***@e***.vn hoặc 026********.').waitFor();
    await page.getByText('Trước số 12 Lê Duẩn, gọi 026********').waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    for (const secret of [EMAIL, NAME.last, '385 2123', '3852123'])
      assert.ok(!text.includes(secret), `the public page shows ${secret}`);
    await expectAccessible(page, 'public result');
    assert.deepEqual(errors, []);
  });
});
