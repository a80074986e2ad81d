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
  TEST_DATABASE_URL,
  type TestContext,
} from '../../testing/harness.ts';
import { vn } from '../../testing/time.ts';

const TODAY = '2026-09-03';

describe('appointments: "Lấy số từ xa", a number taken from the phone', () => {
  // Thursday 3 September 2026, 09:00 in Vietnam: the centre is open.
  const clock = manualClock(vn(TODAY, '09:00'));
  let t: TestContext;
  let admin: StaffSession;
  let agency: string;
  let officer: StaffSession;
  let centreId: string;
  let otherCentreId: string;
  const fields: Record<string, string> = {};

  const citizen = () => newCitizen(t.app);
  const take = (who: Record<string, string>, fieldId: string, key: string = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...who, 'idempotency-key': key },
      payload: { fieldId },
    });
  const kiosk = (centre: string, code: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/centres/${centre}/check-in`, payload: { code } });
  const counter = (action: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/counter/${action}`, headers: officer.headers });
  const centre = async (code: string, fieldList: object[], counterFields: string[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code,
        name: `Trung tâm ${code}`,
        agencyId: agency,
        sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00' })),
        fields: fieldList,
        counters: [{ number: 1, fieldCodes: counterFields }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    for (const f of res.json().fields as { code: string; id: string }[]) fields[f.code] = f.id;
    return res.json() as { id: string; counters: { id: string }[] };
  };

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '100000' } });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    agency = await agencyId(t.database, 'ttpvhcc-tinh');
    const main = await centre(
      'tt-tu-xa',
      [
        { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', remoteDailyCap: 2 },
        { code: 'dat-dai', name: 'Đất đai', letter: 'B' },
        { code: 'chung-thuc', name: 'Chứng thực', letter: 'C', remoteDailyCap: 50 },
        { code: 'dua-tranh', name: 'Đua tranh', letter: 'D', remoteDailyCap: 5 },
      ],
      ['chung-thuc'],
    );
    centreId = main.id;
    otherCentreId = (
      await centre('tt-khac', [{ code: 'khac', name: 'Khác', letter: 'K', remoteDailyCap: 9 }], ['khac'])
    ).id;
    officer = await createStaff(t.app, admin, {
      username: 'quay-tu-xa',
      role: 'counter_officer',
      agencyId: agency,
    });
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/counter/session',
      headers: officer.headers,
      payload: { counterId: main.counters[0]?.id },
    });
    assert.equal(session.statusCode, 200, session.body);
  });
  after(() => t.close());

  test('take a number: once per key, one live number per centre, only for open fields and hours', async () => {
    const me = await citizen();
    const key = randomUUID();
    const first = await take(me, fields['ho-tich'] as string, key);
    assert.equal(first.statusCode, 201, first.body);
    const ticket = first.json();
    assert.deepEqual(
      [ticket.display, ticket.kind, ticket.status, ticket.confirmed, ticket.ahead],
      ['A001', 'remote', 'waiting', false, 0],
    );
    assert.match(ticket.arrivalCode, /^[A-Z2-9]{8}$/);
    const again = await take(me, fields['ho-tich'] as string, key);
    assert.deepEqual([again.statusCode, again.json().id], [200, ticket.id], 'a retry gives the same number');
    assert.deepEqual(errorOf(await take(me, fields['chung-thuc'] as string)), [
      409,
      'REMOTE_ALREADY_HOLDING',
    ]);
    assert.equal((await take(me, fields.khac as string)).statusCode, 201, 'another centre is another line');
    const mine = await t.app.inject({ url: '/api/v1/me/tickets', headers: me });
    assert.deepEqual(
      mine
        .json()
        .map((x: { display: string }) => x.display)
        .sort(),
      ['A001', 'K001'],
    );

    const other = await citizen();
    assert.deepEqual(errorOf(await take(other, fields['dat-dai'] as string)), [409, 'REMOTE_FIELD_CLOSED']);
    assert.deepEqual(errorOf(await take(other, randomUUID())), [404, 'FIELD_NOT_FOUND']);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: other,
      payload: { fieldId: fields['ho-tich'] },
    });
    assert.equal(noKey.statusCode, 400);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { 'idempotency-key': randomUUID() },
      payload: { fieldId: fields['ho-tich'] },
    });
    assert.equal(anonymous.statusCode, 401);
    try {
      clock.set(vn(TODAY, '17:00'));
      assert.deepEqual(errorOf(await take(other, fields['ho-tich'] as string)), [409, 'CENTRE_NOT_OPEN_NOW']);
      assert.equal((await t.app.inject(`/api/v1/centres/${centreId}/remote`)).json().open, false);
      clock.set(vn('2026-09-05', '09:00'));
      assert.deepEqual(errorOf(await take(other, fields['ho-tich'] as string)), [400, 'CENTRE_CLOSED']);
    } finally {
      clock.set(vn(TODAY, '09:00'));
    }
  });

  test("the field's daily cap: numbers left today, then refused", async () => {
    const today = async () =>
      (await t.app.inject(`/api/v1/centres/${centreId}/remote`)).json() as {
        open: boolean;
        fields: { letter: string; remaining: number; waiting: number }[];
      };
    const before = await today();
    assert.equal(before.open, true);
    assert.deepEqual(
      before.fields.map((f) => [f.letter, f.remaining]),
      [
        ['A', 1],
        ['C', 50],
        ['D', 5],
      ],
      'fields without a cap are not offered',
    );
    assert.equal((await take(await citizen(), fields['ho-tich'] as string)).statusCode, 201);
    assert.deepEqual(errorOf(await take(await citizen(), fields['ho-tich'] as string)), [
      409,
      'REMOTE_CAP_REACHED',
    ]);
    assert.equal((await today()).fields.find((f) => f.letter === 'A')?.remaining, 0);
  });

  test('confirmed at the kiosk with the same box as a booking code; the answer is the ticket', async () => {
    const me = await citizen();
    const ticket = (await take(me, fields['chung-thuc'] as string)).json();
    assert.deepEqual(errorOf(await kiosk(otherCentreId, ticket.arrivalCode)), [404, 'BOOKING_NOT_FOUND']);
    const confirmed = await kiosk(centreId, ticket.arrivalCode.toLowerCase());
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(
      [confirmed.json().id, confirmed.json().confirmed, confirmed.json().arrivalCode],
      [ticket.id, true, null],
    );
    const twice = await kiosk(centreId, ticket.arrivalCode);
    assert.deepEqual([twice.statusCode, twice.json().id], [200, ticket.id]);
    // Served: the number is done, and the person may take another.
    let current = (await counter('call-next')).json().current;
    assert.equal(current.id, ticket.id);
    assert.equal((await counter('served')).statusCode, 200);
    assert.deepEqual(errorOf(await kiosk(centreId, ticket.arrivalCode)), [409, 'REMOTE_TICKET_ENDED']);
    assert.equal((await take(me, fields['chung-thuc'] as string)).statusCode, 201);
    // At the counter: the officer confirms the called person.
    current = (await counter('call-next')).json().current;
    assert.equal(current.confirmed, false);
    const atCounter = await counter('confirm');
    assert.equal(atCounter.json().current.confirmed, true);
    assert.equal((await counter('served')).statusCode, 200);
  });

  test('an unconfirmed number is called twice, then marked absent', async () => {
    const me = await citizen();
    const ticket = (await take(me, fields['chung-thuc'] as string)).json();
    const walkIn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${centreId}/tickets`,
      payload: { fieldId: fields['chung-thuc'] },
    });
    assert.equal(walkIn.statusCode, 201);
    const first = (await counter('call-next')).json().current;
    assert.deepEqual([first.id, first.recalls], [ticket.id, 0]);
    // Not confirmed: "next" calls the same number a second time instead of moving on.
    const second = (await counter('call-next')).json().current;
    assert.deepEqual([second.id, second.recalls], [ticket.id, 1]);
    const next = (await counter('call-next')).json().current;
    assert.equal(next.id, walkIn.json().id);
    const gone = (await t.app.inject(`/api/v1/public/tickets/${ticket.id}`)).json();
    assert.deepEqual([gone.status, gone.arrivalCode], ['absent', null]);
    assert.deepEqual(errorOf(await kiosk(centreId, ticket.arrivalCode)), [409, 'REMOTE_TICKET_ENDED']);
    // A recall by the button counts as the second call too.
    const another = (await take(me, fields['chung-thuc'] as string)).json();
    assert.equal((await counter('call-next')).json().current.id, another.id);
    assert.equal((await counter('recall')).json().current.recalls, 1);
    assert.deepEqual(errorOf(await counter('call-next')), [409, 'QUEUE_EMPTY']);
    assert.equal((await counter('absent')).statusCode, 200);
    const notes = (await t.app.inject({ url: '/api/v1/me/notifications', headers: me })).json();
    assert.ok(
      notes.items.some(
        (n: { kind: string; ticketDisplay: string }) =>
          n.kind === 'queue_called' && n.ticketDisplay === ticket.display,
      ),
      'the holder is told when called',
    );
  });

  test('concurrent requests: the last places under the cap, one live number, one number per key', async () => {
    const n = TEST_DATABASE_URL ? 40 : 12;
    const people = await Promise.all(Array.from({ length: n }, () => citizen()));
    const results = await Promise.all(people.map((p) => take(p, fields['dua-tranh'] as string)));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 5, 'exactly the cap');
    assert.ok(results.every((r) => r.statusCode === 201 || r.json().error.code === 'REMOTE_CAP_REACHED'));
    const numbers = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().display));
    assert.equal(numbers.size, 5);

    const me = await citizen();
    const keys = await Promise.all(Array.from({ length: 8 }, () => take(me, fields.khac as string)));
    assert.equal(keys.filter((r) => r.statusCode === 201).length, 1, 'one live number per person and centre');
    assert.ok(keys.every((r) => r.statusCode === 201 || r.json().error.code === 'REMOTE_ALREADY_HOLDING'));

    const again = await citizen();
    const key = randomUUID();
    const same = await Promise.all(Array.from({ length: 8 }, () => take(again, fields.khac as string, key)));
    assert.ok(
      same.every((r) => r.statusCode === 201 || r.statusCode === 200),
      same.map((r) => r.body).join(),
    );
    assert.equal(new Set(same.map((r) => r.json().id)).size, 1, 'a retried request gives the same number');
    assert.equal(same.filter((r) => r.statusCode === 201).length, 1);
  });
});
