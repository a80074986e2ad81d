import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

describe('agencies', () => {
  let t: TestContext;
  let admin: StaffSession;
  let officer: StaffSession;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    officer = await createStaff(t.app, admin, {
      username: 'officer',
      role: 'agency_officer',
      agencyId: await agencyId(t.database, 'so-y-te'),
    });
  });
  after(() => t.close());

  test('staff can list and search agencies without diacritics; anonymous callers cannot', async () => {
    const res = await t.app.inject({ url: '/api/v1/agencies?q=ubnd xa ea kar', headers: officer.headers });
    assert.equal(res.statusCode, 200);
    const names = res.json().items.map((a: { name: string }) => a.name);
    assert.ok(names.includes('UBND xã Ea Kar'), names.join(', '));
    const dak = await t.app.inject({
      url: '/api/v1/agencies?q=dak&kind=commune_police&pageSize=100',
      headers: officer.headers,
    });
    assert.ok(dak.json().items.length > 0);
    assert.ok(
      dak
        .json()
        .items.every(
          (a: { name: string; kind: string }) => /Đắk|Dak|Đăk/i.test(a.name) && a.kind === 'commune_police',
        ),
    );
    assert.equal((await t.app.inject('/api/v1/agencies')).statusCode, 401);
  });

  test('admin creates and edits an agency; others are refused', async () => {
    const payload = {
      code: 'ban-qlda',
      name: 'Ban Quản lý dự án tỉnh',
      kind: 'other',
      communeCode: null,
      phone: '0262 3850 000',
      email: 'banqlda@daklak.gov.vn',
      address: null,
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: officer.headers,
      payload,
    });
    assert.equal(denied.statusCode, 403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: admin.headers,
      payload,
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: admin.headers,
      payload,
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'AGENCY_CODE_TAKEN');
    const badCommune = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${id}`,
      headers: admin.headers,
      payload: { communeCode: '99999' },
    });
    assert.equal(badCommune.statusCode, 404);
    assert.equal(badCommune.json().error.code, 'COMMUNE_NOT_FOUND');
    const badEmail = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${id}`,
      headers: admin.headers,
      payload: { email: 'not-an-email' },
    });
    assert.equal(badEmail.statusCode, 400);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().active, false);
    assert.equal(off.json().phone, '0262 3850 000', 'a partial update keeps the other fields');

    const staffInInactive = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff-users',
      headers: admin.headers,
      payload: {
        username: 'late',
        fullName: 'Late',
        role: 'agency_officer',
        agencyId: id,
        password: 'password-12345',
      },
    });
    assert.equal(staffInInactive.statusCode, 400);
    assert.equal(staffInInactive.json().error.code, 'AGENCY_INACTIVE');

    const audit = await t.app.inject({
      url: `/api/v1/audit-log?entityType=agency&entityId=${id}`,
      headers: admin.headers,
    });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['agency.update', 'agency.create'],
    );
    assert.equal(audit.json().items[0].before.active, true);
    assert.equal(audit.json().items[0].after.active, false);
  });
});
