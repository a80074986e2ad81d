// Starts the real server (apps/server/src/main.ts) as a child process on a free port, with its own
// data directory — and, when TEST_DATABASE_URL / DATABASE_URL is set, its own PostgreSQL database.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PG_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Pass to the next startServer() to restart on the same data. */
  reuse: StartOptions;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /**
   * A password the first admin can work with. The generated one (DATA_DIR/initial-admin-password.txt) opens
   * nothing but the password change, so the first call replaces it, as the admin would at first sign-in, and
   * keeps the new one in DATA_DIR/e2e-admin-password.txt (a restart on the same data finds it there).
   */
  adminPassword(): Promise<string>;
  /** The generated password itself, for a journey that walks through the first sign-in. */
  generatedAdminPassword(): Promise<string>;
  /** SIGTERM, wait for the exit; returns the exit code. With `keepData`, the data stays for a restart. */
  stop(options?: { keepData?: boolean }): Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  /**
   * With `dataDir`: the database of the server being restarted (dropped at the final stop). Without `dataDir`:
   * another node on the database of a running server (`reuse.database` of that one), which this node's stop
   * leaves in place for its owner to drop.
   */
  database?: { url: string; drop(): Promise<void> } | undefined;
  /** Another checkout of the project to run the server of (bench/tiles.ts measures an older version). */
  root?: string;
  /**
   * The server reaches PostgreSQL through this port on loopback (a proxy the test can cut), while
   * `reuse.database.url` stays the direct way in for the test's own look at the data.
   */
  databaseProxyPort?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh PostgreSQL database for one server (none when the run is on PGlite). */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!PG_URL) return undefined;
  const name = `e2e_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function generatedAdminPassword(dataDir: string): Promise<string> {
  const text = await readFile(path.join(dataDir, 'initial-admin-password.txt'), 'utf8');
  return text.split('\n')[1]!.trim();
}

async function replaceAdminPassword(baseUrl: string, dataDir: string): Promise<string> {
  const kept = path.join(dataDir, 'e2e-admin-password.txt');
  const existing = await readFile(kept, 'utf8').catch(() => null);
  if (existing) return existing.trim();
  const generated = await generatedAdminPassword(dataDir);
  const replaced = `${generated}-e2e`;
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: generated }),
  });
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const change = await fetch(`${baseUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ currentPassword: generated, newPassword: replaced }),
  });
  if (change.status !== 200)
    throw new Error(`admin password change: ${change.status} ${await change.text()}`);
  await writeFile(kept, replaced);
  return replaced;
}

function viaProxy(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const routed = new URL(url);
  routed.hostname = '127.0.0.1';
  routed.port = String(port);
  return routed.toString();
}

export async function startServer(
  env: Record<string, string> = {},
  reuse: StartOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = reuse.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'dltt-e2e-')));
  const sharing = !reuse.dataDir && reuse.database !== undefined;
  const database = reuse.dataDir || sharing ? reuse.database : await createDatabase();
  const cleanUp = async () => {
    if (!sharing) await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let log = '';
  // A run with the clock moved by libfaketime (README, "the calendar year") moves the server's clock too.
  const fakeClock = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k === 'LD_PRELOAD' || k.startsWith('FAKETIME')),
  ) as Record<string, string>;
  const root = reuse.root ?? ROOT;
  const child = spawn(process.execPath, [path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...fakeClock,
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      ...(database ? { DATABASE_URL: viaProxy(database.url, reuse.databaseProxyPort) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://localhost:${port}`;
  let replacedAdminPassword: Promise<string> | undefined;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await cleanUp();
      throw new Error(`server exited during start:\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      await cleanUp();
      throw new Error(`server did not become ready in 60 s:\n${log}`);
    }
    await sleep(150);
  }

  return {
    baseUrl,
    dataDir,
    reuse: {
      dataDir,
      database,
      root,
      ...(reuse.databaseProxyPort === undefined ? {} : { databaseProxyPort: reuse.databaseProxyPort }),
    },
    process: child,
    output: () => log,
    adminPassword() {
      replacedAdminPassword ??= replaceAdminPassword(baseUrl, dataDir);
      return replacedAdminPassword;
    },
    generatedAdminPassword: () => generatedAdminPassword(dataDir),
    async stop(options = {}) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!options.keepData) await cleanUp();
      return code;
    },
  };
}
