// Memory of the running server (embedded PGlite, or PostgreSQL with TEST_DATABASE_URL), phase by phase.
//   npm run bench:memory                      (300 reports, 30 s idle)
//   REPORTS=100 IDLE_S=10 npm run bench:memory
//   BEFORE_ROOT=/tmp/before npm run bench:memory
// Starts the real server process on a fresh DATA_DIR and reads /proc/<pid>/status (VmRSS: resident now; VmHWM:
// the highest resident so far) and the server's own /metrics (prom-client: V8 heap used, external memory, which
// holds PGlite's WebAssembly memory, and array buffers) after each phase:
//   1. start: migrations and the reference data (communes with their boundaries) are in;
//   2. idle: IDLE_S seconds later, nothing asked;
//   3. hostile: 1 MiB bodies to several routes (refused), then many big answers: every public list at its
//      largest page, the staff inbox with each filter and a search, Open311 lists in XML and JSON;
//   4. reports: REPORTS reports filed by citizens, each with a 1600×1200 photo the server checks and re-encodes.
// BEFORE_ROOT: another checkout of the project (node_modules at hand); its server is measured the same way first,
// and both are printed, so the before/after figures come from one run on one machine.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { type RunningServer, startServer } from '../e2e/support/server.ts';

const REPORTS = Number(process.env.REPORTS ?? 300);
const IDLE_S = Number(process.env.IDLE_S ?? 30);
const BEFORE_ROOT = process.env.BEFORE_ROOT;
const MIB = 1024 * 1024;

/** Buôn Ma Thuột, a GPS fix good to 12 m. */
const LOCATION = { lat: 12.6807, lng: 108.0378, accuracy: 12, source: 'gps' };
const DESCRIPTION =
  'Đèn chiếu sáng trên đường Lê Duẩn bị hỏng, buổi tối rất tối, người đi đường dễ gặp nguy hiểm.';

interface Sample {
  phase: string;
  rssMb: number;
  hwmMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number | null;
}

async function procStatus(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${key}`);
    return Number(m[1]) / 1024;
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** One gauge from the Prometheus text format (the first series of that name). */
function gauge(text: string, name: string): number | null {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

async function sample(server: RunningServer, phase: string): Promise<Sample> {
  const pid = server.process.pid;
  if (pid === undefined) throw new Error('server has no pid');
  const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const { rss, hwm } = await procStatus(pid);
  const mb = (name: string) => {
    const v = gauge(metrics, name);
    return v === null ? null : v / MIB;
  };
  const heapUsed = mb('nodejs_heap_size_used_bytes');
  const external = mb('nodejs_external_memory_bytes');
  if (heapUsed === null || external === null) throw new Error(`/metrics has no nodejs_* gauges:\n${metrics}`);
  return { phase, rssMb: rss, hwmMb: hwm, heapUsedMb: heapUsed, externalMb: external, arrayBuffersMb: null };
}

/** Runs `task` for 0..count-1 with at most `width` at a time. */
async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** A noisy 1600×1200 JPEG, as a phone sends after the citizen app's resize (about 1 MB). */
async function photo(seed: number): Promise<Buffer> {
  const width = 1600;
  const height = 1200;
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = (x >>> 16) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function measure(label: string, root: string | undefined): Promise<Sample[]> {
  const server = await startServer(
    {
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_LOGIN: '1000',
      RATE_LIMIT_PUBLIC_WRITES: '1000000',
      OPEN311_RATE_LIMIT: '1000000',
    },
    root ? { root } : {},
  );
  const samples: Sample[] = [];
  try {
    const base = server.baseUrl;
    const statuses = new Map<string, number>();
    const count = (what: string, status: number) => {
      const key = `${what} ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    };
    samples.push(await sample(server, 'after start (migrations, reference data)'));
    await sleep(IDLE_S * 1000);
    samples.push(await sample(server, `idle ${IDLE_S} s`));

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: await server.adminPassword() }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const citizen = (await (await fetch(`${base}/api/v1/citizen/session`, { method: 'POST' })).json()) as {
      token: string;
    };
    const citizenAuth = { authorization: `Bearer ${citizen.token}` };

    // Hostile: 1 MiB bodies (JSON, form, XML-ish, image), each refused by the body limit or the decoder.
    const big = 'x'.repeat(MIB);
    const hostile: [string, string, Record<string, string>][] = [
      ['/api/v1/reports', 'application/json', citizenAuth],
      ['/api/v1/auth/login', 'application/json', {}],
      ['/api/v1/citizen/session', 'application/json', {}],
      ['/open311/v2/requests.json', 'application/x-www-form-urlencoded', {}],
      ['/api/v1/report-photos', 'image/jpeg', citizenAuth],
      ['/api/v1/staff/reports/bulk-accept', 'application/json', { cookie }],
    ];
    await inParallel(hostile.length * 20, 6, async (i) => {
      const [path, type, headers] = hostile[i % hostile.length] as [string, string, Record<string, string>];
      const body = type === 'application/json' ? `{"description":"${big}"}` : big;
      try {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': type, ...headers },
          body,
        });
        await res.arrayBuffer();
        count(`POST ${path} (1 MiB)`, res.status);
      } catch {
        // The server may close the connection on a body it refuses: that is a refusal too.
        count(`POST ${path} (1 MiB)`, 0);
      }
    });
    // Big answers, many times over.
    const categories = (await (await fetch(`${base}/api/v1/categories`)).json()) as { id: string }[];
    const reads: [string, Record<string, string>][] = [
      ['/api/v1/communes', {}],
      ['/api/v1/categories', {}],
      ['/api/v1/public/reports?pageSize=100', {}],
      ['/open311/v2/services.xml', {}],
      ['/open311/v2/requests.xml', {}],
      ['/open311/v2/requests.json', {}],
      ['/api/v1/staff/reports?pageSize=100', { cookie }],
      ['/api/v1/staff/reports?pageSize=100&sort=newest&overdue=true', { cookie }],
      [
        `/api/v1/staff/reports?pageSize=100&status=submitted&categoryId=${categories[0]?.id ?? ''}`,
        { cookie },
      ],
      ['/api/v1/staff/reports?pageSize=100&q=%C4%91%C3%A8n%20chi%E1%BA%BFu%20s%C3%A1ng', { cookie }],
      ['/api/v1/agencies?q=krong', { cookie }],
      ['/api/v1/audit-log', { cookie }],
    ];
    await inParallel(reads.length * 40, 8, async (i) => {
      const [path, headers] = reads[i % reads.length] as [string, Record<string, string>];
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      count(`GET ${path.split('?')[0]}`, res.status);
    });
    samples.push(await sample(server, 'after hostile burst'));

    // Reports with photos.
    const category = categories[0];
    if (!category) throw new Error('no categories');
    const photos = await Promise.all([1, 2, 3, 4].map(photo));
    await inParallel(REPORTS, 4, async (i) => {
      const up = await fetch(`${base}/api/v1/report-photos`, {
        method: 'POST',
        headers: { ...citizenAuth, 'content-type': 'image/jpeg' },
        body: new Uint8Array(photos[i % photos.length] as Buffer),
      });
      count('POST /api/v1/report-photos', up.status);
      if (!up.ok) return;
      const { id } = (await up.json()) as { id: string };
      const res = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: {
          ...citizenAuth,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({
          categoryId: category.id,
          photoIds: [id],
          location: LOCATION,
          description: DESCRIPTION,
          consent: true,
        }),
      });
      await res.arrayBuffer();
      count('POST /api/v1/reports', res.status);
    });
    // The inbox over what was filed.
    await inParallel(100, 4, async (i) => {
      const res = await fetch(`${base}/api/v1/staff/reports?pageSize=100&page=${1 + (i % 3)}`, {
        headers: { cookie },
      });
      await res.arrayBuffer();
      count('GET /api/v1/staff/reports (after filing)', res.status);
    });
    samples.push(await sample(server, `after ${REPORTS} reports with photos`));
    await sleep(IDLE_S * 1000);
    samples.push(await sample(server, `idle ${IDLE_S} s again`));

    console.log(`\n${label}: answers by status`);
    for (const [key, n] of [...statuses].sort()) console.log(`  ${key}: ${n}`);
  } finally {
    await server.stop();
  }
  return samples;
}

function table(label: string, samples: Sample[]) {
  console.log(`\n${label}`);
  console.log('| phase | VmRSS MB | VmHWM MB | V8 heap used MB | external MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of samples)
    console.log(
      `| ${s.phase} | ${s.rssMb.toFixed(0)} | ${s.hwmMb.toFixed(0)} | ${s.heapUsedMb.toFixed(0)} | ${s.externalMb.toFixed(0)} |`,
    );
}

console.log(
  `database: ${process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite'}; ${REPORTS} reports, idle ${IDLE_S} s; ` +
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}`,
);
const results: [string, Sample[]][] = [];
if (BEFORE_ROOT) results.push([`before (${BEFORE_ROOT})`, await measure('before', BEFORE_ROOT)]);
results.push(['this checkout', await measure('this checkout', undefined)]);
for (const [label, samples] of results) table(label, samples);
