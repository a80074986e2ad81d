// Test support: a freshly migrated database per test (PGlite, or a throwaway schema on PostgreSQL when
// TEST_DATABASE_URL / DATABASE_URL is set) and an app built on it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { prepareDatabase } from '../bootstrap.ts';
import type { Clock } from '../clock.ts';
import { type Config, loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { type Database, openDatabase } from '../db/pool.ts';
import { type App, buildApp } from '../http/app.ts';
import { seedReferenceData } from '../seed.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const ADMIN = { username: 'admin', password: 'admin-password-123' };

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A migrated PGlite database with the reference data loaded (the commune boundaries take a second), dumped
 * once per test process and loaded fresh for each test.
 */
function pgliteTemplateDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const database = await openDatabase({});
    await migrateToLatest(database.db, database.schema);
    await seedReferenceData(database.db, testConfig().referenceDir);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    return dump;
  })();
  return pgliteTemplate;
}

/**
 * Test processes share one PostgreSQL database, each in its own schema. Kysely's migrator looks for its table
 * among every schema's columns, which fails with "schema … does not exist" when another process drops its
 * schema in the middle of that look. Migrations take this advisory lock shared and drops take it exclusively,
 * so the two never overlap (migrations still run side by side).
 */
const SCHEMA_LIFECYCLE_LOCK = 7_310_426;

async function withSchemaLock<T>(mode: 'shared' | 'exclusive', work: (client: pg.Client) => Promise<T>) {
  if (!TEST_DATABASE_URL) throw new Error('withSchemaLock is for PostgreSQL');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const lock = mode === 'shared' ? 'pg_advisory_lock_shared' : 'pg_advisory_lock';
    await client.query(`SELECT ${lock}($1)`, [SCHEMA_LIFECYCLE_LOCK]);
    return await work(client);
  } finally {
    // Ending the session releases its advisory lock.
    await client.end();
  }
}

/** A database nobody else uses, migrated to the latest version; `close()` also removes it. */
export async function freshDatabase(): Promise<Database> {
  if (TEST_DATABASE_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const dropSchema = () =>
      withSchemaLock('exclusive', (client) =>
        client.query(
          `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`,
        ),
      );
    const database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 5 });
    try {
      await withSchemaLock('shared', () => migrateToLatest(database.db, schema));
    } catch (error) {
      await database.close();
      await dropSchema();
      throw error;
    }
    return {
      ...database,
      async close() {
        await database.close();
        // Its own connection: the test may have closed the pool already.
        await dropSchema();
      },
    };
  }
  return openDatabase({ pgliteLoad: await pgliteTemplateDump() });
}

export function testConfig(overrides: Record<string, string | undefined> = {}, dataDir = tmpdir()): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    // Tests sign in far more often than people do; the rate-limit test sets its own value.
    RATE_LIMIT_LOGIN: '1000',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    ...overrides,
  });
}

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** An app on a fresh, seeded database with the first admin (ADMIN) in place; silent unless given a logger. */
export async function startTestApp(
  options: { clock?: Clock; env?: Record<string, string | undefined>; logger?: object } = {},
): Promise<TestContext> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dltt-test-'));
  const config = testConfig(options.env, dataDir);
  const database = await freshDatabase();
  let app: App;
  try {
    // prepareDatabase migrates again (nothing left to do, but it looks at the schemas): under the same lock.
    if (TEST_DATABASE_URL) await withSchemaLock('shared', () => prepareDatabase(database, config));
    else await prepareDatabase(database, config);
    app = await buildApp({
      config,
      database,
      secretKey: Buffer.from(config.secretKey ?? 'x'.repeat(32)),
      logger: options.logger ?? false,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    await app.ready();
  } catch (error) {
    // A half-started app must not keep the test process alive (open pool, leftover schema).
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Cookie + CSRF headers of a signed-in staff member, for `app.inject`. */
export interface StaffSession {
  headers: { cookie: string; 'x-csrf-token': string };
  userId: string;
}

export function cookiesOf(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export async function login(app: App, username: string, password: string): Promise<StaffSession> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { headers: { cookie: cookiesOf(res), 'x-csrf-token': body.csrfToken }, userId: body.user.id };
}

/**
 * Creates a staff user through the API as `admin` and signs them in, as the person would: with the first password
 * the admin set, replaced at once by `password` (until then the API answers nothing but the password change).
 */
export async function createStaff(
  app: App,
  admin: StaffSession,
  user: { username: string; role: string; agencyId?: string | null; password?: string; fullName?: string },
): Promise<StaffSession> {
  const password = user.password ?? 'staff-password-123';
  const first = `${password}-first`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/staff-users',
    headers: admin.headers,
    payload: {
      username: user.username,
      fullName: user.fullName ?? `Cán bộ ${user.username}`,
      role: user.role,
      agencyId: user.agencyId ?? null,
      password: first,
    },
  });
  if (res.statusCode !== 201)
    throw new Error(`create ${user.username} failed: ${res.statusCode} ${res.body}`);
  const session = await login(app, user.username, first);
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: session.headers,
    payload: { currentPassword: first, newPassword: password },
  });
  if (changed.statusCode !== 200)
    throw new Error(`password of ${user.username}: ${changed.statusCode} ${changed.body}`);
  return session;
}

/** The id of a seeded agency by its code. */
export async function agencyId(database: Database, code: string): Promise<string> {
  const row = await database.db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A citizen's bearer header, for `app.inject`. */
export type CitizenAuth = { authorization: string };

/** A new anonymous citizen: the session a device opens on its first visit. */
export async function newCitizen(app: App): Promise<CitizenAuth> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
  if (res.statusCode !== 201) throw new Error(`citizen session: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}

/** The status and the error code of an answer, to compare in one assertion: `[409, 'SLOT_FULL']`. */
export function errorOf(res: LightMyRequestResponse): [number, string] {
  return [res.statusCode, res.json<{ error: { code: string } }>().error.code];
}

/**
 * A second app on the same database and configuration, as another server process would run it (with its own
 * secret, so nothing passes between the two but the database). Close it with `close()`.
 */
export async function startOtherApp(t: TestContext, clock?: Clock): Promise<App> {
  const other = await buildApp({
    config: t.config,
    database: t.database,
    secretKey: Buffer.from('y'.repeat(32)),
    logger: false,
    ...(clock ? { clock } : {}),
  });
  await other.ready();
  return other;
}
