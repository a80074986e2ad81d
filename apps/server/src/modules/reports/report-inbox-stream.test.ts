import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { InboxPulse } from '@dltt/contracts';
import { manualClock } from '../../clock.ts';
import { startFanout } from '../../events/fanout.ts';
import { QUEUE_CHANGED, REPORTS_CHANGED } from '../../events/topics.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startOtherApp,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { type CitizenAuth, reportKit, TUY_HOA } from '../../testing/reports.ts';
import { openSse, type SseEvent, type SseReader } from '../../testing/sse.ts';

type Kit = Awaited<ReturnType<typeof reportKit>>;
const pulse = (e: SseEvent) => e.data as InboxPulse;

describe('field reports: inboxes refresh live (Server-Sent Events), each within its own scope', () => {
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let kit: Kit;
  let citizen: CitizenAuth;
  let base: string;
  let officerA: StaffSession;
  let officerB: StaffSession;
  let dispatcher: StaffSession;
  let agencyB: string;
  const open: SseReader[] = [];

  const inbox = async (who: StaffSession, since?: string) => {
    const sse = await openSse(
      `${base}/api/v1/staff/reports/stream${since ? `?since=${encodeURIComponent(since)}` : ''}`,
      { cookie: who.headers.cookie },
    );
    open.push(sse);
    return sse;
  };
  /** The next event after the `seen` first ones. */
  const next = (sse: SseReader, seen: number) => sse.waitFor((e) => sse.events.indexOf(e) >= seen);

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '10000' } });
    kit = await reportKit(t);
    citizen = await kit.newCitizen();
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agencyA = await agencyId(t.database, 'ubnd-24133');
    agencyB = await agencyId(t.database, 'ubnd-22015');
    officerA = await createStaff(t.app, admin, {
      username: 'inbox-a',
      role: 'agency_officer',
      agencyId: agencyA,
    });
    officerB = await createStaff(t.app, admin, {
      username: 'inbox-b',
      role: 'agency_officer',
      agencyId: agencyB,
    });
    dispatcher = await createStaff(t.app, admin, { username: 'inbox-dispatcher', role: 'dispatcher' });
    // Province-wide rules: health reports go to A, education reports to B.
    for (const [category, agency] of [
      ['y-te', agencyA],
      ['giao-duc', agencyB],
    ] as const) {
      const rule = await t.app.inject({
        method: 'POST',
        url: '/api/v1/routing-rules',
        headers: admin.headers,
        payload: { categoryId: kit.categories[category], communeCode: null, agencyId: agency },
      });
      assert.equal(rule.statusCode, 201, rule.body);
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const sse of open) await sse.close();
    await t.close();
  });

  test('a report filed to agency A reaches the streams of A and the dispatcher, never B; counts stay in scope', async () => {
    // Each stream starts with the state now; its time is the officer's "seen until".
    const first = await inbox(officerA);
    const seenUntil = pulse(await first.waitFor(() => true)).at;
    const a = await inbox(officerA, seenUntil);
    const b = await inbox(officerB, seenUntil);
    const d = await inbox(dispatcher, seenUntil);
    for (const sse of [a, b, d]) {
      assert.equal(sse.response.status, 200);
      assert.equal(sse.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.deepEqual(pulse(await sse.waitFor((e) => e.event === 'inbox')).newCount, 0);
    }

    clock.advance(60_000);
    await kit.file(citizen, { categoryId: kit.categories['y-te'] });
    assert.equal(pulse(await next(a, 1)).newCount, 1, "A hears of A's report");
    assert.equal(pulse(await next(d, 1)).newCount, 1, 'the dispatcher hears of every agency');

    await kit.file(citizen, {
      categoryId: kit.categories['giao-duc'],
      location: { ...TUY_HOA, accuracy: 10, source: 'gps' },
    });
    assert.equal(pulse(await next(b, 1)).newCount, 1, "B counts its own report only, not A's");
    assert.equal(pulse(await next(d, 2)).newCount, 2);
    assert.equal(b.events.length, 2, `B heard nothing of A's report: ${JSON.stringify(b.events)}`);
    assert.equal(a.events.length, 2, `A heard nothing of B's report: ${JSON.stringify(a.events)}`);
    // No event carries a report's content: counts and a time only.
    for (const e of [...a.events, ...b.events, ...d.events]) {
      assert.deepEqual(Object.keys(e.data as object).sort(), ['at', 'newCount']);
    }
  });

  test("a change to A's report (accept, transfer to B) reaches A's and then B's open inbox", async () => {
    const a = await inbox(officerA);
    const b = await inbox(officerB);
    await a.waitFor(() => true);
    await b.waitFor(() => true);
    const filed = await kit.file(citizen, { categoryId: kit.categories['y-te'] });
    await next(a, 1);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/reports/${filed.code}/accept`,
      headers: dispatcher.headers,
      payload: {},
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    await next(a, 2);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/reports/${filed.code}/transfer`,
      headers: dispatcher.headers,
      payload: { agencyId: agencyB, reason: 'Thuộc lĩnh vực của đơn vị khác.' },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    await next(a, 3);
    await next(b, 1);
  });

  test('on PostgreSQL, a report filed through one process reaches the inboxes of another (LISTEN/NOTIFY)', async (ctx) => {
    if (t.database.kind !== 'postgres') return ctx.skip('PGlite runs in one process');
    const other = await startOtherApp(t, clock);
    const topics = (app: typeof other) => ({
      [QUEUE_CHANGED]: app.services.queueEvents,
      [REPORTS_CHANGED]: app.services.reportEvents,
    });
    const stops = [
      await startFanout(t.database, topics(t.app), () => {}),
      await startFanout(t.database, topics(other), () => {}),
    ];
    try {
      const heard = new Promise<string>((resolve) => other.services.reportEvents.subscribe(resolve));
      await kit.file(citizen, { categoryId: kit.categories['giao-duc'] });
      assert.equal(await heard, agencyB);
    } finally {
      for (const stop of stops) await stop();
      await other.close();
    }
  });

  test("a disabled officer's open stream ends at the next change and tells nothing more", async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const leaving = await createStaff(t.app, admin, {
      username: 'inbox-leaving',
      role: 'agency_officer',
      agencyId: agencyB,
    });
    const sse = await inbox(leaving);
    await sse.waitFor(() => true);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff-users/${leaving.userId}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    await kit.file(citizen, {
      categoryId: kit.categories['giao-duc'],
      location: { ...TUY_HOA, accuracy: 10, source: 'gps' },
    });
    const stillOpen = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error('the stream stayed open')), 5000).unref();
    });
    await Promise.race([sse.ended, stillOpen]);
    assert.equal(sse.events.length, 1, 'no event after the session ended');
  });

  test('the stream is for staff who handle reports: anonymous 401, a counter officer 403', async () => {
    const anonymous = await t.app.inject('/api/v1/staff/reports/stream');
    assert.equal(anonymous.statusCode, 401);
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const counter = await createStaff(t.app, admin, {
      username: 'inbox-counter',
      role: 'counter_officer',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
    });
    const refused = await t.app.inject({ url: '/api/v1/staff/reports/stream', headers: counter.headers });
    assert.equal(refused.statusCode, 403);
    const bad = await t.app.inject({
      url: '/api/v1/staff/reports/stream?since=yesterday',
      headers: officerA.headers,
    });
    assert.equal(bad.statusCode, 400);
  });
});
