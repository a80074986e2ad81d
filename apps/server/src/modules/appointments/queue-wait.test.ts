import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

const vn = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const TODAY = '2026-09-08';

interface Told {
  id: string;
  display: string;
  kind: string;
  status: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
}

describe('appointments: the wait each waiting number is told', () => {
  const clock = manualClock(vn(TODAY, '07:00'));
  let t: TestContext;
  let centreId: string;
  const fields: Record<string, string> = {};
  const counters: Record<number, string> = {};
  const officers: StaffSession[] = [];

  const citizen = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
    return { authorization: `Bearer ${res.json().token}` };
  };
  const at = (hhmm: string) => clock.set(vn(TODAY, hhmm));
  const book = async (fieldId: string, hhmm: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...(await citizen()), 'idempotency-key': randomUUID() },
      payload: { fieldId, startsAt: vn(TODAY, hhmm).toISOString(), name: 'Lê Văn C', phone: '0987654321' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().code as string;
  };
  const checkIn = async (code: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${centreId}/check-in`,
      payload: { code },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Told;
  };
  const walkIn = async (fieldId: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${centreId}/tickets`,
      payload: { fieldId },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Told;
  };
  const remote = async (fieldId: string) => {
    const who = await citizen();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...who, 'idempotency-key': randomUUID() },
      payload: { fieldId },
    });
    assert.equal(res.statusCode, 201, res.body);
    return { who, ticket: res.json() as Told & { arrivalCode: string } };
  };
  const told = async (id: string) => {
    const res = await t.app.inject(`/api/v1/public/tickets/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Told;
  };
  const counter = async (who: StaffSession, action: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/counter/${action}`,
      headers: who.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { current: { id: string; display: string } | null };
  };
  const signIn = async (who: StaffSession, n: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/counter/session',
      headers: who.headers,
      payload: { counterId: counters[n] },
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  /** A walk-in called at `from` and served at `to`: one known duration in the field's history. */
  const serve = async (who: StaffSession, fieldId: string, from: string, to: string) => {
    at(from);
    const ticket = await walkIn(fieldId);
    assert.equal((await counter(who, 'call-next')).current?.id, ticket.id);
    at(to);
    assert.equal((await counter(who, 'served')).current, null);
    return ticket;
  };

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '100000' } });
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ttpvhcc-tinh');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-cho',
        name: 'Trung tâm thử thời gian chờ',
        agencyId: agency,
        walkInInterleave: 2,
        sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '17:00' })),
        fields: [
          { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 10, slotMinutes: 5, remoteDailyCap: 50 },
          { code: 'dat-dai', name: 'Đất đai', letter: 'B', capacity: 10, slotMinutes: 5, remoteDailyCap: 50 },
        ],
        // Both counters serve both fields: one line, so the people ahead are each ticket's place in the call order.
        counters: [
          { number: 1, fieldCodes: ['ho-tich', 'dat-dai'] },
          { number: 2, fieldCodes: ['ho-tich', 'dat-dai'] },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    centreId = res.json().id;
    for (const f of res.json().fields as { letter: string; id: string }[]) fields[f.letter] = f.id;
    for (const c of res.json().counters as { number: number; id: string }[]) counters[c.number] = c.id;
    for (const n of [1, 2]) {
      const who = await createStaff(t.app, admin, {
        username: `quay-cho-${n}`,
        role: 'counter_officer',
        agencyId: agency,
      });
      await signIn(who, n);
      officers.push(who);
    }
  });
  after(() => t.close());

  test('from the served history: ceil((people ahead + 1) × average minutes ÷ counters serving the field), for booked, remote and walk-in numbers', async () => {
    const [one, two] = officers as [StaffSession, StaffSession];
    at('07:00');
    const bookedA = await book(fields.A as string, '09:00');
    const bookedB = await book(fields.B as string, '09:00');

    // No history yet: no estimate rather than a guess.
    at('07:30');
    const first = await walkIn(fields.A as string);
    assert.equal(first.estimatedWaitMinutes, null);
    assert.equal((await counter(one, 'call-next')).current?.id, first.id);
    at('07:40');
    await counter(one, 'served');

    // History: field A served in 10, 4 and 6 minutes (average 20/3), field B in 9 (average 9).
    await serve(one, fields.A as string, '08:00', '08:04');
    await serve(two, fields.B as string, '08:00', '08:09');
    await serve(one, fields.A as string, '08:10', '08:16');
    // An absent number is no service time.
    at('08:20');
    const absent = await walkIn(fields.A as string);
    assert.equal((await counter(two, 'call-next')).current?.id, absent.id);
    at('08:50');
    await counter(two, 'absent');

    // The line at 09:00: two due bookings, walk-ins and numbers from the phone (one confirmed, one not).
    at('08:51');
    const a5 = await checkIn(bookedA);
    at('08:52');
    const b2 = await walkIn(fields.B as string);
    at('08:53');
    const remoteA = await remote(fields.A as string);
    assert.equal((await checkIn(remoteA.ticket.arrivalCode)).id, remoteA.ticket.id);
    at('08:54');
    const b3 = await checkIn(bookedB);
    at('08:55');
    const remoteB = await remote(fields.B as string);
    at('08:56');
    const a7 = await walkIn(fields.A as string);
    at('09:00');

    const line = [a5, b2, remoteA.ticket, b3, remoteB.ticket, a7];
    assert.deepEqual(
      line.map((x) => `${x.display} ${x.kind}`),
      ['A005 appointment', 'B002 walk_in', 'A006 remote', 'B003 appointment', 'B004 remote', 'A007 walk_in'],
    );
    const estimates = async () => {
      const now = await Promise.all(line.map((x) => told(x.id)));
      return Object.fromEntries(now.map((x) => [x.display, [x.ahead, x.estimatedWaitMinutes]]));
    };
    // Places: the two due bookings, then walk-ins in order of arrival. Two counters share the line:
    // A: ceil((ahead + 1) × 20/3 ÷ 2), B: ceil((ahead + 1) × 9 ÷ 2).
    assert.deepEqual(await estimates(), {
      A005: [0, 4],
      B003: [1, 9],
      B002: [2, 14],
      A006: [3, 14],
      B004: [4, 23],
      A007: [5, 20],
    });
    // The citizen's own view of a number from the phone says the same.
    for (const [mine, minutes] of [
      [remoteA, 14],
      [remoteB, 23],
    ] as const) {
      const res = await t.app.inject({ url: '/api/v1/me/tickets', headers: mine.who });
      assert.equal(res.statusCode, 200, res.body);
      const [own] = res.json() as Told[];
      assert.deepEqual([own?.id, own?.estimatedWaitMinutes], [mine.ticket.id, minutes]);
    }

    // Counter 2 signs out: one counter left, so each waits twice as long (before rounding up).
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/counter/session',
      headers: two.headers,
    });
    assert.equal(out.statusCode, 200, out.body);
    assert.deepEqual(await estimates(), {
      A005: [0, 7],
      B003: [1, 18],
      B002: [2, 27],
      A006: [3, 27],
      B004: [4, 45],
      A007: [5, 40],
    });

    // The places told are the order the numbers are called in.
    // (The unconfirmed number from the phone is called twice before the next press moves on.)
    const calls: string[] = [];
    while (calls.length < line.length) {
      const current = (await counter(one, 'call-next')).current;
      if (current && calls.at(-1) !== current.display) calls.push(current.display);
    }
    assert.deepEqual(calls, ['A005', 'B003', 'B002', 'A006', 'B004', 'A007']);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/counter/call-next',
      headers: one.headers,
    });
    assert.equal(empty.json().error.code, 'QUEUE_EMPTY');
  });
});
