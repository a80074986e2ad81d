// A province runs more than one node: three server processes on ONE PostgreSQL database and ONE S3-compatible
// photo store, as docs/OPERATIONS.md ("Scaling out") describes. Whatever a citizen or an officer does on one node
// holds on the others: a report filed on A shows its photo on B, a call at a counter on A reaches the board that B
// streams within a second, a session opened on A works on B, failed sign-ins on A lock the account on B, and a job
// sent to the shared queue has its effect once, whichever nodes pick it up. No browser: HTTP against real processes.
// PGlite is one process by design, so this runs only with TEST_DATABASE_URL (or DATABASE_URL) set.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Board, CalendarDay, Centre, Ticket } from '@dltt/contracts';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import sharp from 'sharp';
import { startS3, type TestS3 } from '../../apps/server/src/testing/s3.ts';
import { StaffApi } from '../support/api.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const PG_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
const skip = PG_URL
  ? false
  : 'several nodes share a PostgreSQL database: set TEST_DATABASE_URL (PGlite is one process by design)';
/** The board on another node must show a call this fast after the counter's answer. */
const LIVE_WITHIN_MS = 1_000;
/** Hồ Lắk, Buôn Ma Thuột. */
const BMT = { lat: 12.6807, lng: 108.0378 };
const OFFICER = { username: 'quay-nhieu-nut', fullName: 'Y Bhin Niê', password: 'counter-password-9' };
const MANAGER = { username: 'truong-phong-nhieu-nut', fullName: 'H’Lan Mlô', password: 'manager-password-9' };
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Reads a Server-Sent Events stream and hands over each `event: board` payload with the time it arrived. */
async function followBoard(url: string, signal: AbortSignal, onBoard: (board: Board, at: number) => void) {
  const res = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
  assert.equal(res.status, 200);
  assert.equal(
    res.headers.get('x-accel-buffering'),
    'no',
    'a reverse proxy is told not to buffer the stream',
  );
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(message)?.[1];
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (event === 'board' && data) onBoard(JSON.parse(data) as Board, performance.now());
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
}

describe('several nodes on one PostgreSQL database and one S3 store', { skip }, () => {
  let s3: TestS3;
  const nodes: RunningServer[] = [];
  let adminA: StaffApi;
  let adminB: StaffApi;

  before(async () => {
    s3 = await startS3();
    // Every node gets the same SECRET_KEY (signed cookies and CSRF tokens) and the same store; each its own DATA_DIR.
    // The per-address sign-in limit is per process (docs/OPERATIONS.md): raised here so that it does not answer
    // before the per-account lockout under test, which every node reads from the database.
    const env = { ...s3.env(), SECRET_KEY: randomBytes(32).toString('hex'), RATE_LIMIT_LOGIN: '100' };
    const a = await startServer(env);
    nodes.push(a);
    // B and C join A's database; A (the first) migrated it, the others find it current.
    nodes.push(
      ...(await Promise.all([
        startServer(env, { database: a.reuse.database }),
        startServer(env, { database: a.reuse.database }),
      ])),
    );
    adminA = await new StaffApi(a.baseUrl).login('admin', await a.adminPassword());
    adminB = await new StaffApi(nodes[1]!.baseUrl).login('admin', await a.adminPassword());
  });
  after(async () => {
    // The joined nodes first: A's stop drops the database they use.
    for (const node of nodes.slice(1)) await node.stop();
    await nodes[0]?.stop();
    await s3?.close();
  });

  const node = (i: number) => (): string => {
    const running = nodes[i];
    if (!running) throw new Error(`node ${i} did not start`);
    return running.baseUrl;
  };
  const [A, B, C] = [node(0), node(1), node(2)];

  test('a session opened on A works on B and C; signing out on B ends it on A', async () => {
    const login = await fetch(`${A()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: await nodes[0]!.adminPassword() }),
    });
    assert.equal(login.status, 200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const base of [B(), C()]) {
      const session = await fetch(`${base}/api/v1/auth/session`, { headers: { cookie } });
      assert.equal(session.status, 200, `the session opened on A is valid at ${base}`);
    }
    // A write (CSRF-checked) on C with the token A issued.
    const write = await fetch(`${C()}/api/v1/calendar-days/2099-01-02`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ working: false, name: 'Ngày nghỉ thử nghiệm' }),
    });
    assert.equal(write.status, 200, await write.text());
    const logout = await fetch(`${B()}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    assert.ok(logout.status < 300, `logout on B: ${logout.status}`);
    const gone = await fetch(`${A()}/api/v1/auth/session`, { headers: { cookie } });
    assert.equal(gone.status, 401, 'signed out on B is signed out on A');
  });

  test('a report filed on A with its photo is served by B, byte for byte', async () => {
    const session = await fetch(`${A()}/api/v1/citizen/session`, { method: 'POST' });
    const auth = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
    const jpeg = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const upload = await fetch(`${A()}/api/v1/report-photos`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    const categories = await adminA.call<{ id: string; code: string }[]>('GET', '/categories');
    const filed = await fetch(`${A()}/api/v1/reports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        categoryId: categories.find((c) => c.code === 'khac')?.id,
        photoIds: [((await upload.json()) as { id: string }).id],
        location: { ...BMT, accuracy: 10, source: 'gps' },
        description: 'Cột điện nghiêng sát mái nhà trên đường Hùng Vương.',
        consent: true,
      }),
    });
    assert.equal(filed.status, 201, await filed.clone().text());
    const { code } = (await filed.json()) as { code: string };

    const onB = await adminB.call<{ photos: { id: string }[] }>('GET', `/staff/reports/${code}`);
    assert.equal(onB.photos.length, 1);
    const photoId = onB.photos[0]!.id;
    for (const size of ['full', 'thumb']) {
      const fromA = await adminA.bytes(`/staff/report-photos/${photoId}/${size}`);
      const fromB = await adminB.bytes(`/staff/report-photos/${photoId}/${size}`);
      assert.ok(((await sharp(fromA).metadata()).width ?? 0) > 0, `${size}: an image`);
      assert.ok(fromB.equals(fromA), `${size}: B serves the bytes A stored`);
    }
    // The photo is in the shared bucket, not on A's disk: B had nowhere else to read it from.
    const listing = await (await fetch(`${s3.endpoint}/dltt-photos`)).text();
    assert.match(listing, new RegExp(photoId), 'the photo lives in the S3 bucket');
  });

  test('a call at a counter on A reaches the board streamed by B within a second', async () => {
    const today = vietnamToday();
    const days = await adminA.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working))
      await adminA.call('PUT', `/calendar-days/${today}`, {
        working: true,
        name: 'Ngày làm việc thử nghiệm',
      });
    const agencyId = await adminA.communeCommittee('24133');
    const centre = await adminA.call<Centre>('POST', '/admin/centres', {
      code: 'nhieu-nut-e2e',
      name: 'Bộ phận một cửa nhiều máy chủ',
      agencyId,
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A' }],
      counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
    });
    await adminA.addStaff({ ...OFFICER, role: 'counter_officer', agencyId });
    const officer = await new StaffApi(A()).login(OFFICER.username, OFFICER.password);
    await officer.call('POST', '/counter/session', { counterId: centre.counters[0]?.id });
    // The number is taken at a kiosk served by C.
    const walkIn = await fetch(`${C()}/api/v1/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: centre.fields[0]?.id }),
    });
    assert.equal(walkIn.status, 201, await walkIn.clone().text());
    const ticket = (await walkIn.json()) as Ticket;

    const boards: { board: Board; at: number }[] = [];
    const stop = new AbortController();
    try {
      await followBoard(`${B()}/api/v1/public/centres/${centre.id}/board/stream`, stop.signal, (board, at) =>
        boards.push({ board, at }),
      );
      for (let i = 0; boards.length === 0 && i < 100; i++) await sleep(50);
      assert.equal(boards[0]?.board.counters[0]?.current, null, 'the first board: nobody called yet');

      await officer.call('POST', '/counter/call-next');
      const answered = performance.now();
      const shown = () => boards.find((b) => b.board.counters[0]?.current === ticket.display);
      for (let i = 0; !shown() && i < 60; i++) await sleep(50);
      const call = shown();
      assert.ok(call, `B's board shows ${ticket.display} at counter 1 (boards: ${boards.length})`);
      assert.ok(
        call.at - answered < LIVE_WITHIN_MS,
        `on B's board ${Math.round(call.at - answered)} ms after A answered`,
      );
    } finally {
      stop.abort();
    }
  });

  test('failed sign-ins on A lock the account on B and C', async () => {
    await adminA.addStaff({ ...MANAGER, role: 'dispatcher' });
    const attempt = (base: string, password: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: MANAGER.username, password }),
      });
    // LOGIN_MAX_FAILURES is 5 by default: the fifth wrong password on A locks the account.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(A(), `wrong-password-${i}`)).status);
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.equal(statuses[4], 423);
    for (const base of [B(), C()]) {
      const res = await attempt(base, MANAGER.password);
      assert.equal(res.status, 423, `the right password on ${base} meets the lock`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'ACCOUNT_LOCKED');
    }
  });

  test('a job sent to the shared queue has its effect once, whichever node runs it', async () => {
    // An open report past its acceptance deadline: the overdue watch (mark-overdue-reports) marks it and tells the
    // agency's managers once. Each node runs a worker on the same pg-boss queue.
    const url = nodes[0]!.reuse.database!.url;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
    });
    try {
      const {
        rows: [report],
      } = await db.query<{ id: string }>(
        `UPDATE reports SET accept_due_at = now() - interval '1 hour', resolve_due_at = now() + interval '1 day'
          WHERE id = (SELECT id FROM reports WHERE status = 'submitted' ORDER BY created_at LIMIT 1)
          RETURNING id`,
      );
      assert.ok(report, 'the report filed earlier is waiting for acceptance');
      const manager = await adminA.addStaff({
        username: 'quan-ly-nhieu-nut',
        password: 'manager-password-8',
        fullName: 'Nguyễn Thị Quản Lý',
        role: 'agency_manager',
        agencyId: (
          await db.query<{ agency_id: string }>('SELECT agency_id FROM reports WHERE id = $1', [report.id])
        ).rows[0]!.agency_id,
      });

      boss.on('error', () => {});
      await boss.start();
      // Eight runs at once: every node's worker takes some of them.
      const ids = await Promise.all(
        Array.from({ length: 8 }, () => boss.send('mark-overdue-reports', { v: 1 })),
      );
      const done = async () =>
        (
          await db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state = 'completed'",
            [ids],
          )
        ).rows[0]!.n;
      for (let i = 0; (await done()) < ids.length && i < 150; i++) await sleep(200);
      assert.equal(await done(), ids.length, 'every run completed');

      const events = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM report_events WHERE report_id = $1 AND kind = 'overdue'",
        [report.id],
      );
      assert.equal(events.rows[0]!.n, 1, 'one overdue entry in the report history');
      const told = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM staff_notifications WHERE report_id = $1 AND kind = 'overdue' AND staff_user_id = $2",
        [report.id, manager.id],
      );
      assert.equal(told.rows[0]!.n, 1, 'the manager is told once');
    } finally {
      await boss.stop({ graceful: false }).catch(() => {});
      await db.end();
    }
  });
});
