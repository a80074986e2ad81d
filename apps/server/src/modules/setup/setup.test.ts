import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SetupChecklist } from '@dltt/contracts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

describe("setup: the administrator's first-run checklist follows the system's state", () => {
  let t: TestContext;
  let admin: StaffSession;
  const done = async (): Promise<Record<string, boolean>> => {
    const res = await t.app.inject({ url: '/api/v1/admin/setup-checklist', headers: admin.headers });
    assert.equal(res.statusCode, 200, res.body);
    return Object.fromEntries(res.json<SetupChecklist>().steps.map((s) => [s.step, s.done]));
  };

  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
  });
  after(() => t.close());

  test('a fresh install: every step is to do; each step ticks itself', async () => {
    assert.deepEqual(await done(), {
      routing: false,
      centres: false,
      calendar: false,
      zalo: false,
      staff: false,
    });
    const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, ...(payload ? { payload } : {}) });

    const rule = (await t.app.inject({ url: '/api/v1/routing-rules', headers: admin.headers })).json()[0];
    assert.equal((await call('DELETE', `/routing-rules/${rule.id}`)).statusCode, 200);
    assert.equal((await done()).routing, true, 'the seeded rules were looked at and changed');

    const agency = await agencyId(t.database, 'ttpvhcc-tinh');
    const centre = await call('POST', '/admin/centres', {
      code: 'setup-centre',
      name: 'Trung tâm thử',
      agencyId: agency,
      sessions: [{ weekday: 1, start: '07:00', end: '11:00' }],
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A' }],
      counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
    });
    assert.equal(centre.statusCode, 201, centre.body);
    assert.equal((await done()).centres, true);

    const day = await call('PUT', '/calendar-days/2026-02-20', { working: false, name: 'Nghỉ Tết' });
    assert.ok(day.statusCode < 300, day.body);
    assert.equal((await done()).calendar, true);

    await createStaff(t.app, admin, { username: 'setup-officer', role: 'agency_officer', agencyId: agency });
    assert.deepEqual(await done(), {
      routing: true,
      centres: true,
      calendar: true,
      zalo: false,
      staff: true,
    });
  });

  test('only administrators see it', async () => {
    const dispatcher = await createStaff(t.app, admin, { username: 'setup-dispatcher', role: 'dispatcher' });
    const res = await t.app.inject({ url: '/api/v1/admin/setup-checklist', headers: dispatcher.headers });
    assert.equal(res.statusCode, 403);
  });
});
