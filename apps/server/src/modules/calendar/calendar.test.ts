import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { makeJpeg } from '../../testing/photos.ts';

describe('working calendar and report deadlines', () => {
  const clock = manualClock('2027-02-03T09:00:00Z'); // Wednesday 3 Feb 2027, 16:00 in Vietnam
  let t: TestContext;
  let admin: StaffSession;
  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000' } });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
  });
  after(() => t.close());

  test('public holidays come from the library: Tết 2027 (Giao thừa 5/2, Tết 6/2), Giỗ Tổ 16/4', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar-days?year=2027', headers: admin.headers });
    assert.equal(res.statusCode, 200);
    const days = Object.fromEntries(res.json().map((d: { day: string; name: string }) => [d.day, d.name]));
    assert.equal(days['2027-02-05'], 'Giao thừa Tết Nguyên Đán');
    assert.equal(days['2027-02-06'], 'Tết Nguyên Đán');
    assert.equal(days['2027-04-16'], 'Giỗ tổ Hùng Vương');
    assert.equal(days['2027-09-02'], 'Quốc khánh');
  });

  test('the admin adds the official Tết break; others may read but not change the calendar', async () => {
    for (const day of ['2027-02-04', '2027-02-08', '2027-02-09', '2027-02-10']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/calendar-days/${day}`,
        headers: admin.headers,
        payload: { working: false, name: 'Nghỉ Tết Nguyên Đán' },
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().source, 'admin');
    }
    const dispatcher = await createStaff(t.app, admin, { username: 'dieuphoi.lich', role: 'dispatcher' });
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar-days/2027-02-11',
      headers: dispatcher.headers,
      payload: { working: false, name: 'x' },
    });
    assert.equal(denied.statusCode, 403);
    const badDay = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar-days/2027-02-30',
      headers: admin.headers,
      payload: { working: false, name: 'x' },
    });
    assert.equal(badDay.statusCode, 400);
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=calendar_day',
      headers: admin.headers,
    });
    assert.equal(audit.json().total, 4);
  });

  test('a report sent before Tết is due after the break, counted in working hours', async () => {
    const citizen = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
    const auth = { authorization: `Bearer ${citizen.json().token}` };
    const photo = await t.app.inject({
      method: 'POST',
      url: '/api/v1/report-photos',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      payload: await makeJpeg({ width: 200, height: 150 }),
    });
    const categories = (await t.app.inject('/api/v1/categories')).json() as { id: string; code: string }[];
    const infra = categories.find((c) => c.code === 'ha-tang-do-thi')!; // 24 working hours by default
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...auth, 'idempotency-key': 'tet-2027-report' },
      payload: {
        categoryId: infra.id,
        photoIds: [photo.json().id],
        location: { lat: 12.6807, lng: 108.0378, accuracy: 10, source: 'gps' },
        description: 'Cột điện nghiêng sau mưa lớn.',
        consent: true,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    // Wed 3 Feb 16:00: 1 h; break until Thu 11 Feb (8 h), Fri 12 (8 h), Mon 15 Feb: 7 h -> 16:00.
    assert.equal(res.json().resolveDueAt, new Date('2027-02-15T16:00:00+07:00').toISOString());
  });

  test('removing a day makes it an ordinary day again', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar-days/2027-02-10',
      headers: admin.headers,
    });
    assert.equal(res.statusCode, 200);
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar-days/2027-02-10',
      headers: admin.headers,
    });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'CALENDAR_DAY_NOT_FOUND');
  });
});
