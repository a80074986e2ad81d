import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

describe('report categories', () => {
  let t: TestContext;
  let admin: StaffSession;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
  });
  after(() => t.close());

  test('the public list has the seeded categories in order, each with an icon and a deadline', async () => {
    const res = await t.app.inject('/api/v1/categories');
    assert.equal(res.statusCode, 200);
    const names = res.json().map((c: { nameVi: string }) => c.nameVi);
    assert.deepEqual(names, [
      'An toàn giao thông',
      'An ninh trật tự đô thị',
      'An toàn thực phẩm',
      'Đất đai - Xây dựng',
      'Môi trường',
      'Hạ tầng đô thị (điện, nước, chiếu sáng)',
      'Y tế',
      'Giáo dục',
      'Khác',
    ]);
    for (const c of res.json()) {
      assert.ok(c.icon);
      assert.ok(c.defaultDeadlineHours > 0);
    }
  });

  test('admin adds, edits and deactivates; inactive ones leave the public list only', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/categories',
      headers: admin.headers,
      payload: {
        code: 'cay-xanh',
        nameVi: 'Cây xanh đô thị',
        nameEn: 'Urban trees',
        icon: 'environment',
        defaultDeadlineHours: 24,
        sortOrder: 55,
      },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const publicList = async () =>
      (await t.app.inject('/api/v1/categories')).json().map((c: { code: string }) => c.code);
    assert.ok((await publicList()).includes('cay-xanh'));

    const badIcon = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${id}`,
      headers: admin.headers,
      payload: { icon: 'unicorn' },
    });
    assert.equal(badIcon.statusCode, 400);
    const zero = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${id}`,
      headers: admin.headers,
      payload: { defaultDeadlineHours: 0 },
    });
    assert.equal(zero.statusCode, 400);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(off.statusCode, 200);
    assert.equal((await publicList()).includes('cay-xanh'), false);
    const all = await t.app.inject({ url: '/api/v1/admin/categories', headers: admin.headers });
    assert.ok(all.json().some((c: { code: string; active: boolean }) => c.code === 'cay-xanh' && !c.active));

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/categories',
      headers: admin.headers,
      payload: { code: 'cay-xanh', nameVi: 'X', nameEn: 'X', icon: 'other', defaultDeadlineHours: 8 },
    });
    assert.equal(dup.json().error.code, 'CATEGORY_CODE_TAKEN');
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/categories/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
      payload: { active: true },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'CATEGORY_NOT_FOUND');
  });

  test('a dispatcher cannot manage categories', async () => {
    const dispatcher = await createStaff(t.app, admin, { username: 'dieuphoi1', role: 'dispatcher' });
    const res = await t.app.inject({ url: '/api/v1/admin/categories', headers: dispatcher.headers });
    assert.equal(res.statusCode, 403);
  });

  test('deadlines per priority: defaults until an admin sets them, then used for new reports', async () => {
    const list = (await t.app.inject('/api/v1/categories')).json() as {
      id: string;
      code: string;
      defaultDeadlineHours: number;
    }[];
    const light = list.find((c) => c.code === 'ha-tang-do-thi');
    assert.ok(light);
    const url = `/api/v1/admin/categories/${light.id}/deadlines`;
    const defaults = await t.app.inject({ url, headers: admin.headers });
    assert.equal(defaults.statusCode, 200);
    assert.deepEqual(defaults.json(), {
      urgent: { acceptHours: 2, resolveHours: 4 },
      normal: { acceptHours: 8, resolveHours: light.defaultDeadlineHours },
      complex: { acceptHours: 8, resolveHours: light.defaultDeadlineHours * 2 },
      custom: false,
    });
    const body = {
      urgent: { acceptHours: 1, resolveHours: 2 },
      normal: { acceptHours: 4, resolveHours: 12 },
      complex: { acceptHours: 8, resolveHours: 40 },
    };
    const dispatcher = await createStaff(t.app, admin, { username: 'dl-dispatcher', role: 'dispatcher' });
    assert.equal(
      (await t.app.inject({ method: 'PUT', url, headers: dispatcher.headers, payload: body })).statusCode,
      403,
    );
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { ...body, urgent: { acceptHours: 0, resolveHours: 2 } },
    });
    assert.equal(bad.statusCode, 400);
    const shorter = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { ...body, normal: { acceptHours: 8, resolveHours: 4 } },
    });
    assert.equal(shorter.statusCode, 400, 'resolving cannot be due before accepting');
    const set = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload: body });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json(), { ...body, custom: true });
    // Monday 4 May 2026, 08:00 in Vietnam: 12 working hours later is Tuesday 13:30.
    const due = await t.app.services.calendar.reportDeadlines(
      t.database.db,
      new Date('2026-05-04T01:00:00Z'),
      { id: light.id, default_deadline_hours: light.defaultDeadlineHours },
      'normal',
    );
    assert.equal(
      due.acceptDueAt.toISOString(),
      '2026-05-04T06:30:00.000Z',
      '4 h: 08:00-11:30 and 13:00-13:30',
    );
    assert.equal(due.resolveDueAt.toISOString(), '2026-05-05T06:30:00.000Z');
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=category',
      headers: admin.headers,
    });
    assert.equal(audit.json().items[0].action, 'category.deadlines');
  });
});
