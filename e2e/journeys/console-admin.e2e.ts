// An administrator's first day: sign in with the generated password, set up an agency and an officer;
// the officer signs in and sees only what their role allows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  browserUnavailable,
  expectAccessible,
  launchBrowser,
  newContext,
  unexpectedErrors,
  visit,
  watchPageErrors,
} from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();

/** The failed answers this journey provokes: the session check before sign-in, a wrong password. */
const unexpected = (errors: string[]) =>
  unexpectedErrors(errors, [
    { status: 401, method: 'GET', path: '/api/v1/auth/session' },
    { status: 401, method: 'POST', path: '/api/v1/auth/login' },
  ]);

const MUST_CHANGE = 'Mật khẩu hiện tại do người khác đặt hoặc do hệ thống tạo.';

/**
 * Signs in with a password someone else set: the console shows the password change alone (no menu, no page
 * behind it) until it is replaced by `ownPassword`; then the home page opens.
 */
async function signInFirstTime(page: Page, username: string, password: string, ownPassword: string) {
  await visit(page, '/console/');
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
  await page.getByText(MUST_CHANGE, { exact: false }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count(), 0, 'no menu yet');
  await expectAccessible(page, `first sign-in of ${username}`);
  // An address typed by hand leads to the same form: nothing else answers before the change.
  await visit(page, '/console/staff');
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill(password);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(ownPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(ownPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  await visit(page, '/console/');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  await expectAccessible(page, `home of ${username}`);
}

describe('staff console', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    errors = watchPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a wrong password is refused with a clear message', async () => {
    await visit(page, '/console/');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await expectAccessible(page, 'login error');
  });

  test('the admin signs in with the generated password, must replace it, then sees the admin menu', async () => {
    await signInFirstTime(page, 'admin', await server.generatedAdminPassword(), 'admin-own-password-1');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const item of ['Trang chủ', 'Cán bộ', 'Cơ quan, đơn vị', 'Lĩnh vực', 'Nhật ký thao tác']) {
      await nav.getByRole('link', { name: item }).waitFor();
    }
    // The first admin's name is the role's name: the header says it once.
    assert.equal(await page.getByRole('banner').getByText('Quản trị hệ thống', { exact: true }).count(), 1);
    assert.equal(await page.getByText(MUST_CHANGE, { exact: false }).count(), 0, 'replaced: no reminder');
  });

  test('the admin creates an agency', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Cơ quan, đơn vị' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cơ quan, đơn vị' }).waitFor();
    await expectAccessible(page, 'agencies');
    await page.getByRole('button', { name: 'Thêm cơ quan, đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mã đơn vị', { exact: true }).fill('ban-dan-toc-e2e');
    await dialog.getByLabel('Tên cơ quan, đơn vị', { exact: true }).fill('Ban Dân tộc thử nghiệm');
    await dialog.getByLabel('Loại đơn vị', { exact: true }).selectOption('other');
    await expectAccessible(page, 'agency form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel('Tìm theo tên', { exact: true }).fill('ban dan toc thu');
    await page.getByRole('cell', { name: 'Ban Dân tộc thử nghiệm', exact: true }).waitFor();
  });

  test('the admin creates an officer of that agency', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Cán bộ' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    await expectAccessible(page, 'staff');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập', { exact: true }).fill('canbo.e2e');
    await dialog.getByLabel('Họ và tên', { exact: true }).fill('Y Bhim Niê');
    await dialog.getByLabel('Vai trò', { exact: true }).selectOption('agency_officer');
    await dialog.getByLabel('Tìm theo tên đơn vị', { exact: true }).fill('ban dan toc thu');
    const agencySelect = dialog.getByLabel('Cơ quan, đơn vị', { exact: true });
    await agencySelect
      .locator('option', { hasText: 'Ban Dân tộc thử nghiệm' })
      .waitFor({ state: 'attached' });
    await agencySelect.selectOption({ label: 'Ban Dân tộc thử nghiệm' });
    await dialog.getByLabel('Mật khẩu', { exact: true }).fill('officer-password-1');
    await expectAccessible(page, 'staff form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'canbo.e2e', exact: true }).waitFor();
  });

  test('the admin sets up a service centre, is warned of a field no counter serves, and closes it for a day', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Trung tâm, bộ phận một cửa' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Trung tâm, bộ phận một cửa' }).waitFor();
    await expectAccessible(page, 'centres');
    await page.getByRole('link', { name: 'Thêm trung tâm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thêm trung tâm' }).waitFor();

    await page.getByLabel('Mã trung tâm', { exact: true }).fill('bpmc-e2e');
    await page.getByLabel('Tên trung tâm', { exact: true }).fill('Bộ phận một cửa thử nghiệm');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('01 Lê Duẩn, Buôn Ma Thuột');
    await page.getByLabel('Tìm theo tên đơn vị', { exact: true }).fill('ban dan toc thu');
    const agencySelect = page.getByLabel('Cơ quan quản lý', { exact: true });
    await agencySelect
      .locator('option', { hasText: 'Ban Dân tộc thử nghiệm' })
      .waitFor({ state: 'attached' });
    await agencySelect.selectOption({ label: 'Ban Dân tộc thử nghiệm' });
    // New centres start with office hours on weekdays; the helper copies Monday's to Tuesday–Friday.
    await page.getByRole('button', { name: 'Áp dụng cho Thứ Hai – Thứ Sáu' }).click();

    await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const field = page.getByRole('group', { name: 'Lĩnh vực 1' });
    await field.getByLabel('Mã lĩnh vực', { exact: true }).fill('ho-tich');
    await field.getByLabel('Tên lĩnh vực', { exact: true }).fill('Hộ tịch');
    await field.getByLabel('Chữ cái', { exact: true }).fill('a');

    await page.getByRole('button', { name: 'Thêm quầy' }).click();
    const counter = page.getByRole('group', { name: 'Quầy số 1' });
    await counter.getByLabel('Tên quầy', { exact: true }).fill('Quầy Tư pháp – Hộ tịch');
    await expectAccessible(page, 'centre form');

    // A field no counter serves and a counter with no field: a warning before saving, which can be taken back.
    await page.getByRole('button', { name: 'Lưu trung tâm' }).click();
    const gaps = page.getByRole('dialog', { name: 'Lưu khi còn lĩnh vực hoặc quầy chưa được ghép?' });
    assert.deepEqual(await gaps.getByTestId('unserved-fields').getByRole('listitem').allTextContents(), [
      'A – Hộ tịch',
    ]);
    assert.deepEqual(await gaps.getByTestId('idle-counters').getByRole('listitem').allTextContents(), [
      'Quầy số 1',
    ]);
    await expectAccessible(page, 'centre coverage warning');
    await gaps.getByRole('button', { name: 'Quay lại sửa' }).click();
    await gaps.waitFor({ state: 'hidden' });
    await counter.getByLabel('A – Hộ tịch', { exact: true }).check();

    // A second field still without a counter: named alone, and saving anyway stays possible.
    await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const second = page.getByRole('group', { name: 'Lĩnh vực 2' });
    await second.getByLabel('Mã lĩnh vực', { exact: true }).fill('chung-thuc');
    await second.getByLabel('Tên lĩnh vực', { exact: true }).fill('Chứng thực');
    await second.getByLabel('Chữ cái', { exact: true }).fill('b');
    await page.getByRole('button', { name: 'Lưu trung tâm' }).click();
    assert.deepEqual(await gaps.getByTestId('unserved-fields').getByRole('listitem').allTextContents(), [
      'B – Chứng thực',
    ]);
    assert.equal(await gaps.getByTestId('idle-counters').count(), 0);
    await gaps.getByRole('button', { name: 'Vẫn lưu' }).click();

    await page.getByRole('heading', { level: 1, name: 'Trung tâm, bộ phận một cửa' }).waitFor();
    await page.getByText('Đã thêm trung tâm Bộ phận một cửa thử nghiệm.').waitFor();
    const row = page.getByRole('row', { name: /Bộ phận một cửa thử nghiệm/ });
    await row.getByText('A – Hộ tịch').waitFor({ state: 'attached' });
    await row.getByRole('cell', { name: 'Ban Dân tộc thử nghiệm', exact: true }).waitFor();
    await expectAccessible(page, 'centres with one');
    // The kiosk and the display board open from the list, in a tab of their own.
    const [kiosk] = await Promise.all([
      page.context().waitForEvent('page'),
      row.getByRole('link', { name: 'Máy lấy số Bộ phận một cửa thử nghiệm' }).click(),
    ]);
    await kiosk.waitForURL(/\/console\/kiosk\/[0-9a-f-]{36}$/);
    await kiosk.close();
    const board = row.getByRole('link', { name: 'Màn hình gọi số Bộ phận một cửa thử nghiệm' });
    assert.match((await board.getAttribute('href')) ?? '', /\/console\/board\/[0-9a-f-]{36}$/);

    await row.getByRole('link', { name: 'Ngày tạm nghỉ Bộ phận một cửa thử nghiệm' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Ngày tạm nghỉ: Bộ phận một cửa thử nghiệm' })
      .waitFor();
    // A month ahead in Vietnam time, so the day is always inside the next twelve months.
    const day = new Date(Date.now() + 7 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    const shown = day.split('-').reverse().join('/');
    await page.getByLabel('Ngày nghỉ', { exact: true }).fill(day);
    await page.getByLabel('Lý do', { exact: true }).fill('Sửa chữa hệ thống điện');
    await page.getByRole('button', { name: 'Lưu ngày tạm nghỉ' }).click();
    await page.getByText(`Đã thêm ngày tạm nghỉ ${shown}.`).waitFor();
    await page.getByRole('cell', { name: 'Sửa chữa hệ thống điện', exact: true }).waitFor();
    await expectAccessible(page, 'centre closures');

    await page.getByRole('button', { name: `Xóa ${shown}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa ngày tạm nghỉ?' });
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText(`Đã xóa ngày tạm nghỉ ${shown}.`).waitFor();
    // The notice comes before the list reloads: wait for the row to go.
    await page
      .getByRole('cell', { name: 'Sửa chữa hệ thống điện', exact: true })
      .waitFor({ state: 'detached' });
  });

  test('the admin issues an Open311 key, sees it once, then revokes it', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Ứng dụng kết nối' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ứng dụng kết nối' }).waitFor();
    await page.getByRole('button', { name: 'Cấp khóa mới' }).click();
    const form = page.getByRole('dialog', { name: 'Cấp khóa API mới' });
    await form.getByLabel('Tên ứng dụng', { exact: true }).fill('Trung tâm điều hành thử nghiệm');
    await form.getByLabel('Liên hệ', { exact: true }).fill('ioc@example.vn');
    await form.getByRole('button', { name: 'Cấp khóa' }).click();

    const issued = page.getByRole('dialog', { name: 'Khóa API của Trung tâm điều hành thử nghiệm' });
    await issued.getByText('Khóa chỉ hiển thị một lần.').waitFor();
    const key = await issued.getByLabel('Khóa API', { exact: true }).inputValue();
    assert.match(key, /^dltt_[\w-]{40,}$/);
    await expectAccessible(page, 'issued API key');
    await issued.getByRole('button', { name: 'Tôi đã lưu khóa, đóng' }).click();
    await issued.waitFor({ state: 'hidden' });

    // Only the prefix stays on screen.
    const row = page.getByRole('row', { name: /Trung tâm điều hành thử nghiệm/ });
    await row.getByText(`${key.slice(0, 10)}…`).waitFor();
    assert.equal(await page.getByLabel('Khóa API', { exact: true }).count(), 0);
    await expectAccessible(page, 'API clients');

    await row.getByRole('button', { name: 'Thu hồi Trung tâm điều hành thử nghiệm' }).click();
    const confirm = page.getByRole('dialog', { name: 'Thu hồi khóa API?' });
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText(/^Đã thu hồi ngày/).waitFor();
    assert.equal(await row.getByRole('button').count(), 0);
  });

  test('the admin sets the deadlines of a category and they are kept', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Lĩnh vực' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Lĩnh vực' }).waitFor();
    await page.getByRole('button', { name: 'Thời hạn xử lý Môi trường', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thời hạn xử lý — Môi trường' });
    // Untouched so far: the defaults derived from the category's 40 hours.
    await dialog.getByText('Mặc định', { exact: true }).waitFor();
    const normalResolve = dialog.getByLabel('Thông thường – Thời hạn giải quyết (giờ làm việc)', {
      exact: true,
    });
    assert.equal(await normalResolve.inputValue(), '40');
    await expectAccessible(page, 'category deadlines');

    // Shorter than the acceptance deadline (8 hours): refused before it reaches the server.
    await normalResolve.fill('4');
    await dialog.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await dialog
      .getByText('Thời hạn giải quyết không được ngắn hơn thời hạn tiếp nhận (8 giờ).', { exact: true })
      .waitFor();
    await expectAccessible(page, 'category deadlines with an error');

    await normalResolve.fill('60');
    await dialog.getByText('= 7,5 ngày làm việc', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã lưu thời hạn xử lý của lĩnh vực Môi trường.').waitFor();

    await page.getByRole('button', { name: 'Thời hạn xử lý Môi trường', exact: true }).click();
    await dialog.waitFor();
    assert.equal(
      await dialog
        .getByLabel('Thông thường – Thời hạn giải quyết (giờ làm việc)', { exact: true })
        .inputValue(),
      '60',
    );
    assert.equal(await dialog.getByText('Mặc định', { exact: true }).count(), 0);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('the audit log shows what the admin did', async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Nhật ký thao tác' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' }).waitFor();
    await page.getByRole('cell', { name: 'Tạo tài khoản cán bộ' }).first().waitFor();
    await page.getByRole('cell', { name: 'Tạo cơ quan, đơn vị' }).first().waitFor();
    for (const action of [
      'Tạo trung tâm, bộ phận một cửa',
      'Khai báo ngày tạm nghỉ của trung tâm',
      'Xóa ngày tạm nghỉ của trung tâm',
      'Sửa thời hạn xử lý của lĩnh vực',
      'Thu hồi khóa API',
    ]) {
      await page.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    // Every action and object has a name: no raw codes such as "centre.create" or "centre".
    const table = page.getByRole('table', { name: 'Nhật ký thao tác của cán bộ, mới nhất trước' });
    const rows = table.getByRole('row');
    for (let i = 1; i < (await rows.count()); i++) {
      const [, , action, entity] = await rows.nth(i).getByRole('cell').allTextContents();
      assert.doesNotMatch(action ?? '', /^[a-z_]+\.[a-z_]+$/, 'an action shown as its code');
      assert.doesNotMatch(entity ?? '', /^[a-z_]+$/, 'an object shown as its code');
    }
    await expectAccessible(page, 'audit');

    // The filters offer them too.
    await page.getByLabel('Lọc theo đối tượng', { exact: true }).selectOption({ label: 'Phản ánh' });
    await page
      .getByLabel('Lọc theo đối tượng', { exact: true })
      .selectOption({ label: 'Trung tâm, bộ phận một cửa' });
    await page
      .getByLabel('Lọc theo thao tác', { exact: true })
      .selectOption({ label: 'Tạo trung tâm, bộ phận một cửa' });
    await page.getByRole('cell', { name: 'Tạo trung tâm, bộ phận một cửa', exact: true }).waitFor();
    // Present under the object filter alone, gone once the action filter applies too.
    await page
      .getByRole('cell', { name: 'Khai báo ngày tạm nghỉ của trung tâm', exact: true })
      .waitFor({ state: 'detached' });
    assert.equal(await table.getAttribute('aria-busy'), null);
    assert.equal(await rows.count(), 2, 'the header and the one centre created');
  });

  test('sign-out, then the officer signs in and sees only their own pages', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await signInFirstTime(page, 'canbo.e2e', 'officer-password-1', 'my-own-password-2');
    await page.getByText('Ban Dân tộc thử nghiệm').first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Trang chủ', 'Phản ánh']);
    await visit(page, '/console/staff');
    await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền truy cập' }).waitFor();
  });

  test('the session survives a reload', async () => {
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền truy cập' }).waitFor();
    await visit(page, '/console/');
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
  });

  test("the officer's own password opens the console; the reminder stays gone", async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('canbo.e2e');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('my-own-password-2');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    await visit(page, '/console/');
    await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
    assert.equal(
      await page.getByText(MUST_CHANGE, { exact: false }).count(),
      0,
      'no reminder after the change, after a reload',
    );
  });

  test('no script errors or CSP violations, only the expected 4xx answers', () => {
    assert.deepEqual(unexpected(errors), []);
  });
});
