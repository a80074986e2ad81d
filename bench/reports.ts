// Field-report throughput on the running system, as a ratio of a ceiling measured in the same run.
//   node bench/reports.ts [seconds=5] [connections=50]
// Starts the real server (PGlite, or PostgreSQL with TEST_DATABASE_URL) on loopback and drives it with autocannon:
//   1. POST /api/v1/reports alone: the photos a report needs are uploaded before the timed phase (each photo id
//      can be attached once, by the citizen who uploaded it), so upload and image processing are not counted;
//   2. GET /api/v1/public/reports, first page, over a few hundred reports published through the staff workflow.
// The ceiling is GET /healthz: the same HTTP stack, hooks and logging, no database.
// Each case also reports the CPU time per request of the server process, of its PostgreSQL backends (when the
// database runs on this machine) and of the load generator: throughput moves with the neighbours' load, CPU
// time per request much less, and 2 cores divided by the sum is what the machine could do alone.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { startServer } from '../e2e/support/server.ts';
import { type Outcome, outcomeOf, reportFailures, SUCCESS_STATS } from './outcome.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 50);
const PUBLISHED = 300;
const CITIZENS = 10;
/** Requests the warm-up sends; its rate decides how many photos the timed phase gets (three times as many). */
const WARM_UP = 1000;

/** A 64×48 JPEG (285 bytes, made with sharp): the server still checks and re-encodes it on upload. */
const PHOTO = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAwAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAT/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCACBIAAAAAAAAAAAAAAAAAAAAAA//Z',
  'base64',
);
/** Buôn Ma Thuột, a GPS fix good to 12 m. */
const LOCATION = { lat: 12.6807, lng: 108.0378, accuracy: 12, source: 'gps' };
const DESCRIPTION =
  'Đèn chiếu sáng trên đường Lê Duẩn bị hỏng, buổi tối rất tối, người đi đường dễ gặp nguy hiểm.';

/** CPU milliseconds per request: server process, its PostgreSQL backends (null: not measurable), load generator. */
interface CpuPerRequest {
  server: number;
  database: number | null;
  bench: number;
}

interface Result extends Outcome {
  /** Answers of the run, all statuses (CPU per request divides by it: a refused request costs CPU too). */
  total: number;
  cpu: CpuPerRequest;
}

/** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms. */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) each process has used so far; processes that are gone are left out. */
async function cpuOf(pids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      // Exited, or not on this machine.
    }
  }
  return out;
}

/** Measures the CPU the server, its database backends and this process spend while `work` runs. */
async function measureCpu<T extends { total: number }>(
  work: () => Promise<T>,
): Promise<T & { cpu: CpuPerRequest }> {
  const pids = async () => [server.process.pid ?? 0, ...(await databasePids())];
  const before = await cpuOf(await pids());
  const bench = process.cpuUsage();
  const result = await work();
  const benchUsed = process.cpuUsage(bench);
  const after = await cpuOf(await pids());
  const used = (pid: number) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
  const n = Math.max(result.total, 1);
  const backends = [...after.keys()].filter((pid) => pid !== server.process.pid);
  return {
    ...result,
    cpu: {
      server: used(server.process.pid ?? 0) / n,
      database: backends.length > 0 ? backends.reduce((sum, pid) => sum + used(pid), 0) / n : null,
      bench: (benchUsed.user + benchUsed.system) / 1000 / n,
    },
  };
}

function summarise(r: autocannon.Result, samples: string[]): Omit<Result, 'cpu'> {
  const outcome = outcomeOf(r);
  return { ...outcome, total: r.requests.total, failures: [...outcome.failures, ...samples] };
}

/** Runs `tasks` with at most `limit` at a time. */
async function inParallel<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const server = await startServer({
  LOG_LEVEL: 'warn',
  JOBS_ENABLED: 'false',
  RATE_LIMIT_LOGIN: '1000',
  RATE_LIMIT_PUBLIC_WRITES: '1000000',
});
// The server's own PostgreSQL database (none with PGlite, which runs inside the server process).
const databaseUrl = server.reuse.database?.url;
const monitor = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
await monitor?.connect();
async function databasePids(): Promise<number[]> {
  if (!monitor) return [];
  const r = await monitor.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return r.rows.map((row) => row.pid);
}
try {
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, init);
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const tokens = await inParallel(CITIZENS, CITIZENS, async () => {
    const s = await api<{ token: string }>('/citizen/session', { method: 'POST' });
    return s.token;
  });
  const categories = await api<{ id: string; code: string }[]>('/categories');
  const category = categories.find((c) => c.code === 'ha-tang-do-thi') ?? categories[0];
  if (!category) throw new Error('no categories');

  /** Uploads `n` photos spread over the citizens; each comes back with the token that may attach it. */
  const upload = (n: number) =>
    inParallel(n, 8, async (i) => {
      const token = tokens[i % tokens.length] as string;
      const photo = await api<{ id: string }>('/report-photos', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
        body: PHOTO,
      });
      return { token, photoId: photo.id };
    });
  const reportBody = (photoId: string) =>
    JSON.stringify({
      categoryId: category.id,
      photoIds: [photoId],
      location: LOCATION,
      description: DESCRIPTION,
      consent: true,
    });

  const run = (options: autocannon.Options, samples: string[] = []): Promise<Result> =>
    measureCpu(async () =>
      summarise(await autocannon({ connections, ...SUCCESS_STATS, ...options }), samples),
    );

  /** POST /reports, each request with its own idempotency key and an unused photo of its citizen. */
  const create = async (
    stock: { token: string; photoId: string }[],
    limit: { duration?: number; amount?: number },
  ) => {
    let exhausted = 0;
    const samples: string[] = [];
    const r = await run(
      {
        url: server.baseUrl,
        ...limit,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/reports',
            setupRequest: (req) => {
              const next = stock.pop();
              // Out of photos: send an unknown one, which fails and shows up as an error (never silently).
              if (!next) exhausted++;
              return {
                ...req,
                headers: {
                  'content-type': 'application/json',
                  'idempotency-key': randomUUID(),
                  authorization: `Bearer ${next?.token ?? tokens[0]}`,
                },
                body: reportBody(next?.photoId ?? randomUUID()),
              };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && samples.length < 3)
                samples.push(`${status} ${body.slice(0, 200)}`);
            },
          },
        ],
      },
      samples,
    );
    if (exhausted > 0)
      r.failures.push(`photo stock ran out ${exhausted} times (requests sent with an unknown photo)`);
    return r;
  };

  const ceiling = await run({ url: `${server.baseUrl}/healthz`, duration: seconds });

  // Warm-up (JIT, pools, first pages of the tables); its rate sizes the photo stock of the timed phase.
  const warm = await create(await upload(WARM_UP + connections), { amount: WARM_UP });
  const needed = Math.ceil(Math.max(warm.okPerSecond, 100) * seconds * 3) + 2 * connections;
  const stock = await upload(needed);
  const creation = await create(stock, { duration: seconds });

  // A few hundred published results, through the same API and workflow the console uses.
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: await server.adminPassword() }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const staff = {
    'content-type': 'application/json',
    'x-csrf-token': csrfToken,
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
  const seedPhotos = await upload(PUBLISHED);
  await inParallel(PUBLISHED, 8, async (i) => {
    const { token, photoId } = seedPhotos[i] as { token: string; photoId: string };
    const { code } = await api<{ code: string }>('/reports', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: reportBody(photoId),
    });
    const act = (action: string, body: object) =>
      api(`/staff/reports/${code}/${action}`, { method: 'POST', headers: staff, body: JSON.stringify(body) });
    await act('accept', {});
    await act('resolve', { publicAnswer: 'Đã thay bóng đèn, tuyến đường đã sáng trở lại.' });
    await act('publish', { hiddenPhotoIds: [] });
  });
  const { total } = await api<{ total: number }>('/public/reports?page=1&pageSize=20');
  if (total < PUBLISHED) throw new Error(`only ${total} published reports`);

  const list = await run({
    url: `${server.baseUrl}/api/v1/public/reports?page=1&pageSize=20`,
    duration: seconds,
  });

  console.log(
    `database: ${process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite'}; ${connections} connections, ${seconds} s each; ` +
      `warm-up ${warm.okPerSecond.toFixed(0)} creations/s, ${needed} photos uploaded beforehand, ${total} of ${WARM_UP + creation.total + PUBLISHED} reports published`,
  );
  console.log(
    '| endpoint | 2xx/s | ratio to ceiling | p50 ms | p99 ms | non-2xx | connection errors | CPU ms/req: server | database | load generator |',
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  const ms = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  const row = (label: string, r: Result) =>
    console.log(
      `| ${label} | ${r.okPerSecond.toFixed(0)} | ${(r.okPerSecond / ceiling.okPerSecond).toFixed(3)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ` +
        `${ms(r.cpu.server)} | ${ms(r.cpu.database)} | ${ms(r.cpu.bench)} |`,
    );
  row('GET /healthz (ceiling)', ceiling);
  row('POST /api/v1/reports (1 photo uploaded beforehand)', creation);
  row(`GET /api/v1/public/reports?page=1&pageSize=20 (${total} published)`, list);
  reportFailures([
    ['ceiling', ceiling.failures],
    ['warm-up', warm.failures],
    ['creation', creation.failures],
    ['public list', list.failures],
  ]);
} finally {
  await monitor?.end();
  await server.stop();
}
