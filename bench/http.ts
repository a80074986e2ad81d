// Read throughput of the API on the running system, as a ratio of a ceiling measured in the same run.
//   node bench/http.ts [seconds-per-endpoint=5] [connections=20]
// Starts the real server (PGlite, or PostgreSQL with TEST_DATABASE_URL) on loopback, then drives it with
// autocannon. The ceiling is GET /healthz: the same HTTP stack, hooks and logging, no database.
import autocannon from 'autocannon';
import { startServer } from '../e2e/support/server.ts';
import { type Outcome, outcomeOf, reportFailures, SUCCESS_STATS } from './outcome.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 20);

async function run(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return outcomeOf(await autocannon({ url, connections, duration: seconds, headers, ...SUCCESS_STATS }));
}

const server = await startServer({ LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', RATE_LIMIT_LOGIN: '1000' });
try {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: await server.adminPassword() }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const ceiling = await run(`${server.baseUrl}/healthz`);
  const cases: [string, string, Record<string, string>?][] = [
    ['GET /api/v1/categories (public, 9 rows)', '/api/v1/categories'],
    ['GET /api/v1/communes (public, 102 rows)', '/api/v1/communes'],
    ['GET /api/v1/agencies?q=krong (staff, search)', '/api/v1/agencies?q=krong', { cookie }],
    ['GET /api/v1/auth/session (staff session lookup)', '/api/v1/auth/session', { cookie }],
  ];
  console.log(
    `database: ${process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite'}; ${connections} connections, ${seconds} s each`,
  );
  console.log(`| endpoint | 2xx/s | ratio to ceiling | p50 ms | p99 ms | non-2xx | connection errors |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  const row = (label: string, r: Outcome) =>
    console.log(
      `| ${label} | ${r.okPerSecond.toFixed(0)} | ${(r.okPerSecond / ceiling.okPerSecond).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`,
    );
  row('GET /healthz (ceiling)', ceiling);
  const runs: [string, string[]][] = [['GET /healthz', ceiling.failures]];
  for (const [label, path, headers] of cases) {
    const r = await run(`${server.baseUrl}${path}`, headers ?? {});
    row(label, r);
    runs.push([label, r.failures]);
  }
  reportFailures(runs);
} finally {
  await server.stop();
}
