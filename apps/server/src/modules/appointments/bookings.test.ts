import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  errorOf,
  login,
  newCitizen,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { vn } from '../../testing/time.ts';

const MIN = 60_000;

describe('appointments: booking', () => {
  // Monday 31 August 2026, 08:00 in Vietnam. Quốc khánh (2 September) is a public holiday.
  const clock = manualClock(vn('2026-08-31', '08:00'));
  let t: TestContext;
  let admin: StaffSession;
  let centre: { id: string; fields: { id: string; code: string }[] };
  let fieldA: string;
  let fieldB: string;

  const citizen = () => newCitizen(t.app);
  const book = (
    auth: { authorization: string },
    fieldId: string,
    startsAt: Date,
    key: string = randomUUID(),
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...auth, 'idempotency-key': key },
      payload: { fieldId, startsAt: startsAt.toISOString(), name: 'Trần Thị B', phone: '0912 345 678' },
    });
  const code = (res: { json(): { code: string } }) => res.json().code;

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '100000' } });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const weekdays = [1, 2, 3, 4, 5];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-tinh',
        name: 'Trung tâm Phục vụ hành chính công tỉnh',
        address: '09 Lê Duẩn, Buôn Ma Thuột',
        location: { lat: 12.676, lng: 108.043 },
        agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
        sessions: weekdays.flatMap((weekday) => [
          { weekday, start: '07:00', end: '11:30' },
          { weekday, start: '13:30', end: '17:00' },
        ]),
        fields: [
          { code: 'ho-tich', name: 'Hộ tịch', letter: 'A' },
          { code: 'dat-dai', name: 'Đất đai', letter: 'B', capacity: 1, slotMinutes: 30 },
        ],
        counters: [
          { number: 1, fieldCodes: ['ho-tich'] },
          { number: 2, fieldCodes: ['ho-tich', 'dat-dai'] },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    centre = res.json();
    fieldA = centre.fields.find((f) => f.code === 'ho-tich')!.id;
    fieldB = centre.fields.find((f) => f.code === 'dat-dai')!.id;
  });
  after(() => t.close());

  test('admins configure centres; bad configurations are refused', async () => {
    const officer = await createStaff(t.app, admin, { username: 'dispatcher', role: 'dispatcher' });
    const body = {
      code: 'x-centre',
      name: 'X',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
      sessions: [],
      fields: [],
      counters: [],
    };
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/admin/centres',
          headers: officer.headers,
          payload: body,
        })
      ).statusCode,
      403,
    );
    const dupLetters = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        ...body,
        fields: [
          { code: 'a1', name: 'A', letter: 'A' },
          { code: 'a2', name: 'B', letter: 'A' },
        ],
      },
    });
    assert.deepEqual(errorOf(dupLetters), [400, 'VALIDATION_FAILED']);
    const unknownField = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: { ...body, counters: [{ number: 1, fieldCodes: ['khong-co'] }] },
    });
    assert.deepEqual(errorOf(unknownField), [400, 'COUNTER_FIELD_UNKNOWN']);
    const badSession = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: { ...body, sessions: [{ weekday: 1, start: '11:00', end: '07:00' }] },
    });
    assert.equal(badSession.statusCode, 400);
    const list = (await t.app.inject('/api/v1/centres')).json();
    assert.deepEqual(
      list.map((c: { code: string }) => c.code),
      ['ttpvhcc-tinh'],
    );
    assert.deepEqual(
      list[0].counters.map((c: { fieldCodes: string[] }) => c.fieldCodes),
      [['ho-tich'], ['ho-tich', 'dat-dai']],
    );
  });

  test('the next 14 working days are offered; weekends and holidays are closed', async () => {
    const days = (await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldA}/days`)).json();
    const open = days.filter((d: { open: boolean }) => d.open);
    assert.equal(open.length, 14);
    assert.equal(days[0].day, '2026-08-31');
    const byDay = Object.fromEntries(days.map((d: { day: string }) => [d.day, d]));
    assert.equal(byDay['2026-09-02'].open, false);
    assert.equal(byDay['2026-09-02'].closedReason, 'holiday');
    assert.equal(byDay['2026-09-05'].closedReason, 'weekend');
    // Today from 08:00: 14 morning slots left (08:00 itself has started), 14 in the afternoon, 2 places each.
    assert.equal(byDay['2026-08-31'].remaining, (13 + 14) * 2);
    assert.equal(byDay['2026-09-03'].remaining, (18 + 14) * 2);
    const slots = (
      await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldB}/slots?day=2026-09-03`)
    ).json();
    assert.equal(slots.length, 9 + 7);
    assert.deepEqual(slots[0], {
      startsAt: vn('2026-09-03', '07:00').toISOString(),
      endsAt: vn('2026-09-03', '07:30').toISOString(),
      capacity: 1,
      remaining: 1,
    });
    const closed = await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldB}/slots?day=2026-09-02`);
    assert.deepEqual(errorOf(closed), [400, 'CENTRE_CLOSED']);
    // A closure day of the centre itself is closed with its reason.
    const closure = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/centres/${centre.id}/closures/2026-09-10`,
      headers: admin.headers,
      payload: { reason: 'Bảo trì hệ thống' },
    });
    assert.equal(closure.statusCode, 200);
    const withClosure = (await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldA}/days`)).json();
    assert.equal(
      withClosure.find((d: { day: string }) => d.day === '2026-09-10').closedReason,
      'Bảo trì hệ thống',
    );
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/centres/${centre.id}/closures/2026-09-10`,
      headers: admin.headers,
    });
  });

  test('a booking is confirmed once per key, with a code, an .ics file and a QR code', async () => {
    const me = await citizen();
    const key = randomUUID();
    const first = await book(me, fieldA, vn('2026-09-03', '09:00'), key);
    assert.equal(first.statusCode, 201, first.body);
    assert.match(code(first), /^[A-HJ-NP-Z2-9]{8}$/);
    assert.equal(first.json().changeableUntil, vn('2026-09-03', '08:30').toISOString());
    assert.equal(first.json().phone, '0912345678');
    const again = await book(me, fieldA, vn('2026-09-03', '09:00'), key);
    assert.equal(again.statusCode, 200);
    assert.equal(code(again), code(first));
    const ics = await t.app.inject({ url: `/api/v1/me/bookings/${code(first)}/ics`, headers: me });
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /^text\/calendar/);
    assert.match(ics.body, /BEGIN:VCALENDAR/);
    assert.match(ics.body, /DTSTART:20260903T020000Z/);
    const qr = await t.app.inject({ url: `/api/v1/me/bookings/${code(first)}/qr`, headers: me });
    assert.equal(qr.headers['content-type'], 'image/svg+xml');
    assert.match(qr.body, /^<svg/);
    const stranger = await citizen();
    assert.deepEqual(
      errorOf(await t.app.inject({ url: `/api/v1/me/bookings/${code(first)}`, headers: stranger })),
      [404, 'BOOKING_NOT_FOUND'],
    );
    assert.equal((await t.app.inject({ url: '/api/v1/me/bookings/ABC', headers: me })).statusCode, 400);
  });

  test('anti-hoarding: one per field and day, three upcoming at most', async () => {
    const me = await citizen();
    assert.equal((await book(me, fieldA, vn('2026-09-03', '07:00'))).statusCode, 201);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-03', '14:00'))), [
      409,
      'BOOKING_LIMIT_PER_DAY',
    ]);
    assert.equal(
      (await book(me, fieldB, vn('2026-09-03', '14:00'))).statusCode,
      201,
      'another field the same day is fine',
    );
    assert.equal((await book(me, fieldA, vn('2026-09-04', '07:00'))).statusCode, 201);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-07', '07:00'))), [
      409,
      'BOOKING_LIMIT_FUTURE',
    ]);
    // The refused attempts took no place.
    const slots = (
      await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldA}/slots?day=2026-09-03`)
    ).json();
    assert.equal(
      slots.find((s: { startsAt: string }) => s.startsAt === vn('2026-09-03', '14:00').toISOString())
        .remaining,
      2,
    );
  });

  test('bad requests: past, closed day, holiday, off-grid time, beyond the window, unknown field', async () => {
    const me = await citizen();
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-08-31', '07:30'))), [400, 'SLOT_IN_PAST']);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-05', '08:00'))), [400, 'CENTRE_CLOSED']);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-02', '08:00'))), [400, 'CENTRE_CLOSED']);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-03', '07:05'))), [400, 'SLOT_INVALID']);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-09-03', '12:00'))), [400, 'SLOT_INVALID']);
    assert.deepEqual(errorOf(await book(me, fieldA, vn('2026-10-30', '08:00'))), [400, 'SLOT_OUT_OF_RANGE']);
    assert.deepEqual(errorOf(await book(me, randomUUID(), vn('2026-09-03', '08:00'))), [
      404,
      'FIELD_NOT_FOUND',
    ]);
    const badPhone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...me, 'idempotency-key': randomUUID() },
      payload: {
        fieldId: fieldA,
        startsAt: vn('2026-09-03', '08:00').toISOString(),
        name: 'B',
        phone: '123',
      },
    });
    assert.deepEqual(errorOf(badPhone), [400, 'VALIDATION_FAILED']);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/me/bookings', headers: me })).json().length,
      0,
      'nothing stored',
    );
  });

  test('a full slot says SLOT_FULL; cancelling frees the place; changes stop 30 minutes before', async () => {
    const [a, b] = [await citizen(), await citizen()];
    const at = vn('2026-09-04', '13:30');
    const first = await book(a, fieldB, at);
    assert.equal(first.statusCode, 201);
    assert.deepEqual(errorOf(await book(b, fieldB, at)), [409, 'SLOT_FULL']);
    // Exactly 30 minutes before: too late to cancel; a second earlier: fine.
    clock.set(new Date(at.getTime() - 30 * MIN));
    try {
      assert.deepEqual(
        errorOf(
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/me/bookings/${code(first)}/cancel`,
            headers: a,
          }),
        ),
        [409, 'BOOKING_CHANGE_TOO_LATE'],
      );
      clock.set(new Date(at.getTime() - 30 * MIN - 1000));
      const cancelled = await t.app.inject({
        method: 'POST',
        url: `/api/v1/me/bookings/${code(first)}/cancel`,
        headers: a,
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().status, 'cancelled');
      assert.equal(cancelled.json().changeableUntil, null);
      assert.deepEqual(
        errorOf(
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/me/bookings/${code(first)}/cancel`,
            headers: a,
          }),
        ),
        [409, 'BOOKING_NOT_ACTIVE'],
      );
      assert.equal((await book(b, fieldB, at)).statusCode, 201, 'the freed place is bookable');
    } finally {
      clock.set(vn('2026-08-31', '08:00'));
    }
  });

  test('rescheduling takes the new place before freeing the old one', async () => {
    const [a, b] = [await citizen(), await citizen()];
    const mine = await book(a, fieldB, vn('2026-09-08', '07:00'));
    const theirs = await book(b, fieldB, vn('2026-09-08', '07:30'));
    assert.equal(theirs.statusCode, 201);
    const full = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/bookings/${code(mine)}/reschedule`,
      headers: a,
      payload: { startsAt: vn('2026-09-08', '07:30').toISOString() },
    });
    assert.deepEqual(errorOf(full), [409, 'SLOT_FULL']);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/bookings/${code(mine)}/reschedule`,
      headers: a,
      payload: { startsAt: vn('2026-09-08', '08:00').toISOString() },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().startsAt, vn('2026-09-08', '08:00').toISOString());
    const slots = (
      await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldB}/slots?day=2026-09-08`)
    ).json();
    const left = (hhmm: string) =>
      slots.find((s: { startsAt: string }) => s.startsAt === vn('2026-09-08', hhmm).toISOString()).remaining;
    assert.deepEqual([left('07:00'), left('07:30'), left('08:00')], [1, 0, 0]);
  });

  test('3 no-shows in 30 days pause booking for 14 days after the last one', async () => {
    const me = await citizen();
    const codes: string[] = [];
    for (const day of ['2026-09-03', '2026-09-04', '2026-09-07'])
      codes.push(code(await book(me, fieldA, vn(day, '10:00'))));
    const { citizen_id: citizenId } = await t.database.db
      .selectFrom('bookings')
      .select('citizen_id')
      .where('code', '=', codes[0] ?? '')
      .executeTakeFirstOrThrow();
    // The three appointments pass without the citizen (the counter marks them no-show).
    await t.database.db
      .updateTable('bookings')
      .set({ status: 'no_show' })
      .where('citizen_id', '=', citizenId)
      .execute();
    const lastNoShow = vn('2026-09-07', '10:00');
    clock.set(new Date(lastNoShow.getTime() + 14 * 86_400_000 - MIN));
    try {
      const blocked = await book(me, fieldA, vn('2026-09-22', '10:00'));
      assert.deepEqual(errorOf(blocked), [403, 'BOOKING_BLOCKED']);
      assert.deepEqual(blocked.json().error.details, {
        until: new Date(lastNoShow.getTime() + 14 * 86_400_000).toISOString(),
      });
      clock.set(new Date(lastNoShow.getTime() + 14 * 86_400_000 + MIN));
      assert.equal((await book(me, fieldA, vn('2026-09-22', '10:00'))).statusCode, 201);
    } finally {
      clock.set(vn('2026-08-31', '08:00'));
    }
  });

  test('concurrent requests with one key book once: one 201, the rest replay it, one place taken', async () => {
    const me = await citizen();
    const key = randomUUID();
    const at = vn('2026-09-09', '09:00');
    const results = await Promise.all(Array.from({ length: 8 }, () => book(me, fieldB, at, key)));
    assert.deepEqual(
      results.map((r) => r.statusCode).sort(),
      [200, 200, 200, 200, 200, 200, 200, 201],
      results.map((r) => r.body).join('\n'),
    );
    assert.equal(new Set(results.map(code)).size, 1, 'every answer names the same booking');
    const slot = await t.database.db
      .selectFrom('slots')
      .select('booked')
      .where('field_id', '=', fieldB)
      .where('starts_at', '=', at)
      .executeTakeFirstOrThrow();
    assert.equal(slot.booked, 1);
    const rows = await t.database.db
      .selectFrom('bookings')
      .select('code')
      .where('idempotency_key', '=', key)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.code),
      [code(results[0] as (typeof results)[number])],
    );
  });

  test('a key reused for a different booking is refused (409 IDEMPOTENCY_KEY_REUSED), also when concurrent', async () => {
    const me = await citizen();
    const key = randomUUID();
    const at = vn('2026-09-09', '10:00');
    const other = vn('2026-09-09', '10:30');
    const first = await book(me, fieldB, at, key);
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(errorOf(await book(me, fieldB, other, key)), [409, 'IDEMPOTENCY_KEY_REUSED']);
    assert.deepEqual(errorOf(await book(me, fieldA, at, key)), [409, 'IDEMPOTENCY_KEY_REUSED']);
    const renamed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...me, 'idempotency-key': key },
      payload: { fieldId: fieldB, startsAt: at.toISOString(), name: 'Lê Văn C', phone: '0912 345 678' },
    });
    assert.deepEqual(errorOf(renamed), [409, 'IDEMPOTENCY_KEY_REUSED']);
    // The same request again, written differently (another offset, the phone spaced otherwise), is a replay.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...me, 'idempotency-key': key },
      payload: {
        fieldId: fieldB,
        startsAt: '2026-09-09T03:00:00Z',
        name: 'Trần Thị B',
        phone: '0912.345.678',
      },
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(code(again), code(first));
    const left = async (when: Date) =>
      (await t.app.inject(`/api/v1/centres/${centre.id}/fields/${fieldB}/slots?day=2026-09-09`))
        .json()
        .find((s: { startsAt: string }) => s.startsAt === when.toISOString()).remaining;
    assert.equal(await left(other), 1, 'the refused request took no place');

    // Two different requests racing with one key (another citizen: one booking per field and day): one books,
    // the other is refused; one place is taken.
    const racer = await citizen();
    const raced = randomUUID();
    const [x, y] = await Promise.all([
      book(racer, fieldB, vn('2026-09-09', '14:00'), raced),
      book(racer, fieldB, vn('2026-09-09', '14:30'), raced),
    ]);
    assert.deepEqual([x.statusCode, y.statusCode].sort(), [201, 409], `${x.body}\n${y.body}`);
    assert.equal((x.statusCode === 409 ? x : y).json().error.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(
      (await left(vn('2026-09-09', '14:00'))) + (await left(vn('2026-09-09', '14:30'))),
      1,
      'one of the two places is taken',
    );
  });

  test('500 concurrent requests for a slot of capacity 10 confirm exactly 10', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'mot-cua-bmt',
        name: 'Bộ phận một cửa phường Buôn Ma Thuột',
        agencyId: await agencyId(t.database, 'ubnd-24133'),
        sessions: [{ weekday: 4, start: '07:30', end: '11:30' }],
        fields: [{ code: 'chung-thuc', name: 'Chứng thực', letter: 'C', capacity: 10 }],
        counters: [{ number: 1, fieldCodes: ['chung-thuc'] }],
      },
    });
    assert.equal(big.statusCode, 201, big.body);
    const field = big.json().fields[0].id;
    const citizens = [];
    for (let i = 0; i < 500; i++) citizens.push(await citizen());
    const at = vn('2026-09-03', '07:30');
    const results = await Promise.all(citizens.map((c) => book(c, field, at)));
    const tally: Record<string, number> = {};
    for (const r of results) {
      const key = r.statusCode === 201 ? 'confirmed' : r.json().error.code;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    assert.deepEqual(tally, { confirmed: 10, SLOT_FULL: 490 });
    const slot = await t.database.db
      .selectFrom('slots')
      .select(['booked', 'capacity'])
      .where('field_id', '=', field)
      .executeTakeFirstOrThrow();
    assert.deepEqual(slot, { booked: 10, capacity: 10 });
    const rows = await t.database.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('field_id', '=', field)
      .executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), 10);
  });
});
