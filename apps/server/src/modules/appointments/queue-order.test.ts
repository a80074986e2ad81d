import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  newCitizen,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { vn } from '../../testing/time.ts';
import { addDays } from './schedule.ts';

const MIN = 60_000;
/** No public holiday falls in the days the runs use (one day per run from here). */
const FIRST_DAY = '2026-09-07';

type Spec =
  | { kind: 'walk_in'; field: 'A' | 'B'; priority: boolean }
  | { kind: 'remote'; field: 'A' | 'B'; priority: boolean; confirmed: boolean }
  | { kind: 'appointment'; field: 'A' | 'B'; priority: boolean; slotOffsetMin: number };

/** Slots from 15 minutes before "now" (due) to 15 after (early), all open for check-in before "now". */
const SLOT_OFFSETS = [-15, -10, -5, 0, 5, 10, 15];
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    kind: fc.constant('walk_in' as const),
    field: fc.constantFrom('A' as const, 'B' as const),
    priority: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('remote' as const),
    field: fc.constantFrom('A' as const, 'B' as const),
    priority: fc.boolean(),
    confirmed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('appointment' as const),
    field: fc.constantFrom('A' as const, 'B' as const),
    priority: fc.boolean(),
    slotOffsetMin: fc.constantFrom(...SLOT_OFFSETS),
  }),
);

describe('appointments: what people are told is the order they are called in (walk-ins, bookings, numbers from the phone)', () => {
  const clock = manualClock(vn(FIRST_DAY, '07:00'));
  let t: TestContext;
  let admin: StaffSession;
  let centreId: string;
  const fields: Record<string, string> = {};
  const counters: Record<number, string> = {};
  const officers: StaffSession[] = [];
  let run = 0;

  const citizen = () => newCitizen(t.app);
  const book = async (fieldId: string, at: Date) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { ...(await citizen()), 'idempotency-key': randomUUID() },
      payload: { fieldId, startsAt: at.toISOString(), name: 'Lê Văn C', phone: '0987654321' },
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
    return res.json() as { id: string; display: string; ahead: number };
  };
  const walkIn = async (fieldId: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${centreId}/tickets`,
      payload: { fieldId },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; display: string; ahead: number };
  };
  const told = async (id: string) => {
    const res = await t.app.inject(`/api/v1/public/tickets/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { status: string; ahead: number; display: string };
  };
  const remote = async (fieldId: string, confirmed: boolean) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...(await citizen()), 'idempotency-key': randomUUID() },
      payload: { fieldId },
    });
    assert.equal(res.statusCode, 201, res.body);
    const ticket = res.json() as { id: string; display: string; ahead: number; arrivalCode: string };
    if (confirmed) await checkIn(ticket.arrivalCode);
    return ticket;
  };
  /** "Gọi số tiếp theo" until a new number is called (an unconfirmed remote number is called twice first). */
  const callNext = async (who: StaffSession) => {
    const before = (await t.app.inject({ url: '/api/v1/counter', headers: who.headers })).json().current?.id;
    for (;;) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/counter/call-next',
        headers: who.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      const current = res.json().current as { id: string; display: string };
      if (current.id !== before) return current;
    }
  };
  const counterNext = async (who: StaffSession) => {
    const res = await t.app.inject({ url: '/api/v1/counter', headers: who.headers });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().next as { id: string }[]).map((n) => n.id);
  };
  const soonNotified = async (ids: string[]) => {
    if (ids.length === 0) return new Set<string>();
    const rows = await t.database.db
      .selectFrom('citizen_notifications')
      .select('ticket_id')
      .where('kind', '=', 'queue_soon')
      .where('ticket_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.ticket_id));
  };

  before(async () => {
    // One run per day: the officers' sessions must outlive the days the runs span.
    t = await startTestApp({
      clock,
      env: { RATE_LIMIT_PUBLIC_WRITES: '100000', SESSION_IDLE_HOURS: '100000' },
    });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ttpvhcc-tinh');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-thu-tu',
        name: 'Trung tâm thử thứ tự gọi số',
        agencyId: agency,
        walkInInterleave: 2,
        bookingDays: 60,
        sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '17:00' })),
        fields: [
          {
            code: 'ho-tich',
            name: 'Hộ tịch',
            letter: 'A',
            capacity: 100,
            slotMinutes: 5,
            remoteDailyCap: 999,
          },
          {
            code: 'dat-dai',
            name: 'Đất đai',
            letter: 'B',
            capacity: 100,
            slotMinutes: 5,
            remoteDailyCap: 999,
          },
          { code: 'chung-thuc', name: 'Chứng thực', letter: 'H', capacity: 100, slotMinutes: 5 },
        ],
        counters: [
          { number: 1, fieldCodes: ['ho-tich', 'dat-dai'] },
          { number: 2, fieldCodes: ['ho-tich', 'dat-dai'] },
          { number: 3, fieldCodes: ['chung-thuc'] },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    centreId = res.json().id;
    for (const f of res.json().fields as { letter: string; id: string }[]) fields[f.letter] = f.id;
    for (const c of res.json().counters as { number: number; id: string }[]) counters[c.number] = c.id;
    for (const n of [1, 2, 3]) {
      const who = await createStaff(t.app, admin, {
        username: `quay-tt-${n}`,
        role: 'counter_officer',
        agencyId: agency,
      });
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/v1/counter/session',
        headers: who.headers,
        payload: { counterId: counters[n] },
      });
      assert.equal(session.statusCode, 200, session.body);
      officers.push(who);
    }
  });
  after(() => t.close());

  test('the issue: a booked person not yet due is told one ahead of a later walk-in, who is called first', async () => {
    const day = addDays(FIRST_DAY, run++);
    clock.set(vn(day, '07:00'));
    const now = vn(day, '09:00');
    const code = await book(fields.H as string, vn(day, '09:10'));
    clock.set(new Date(now.getTime() - 5 * MIN));
    const h001 = await checkIn(code);
    clock.set(now);
    const h002 = await walkIn(fields.H as string);
    assert.deepEqual([h001.display, h002.display], ['H001', 'H002']);
    assert.equal((await told(h001.id)).ahead, 1, 'H001 is told one person goes first');
    assert.equal(h002.ahead, 0, 'H002 is told it is next');
    assert.deepEqual(await counterNext(officers[2] as StaffSession), [h002.id, h001.id]);
    assert.equal((await callNext(officers[2] as StaffSession)).display, 'H002');
    assert.equal((await told(h001.id)).ahead, 0);
    assert.equal((await callNext(officers[2] as StaffSession)).display, 'H001');
  });

  test('for random mixes, the people ahead, "next", the counter list and the notices follow the calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(0, 1), { minLength: 8, maxLength: 8 }),
        async (specs, whoCalls) => {
          const day = addDays(FIRST_DAY, run++);
          clock.set(vn(day, '07:00'));
          const now = vn(day, '10:00');
          // Bookings first (their slots must still be ahead), then the numbers, one every 10 s before "now".
          const codes = await Promise.all(
            specs.map((s) =>
              s.kind === 'appointment'
                ? book(fields[s.field] as string, new Date(now.getTime() + s.slotOffsetMin * MIN))
                : null,
            ),
          );
          const ids: string[] = [];
          for (const [i, s] of specs.entries()) {
            clock.set(new Date(now.getTime() - 14 * MIN + i * 10_000));
            const code = codes[i];
            const ticket = code
              ? await checkIn(code)
              : s.kind === 'remote'
                ? await remote(fields[s.field] as string, s.confirmed)
                : await walkIn(fields[s.field] as string);
            if (s.priority) {
              const flag = await t.app.inject({
                method: 'POST',
                url: `/api/v1/tickets/${ticket.id}/priority`,
                headers: officers[0]?.headers,
                payload: { priority: true },
              });
              assert.equal(flag.statusCode, 200, flag.body);
            }
            ids.push(ticket.id);
          }
          clock.set(now);
          const withCitizen = new Set(
            specs.flatMap((s, i) => (s.kind === 'walk_in' ? [] : [ids[i] as string])),
          );

          const first = new Map<string, number>();
          for (const id of ids) first.set(id, (await told(id)).ahead);
          const calls: string[] = [];
          const everSoon = new Set<string>();
          for (let step = 0; step < ids.length; step++) {
            const waiting = ids.filter((id) => !calls.includes(id));
            const ahead = new Map<string, number>();
            for (const id of waiting) ahead.set(id, (await told(id)).ahead);
            // Everyone waits in one line here (both counters serve both fields): the places are 0..n-1.
            assert.deepEqual(
              [...ahead.values()].sort((a, b) => a - b),
              waiting.map((_, i) => i),
            );
            const officer = officers[whoCalls[step] ?? 0] as StaffSession;
            const listed = await counterNext(officer);
            const predicted = [...waiting].sort((a, b) => (ahead.get(a) ?? 0) - (ahead.get(b) ?? 0));
            assert.deepEqual(listed, predicted, 'the counter lists the waiting numbers in the told order');
            const called = await callNext(officer);
            assert.equal(ahead.get(called.id), 0, `${called.display} was told it was next`);
            calls.push(called.id);
            const after = ids.filter((id) => !calls.includes(id));
            for (const id of after) if ((await told(id)).ahead <= 3) everSoon.add(id);
            const notified = await soonNotified(after);
            for (const id of after)
              assert.equal(
                notified.has(id),
                withCitizen.has(id) && everSoon.has(id),
                'told "sắp đến lượt" exactly when 3 or fewer are ahead',
              );
          }
          assert.deepEqual(
            calls.map((id) => first.get(id)),
            calls.map((_, i) => i),
            'the places told before the first call are the call order',
          );
          for (const officer of officers.slice(0, 2)) assert.deepEqual(await counterNext(officer), []);
        },
      ),
      { numRuns: 12 },
    );
  });
});
