// PostgreSQL lost and back, as the real server process meets it: a TCP proxy between the server and the database
// is cut mid-load (connections refused, then black-holed so they hang) and restored. The server must answer 503
// DATABASE_UNAVAILABLE within its configured timeouts, never crash, and resume by itself; nothing acknowledged is
// lost and a request refused in the cut, repeated with its Idempotency-Key, files exactly one report.
// Needs PostgreSQL (TEST_DATABASE_URL or DATABASE_URL); the embedded database has no network to lose.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import sharp from 'sharp';
import { StaffApi } from '../support/api.ts';
import { type CuttableProxy, type Outage, startCuttableProxy } from '../support/cuttable-proxy.ts';
import { BMT } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const PG_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

/** Short on purpose so the test is quick; the defaults (5 s / 15 s / 10 s) behave the same, only slower. */
const TIMEOUTS = { connectMs: 1500, queryMs: 3000, statementMs: 2500 };
/** No answer may take longer: the longest wait is a pool checkout plus one read, and a margin for a busy machine. */
const ANSWER_BOUND_MS = TIMEOUTS.connectMs + TIMEOUTS.queryMs + 3000;

const RESERVED_PHOTOS = 4;

interface Answer {
  status: number;
  code?: string;
  ms: number;
}

describe('database lost and back (PostgreSQL through a cuttable proxy)', {
  skip: PG_URL
    ? false
    : 'needs PostgreSQL: set TEST_DATABASE_URL (the embedded database has no network to lose)',
}, () => {
  let proxy: CuttableProxy;
  let server: RunningServer;
  let direct: pg.Client;
  let officer: StaffApi;
  let auth: { authorization: string };
  let categoryId: string;
  const photos: string[] = [];
  /** Report codes the server acknowledged with 201: every one must be in the database at the end. */
  const acknowledged: string[] = [];

  const url = (p: string) => `${server.baseUrl}${p}`;
  const timed = async (input: string, init: RequestInit = {}): Promise<Answer & { body: unknown }> => {
    const started = performance.now();
    const res = await fetch(input, { ...init, signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
    const text = await res.text();
    const body: unknown = text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
    const code = (body as { error?: { code?: string } } | null)?.error?.code;
    return { status: res.status, ms: performance.now() - started, body, ...(code ? { code } : {}) };
  };
  const fileReport = (key: string, photoId: string, lang = 'vi') =>
    timed(url('/api/v1/reports'), {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'idempotency-key': key,
        'accept-language': lang,
      },
      body: JSON.stringify({
        categoryId,
        photoIds: [photoId],
        location: { lat: BMT.latitude, lng: BMT.longitude, accuracy: 12, source: 'gps' },
        description: 'Đèn đường trước chợ bị tắt nhiều đêm liền.',
        consent: true,
      }),
    });
  const readyz = async () =>
    (await fetch(url('/readyz'), { signal: AbortSignal.timeout(ANSWER_BOUND_MS) })).status;
  /** Polls /readyz until it answers `status`; returns how long that took. */
  const readyzTurns = async (status: number, withinMs: number) => {
    const started = performance.now();
    for (;;) {
      if ((await readyz()) === status) return performance.now() - started;
      assert.ok(performance.now() - started < withinMs, `/readyz did not turn ${status} in ${withinMs} ms`);
      await sleep(100);
    }
  };

  /**
   * Four clients filing reports and reading categories until stopped; every answer is kept. A report refused
   * with 503 is kept with its key and photo: the client repeats it after the return, as the app does. (Its
   * photo is not reused: a 503 may hide a commit that reached the database, which the key then finds.)
   */
  /** Photos for the reports of one outage (each photo goes with one report). */
  const uploadPhotos = async (n: number) => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#446688' } })
      .jpeg()
      .toBuffer();
    for (let i = 0; i < n; i++) {
      const res = await fetch(url('/api/v1/report-photos'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpeg),
      });
      assert.equal(res.status, 201, await res.clone().text());
      photos.push(((await res.json()) as { id: string }).id);
    }
  };

  const load = () => {
    let running = true;
    const answers: Answer[] = [];
    const refusedReports: { key: string; photo: string }[] = [];
    const worker = async () => {
      for (let turn = 0; running; turn++) {
        // Every other request files a report; photos are kept for the reports the test itself sends.
        const photo = turn % 2 === 0 && photos.length > RESERVED_PHOTOS ? photos.pop() : undefined;
        const key = randomUUID();
        const answer = photo ? await fileReport(key, photo) : await timed(url('/api/v1/categories'));
        if (answer.status === 201) acknowledged.push((answer.body as { code: string }).code);
        if (photo && answer.status === 503) refusedReports.push({ key, photo });
        answers.push(answer);
        await sleep(answer.status === 503 ? 250 : 30);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    return {
      refusedReports,
      async stop() {
        running = false;
        await Promise.all(workers);
        return answers;
      },
    };
  };

  before(async () => {
    const target = new URL(PG_URL!);
    proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer(
      {
        DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUTS.connectMs),
        DATABASE_QUERY_TIMEOUT_MS: String(TIMEOUTS.queryMs),
        DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUTS.statementMs),
        RATE_LIMIT_PUBLIC_WRITES: '100000',
      },
      { databaseProxyPort: proxy.port },
    );
    direct = new pg.Client({ connectionString: server.reuse.database!.url });
    await direct.connect();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    await admin.addStaff({
      username: 'can-bo-mat-ket-noi',
      password: 'staff-password-123',
      fullName: 'Nguyễn Thị Kết Nối',
      role: 'agency_officer',
      agencyId: await admin.communeCommittee('24133'),
    });
    officer = await new StaffApi(server.baseUrl).login('can-bo-mat-ket-noi', 'staff-password-123');
    const session = await (await fetch(url('/api/v1/citizen/session'), { method: 'POST' })).json();
    auth = { authorization: `Bearer ${(session as { token: string }).token}` };
    const categories = (await (await fetch(url('/api/v1/categories'))).json()) as {
      id: string;
      code: string;
    }[];
    categoryId = categories.find((c) => c.code === 'ha-tang-do-thi')!.id;
  });
  after(async () => {
    await direct?.end();
    const code = await server?.stop();
    await proxy?.close();
    assert.equal(code, 0, `the server stopped cleanly after the outages\n${server?.output()}`);
  });

  for (const outage of ['refused', 'black-holed'] satisfies Outage[]) {
    test(`${outage}: 503 DATABASE_UNAVAILABLE in bounded time, no crash; back by itself, nothing lost`, async () => {
      await uploadPhotos(70);
      const before = load();
      await sleep(1000);
      await proxy.cut(outage);
      const cutAt = new Date();
      const during = load();
      const toUnready = await readyzTurns(503, 4000);

      // A report sent in the cut is refused with a clear answer, in Vietnamese and in English.
      const key = randomUUID();
      const photo = photos.pop()!;
      const refused = await fileReport(key, photo);
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.code, 'DATABASE_UNAVAILABLE');
      assert.match(
        (refused.body as { error: { message: string } }).error.message,
        /^Hệ thống đang tạm gián đoạn kết nối dữ liệu, vui lòng thử lại sau ít phút\./,
      );
      const refusedEn = await fileReport(key, photo, 'en');
      assert.equal(refusedEn.code, 'DATABASE_UNAVAILABLE');
      assert.match(
        (refusedEn.body as { error: { message: string } }).error.message,
        /^The database cannot be reached/,
      );

      // Long enough for every pooled connection and every read to meet its timeout.
      await sleep(TIMEOUTS.connectMs + TIMEOUTS.queryMs + 500);
      assert.equal(server.process.exitCode, null, `the server is still running\n${server.output()}`);
      const answers = [...(await before.stop()), ...(await during.stop())];

      await proxy.restore();
      const restoredAt = new Date();
      const toReady = await readyzTurns(200, 5000);

      // Every report refused in the cut, sent again with the same key, is filed exactly once: 201 when the cut
      // stopped it, 200 (the replay) when its commit reached the database but the answer did not reach us.
      const again = [{ key, photo }, ...before.refusedReports, ...during.refusedReports];
      assert.ok(again.length > 1, 'reports of the load were refused in the cut too');
      const replays: number[] = [];
      for (const r of again) {
        const retried = await fileReport(r.key, r.photo);
        assert.ok([200, 201].includes(retried.status), JSON.stringify(retried.body));
        acknowledged.push((retried.body as { code: string }).code);
        replays.push(retried.status);
      }
      const perKey = await direct.query(
        'select idempotency_key, count(*)::int as n from reports where idempotency_key = any($1) group by 1',
        [again.map((r) => r.key)],
      );
      assert.equal(perKey.rowCount, again.length, 'every repeated report is in the database');
      assert.ok(
        perKey.rows.every((r: { n: number }) => r.n === 1),
        'exactly one report per key refused in the cut',
      );

      const after = load();
      await sleep(1000);
      const afterAnswers = await after.stop();

      // Every answer was a success or a clear 503, in bounded time; the 503s came from the cut.
      const unexpected = [...answers, ...afterAnswers].filter(
        (a) =>
          !(a.status === 200 || a.status === 201 || (a.status === 503 && a.code === 'DATABASE_UNAVAILABLE')),
      );
      assert.deepEqual(unexpected, [], 'only successes and 503 DATABASE_UNAVAILABLE');
      const refusedCount = answers.filter((a) => a.status === 503).length;
      assert.ok(refusedCount > 0, 'the load met the cut');
      const slowest = Math.max(...answers.map((a) => a.ms));
      assert.ok(slowest < ANSWER_BOUND_MS, `slowest answer ${Math.round(slowest)} ms`);
      assert.ok(
        afterAnswers.length > 0 && afterAnswers.every((a) => a.status === 200 || a.status === 201),
        'after the return, everything works again without a restart',
      );

      // Nothing acknowledged is lost.
      const found = await direct.query('select code from reports where code = any($1)', [acknowledged]);
      assert.equal(
        found.rowCount,
        acknowledged.length,
        'every report acknowledged with 201 is in the database',
      );

      // Jobs resume: a report accepted now queues its notifications and the worker completes them.
      const code = acknowledged.at(-1)!;
      await officer.call('POST', `/staff/reports/${code}/accept`, {});
      const jobDeadline = Date.now() + 15_000;
      for (;;) {
        const jobs = await direct.query(
          `select state from pgboss.job where name = 'deliver-report-notifications' and created_on > $1`,
          [restoredAt],
        );
        if (jobs.rows.some((j: { state: string }) => j.state === 'completed')) break;
        assert.ok(
          Date.now() < jobDeadline,
          `no notification job completed after the return: ${JSON.stringify(jobs.rows)}`,
        );
        await sleep(200);
      }

      assert.equal(server.process.exitCode, null);
      console.log(
        `# ${outage}: /readyz 503 after ${Math.round(toUnready)} ms, 200 again ${Math.round(toReady)} ms after ` +
          `the return; ${answers.length} answers in and around the cut, ${refusedCount} refused with 503, ` +
          `slowest ${Math.round(slowest)} ms (bound ${ANSWER_BOUND_MS}); ${again.length} repeated after the ` +
          `return: ${replays.filter((s) => s === 201).length} filed, ${replays.filter((s) => s === 200).length} ` +
          `had been committed in the cut (replayed); cut at ${cutAt.toISOString()}`,
      );
    });
  }

  test('the outage is logged as warnings with counts, not a stack per request; no crash, no unhandled error', () => {
    const out = server.output();
    assert.match(out, /database unavailable: answering 503/);
    assert.doesNotMatch(out, /Unhandled|uncaught|"level":50/i, out.slice(-4000));
  });

  test('a database still away at start is waited for, not a crash loop', async () => {
    const target = new URL(PG_URL!);
    const late = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await late.cut('refused');
    const back = sleep(3000).then(() => late.restore());
    let second: RunningServer | undefined;
    try {
      // startServer waits for /readyz; the process must still be there when the database comes.
      second = await startServer({}, { databaseProxyPort: late.port });
      await back;
      assert.match(
        second.output(),
        /database not reachable at start \(.*ECONNREFUSED.*\); retrying in \d+ s/,
      );
      assert.equal((await fetch(`${second.baseUrl}/readyz`)).status, 200);
    } finally {
      await back;
      assert.equal(await second?.stop(), 0);
      await late.close();
    }
  });
});
