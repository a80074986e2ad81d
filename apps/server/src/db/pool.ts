import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';
import { isReadTimeout } from './unavailable.ts';

// int8 (counts, identities) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
// A calendar date is not an instant: keep 'YYYY-MM-DD' instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  pool: pg.Pool;
  db: Kysely<DB>;
  /** The schema our tables live in (`public` unless a test isolated itself). */
  schema: string;
  /** The embedded engine, when there is one (tests dump it to copy a migrated database). */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  pgliteDir?: string;
  /** Put every table in this schema (tests isolate themselves this way on PostgreSQL). */
  schema?: string;
  /** Start PGlite from a dump of another database (tests copy one migrated template). */
  pgliteLoad?: Blob;
  maxConnections?: number;
  /**
   * PostgreSQL settings for the embedded engine (`shared_buffers`, `work_mem`…), given at each start as
   * command-line settings: nothing is written into the data directory, so a change of value takes effect at the
   * next start and a backup carries none. PGlite's own defaults (PostgreSQL's: 128MB shared buffers) when absent.
   */
  pgliteSettings?: Readonly<Record<string, string>>;
  /** Bounds on waiting for PostgreSQL (docs/OPERATIONS.md, "Database lost and back"); none when absent. */
  timeouts?: DatabaseTimeouts;
}

/** How long the server waits for PostgreSQL before it answers 503 DATABASE_UNAVAILABLE. */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one when all are busy (pg-pool `connectionTimeoutMillis`). */
  connectMs: number;
  /** Waiting for an answer on an open connection (node-postgres `query_timeout`, client side). */
  queryMs: number;
  /** PostgreSQL cancels a statement running longer (`statement_timeout`, server side). */
  statementMs: number;
}

/**
 * Kysely checks a client out, queries and releases it. A client whose query hit the read timeout is still waiting
 * for that answer (a black-holed network may deliver it much later), so it is released as broken and the pool
 * opens a new connection instead of queueing the next request behind the lost one. `pool.query` (readiness,
 * pg-boss) already drops a client on any error.
 */
function dropTimedOutClients(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken = false;
      const query = (text: unknown, values?: readonly unknown[]): unknown => {
        // Kysely's streaming passes a cursor object, which is not a text query.
        if (typeof text !== 'string') return client.query(text as never);
        return client.query(text, values as unknown[]).catch((error: unknown) => {
          if (isReadTimeout(error)) broken = true;
          throw error;
        });
      };
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release: () => client.release(broken),
      };
    },
  };
}

/** PGlite's start parameters with our settings added (`startParams` replaces its defaults, so they are kept). */
export function pgliteStartParams(settings: Readonly<Record<string, string>>): string[] {
  const params = [...PGlite.defaultStartParams];
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[a-z_]+$/.test(name) || !/^[0-9A-Za-z.]+$/.test(value)) {
      throw new Error(`Invalid PGlite setting: ${name}=${value}`);
    }
    params.push('-c', `${name}=${value}`);
  }
  return params;
}

/** Opens the one pool the whole process shares: PGlite by default, PostgreSQL with a URL. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);

  let pool: pg.Pool;
  let kind: DatabaseKind;
  let engine: PGlite | null = null;
  if (options.databaseUrl) {
    kind = 'postgres';
    const t = options.timeouts;
    pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      options: schema === 'public' ? undefined : `-c search_path=${schema},public`,
      // A dead peer behind a NAT or a load balancer is found by TCP keepalive, not only by the next query.
      keepAlive: true,
      ...(t
        ? {
            connectionTimeoutMillis: t.connectMs,
            query_timeout: t.queryMs,
            statement_timeout: t.statementMs,
            // A transaction whose client vanished mid-way must not hold its row locks until TCP gives up.
            idle_in_transaction_session_timeout: Math.max(t.queryMs, t.statementMs) * 2,
          }
        : {}),
    });
    if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } else {
    kind = 'pglite';
    const dir = options.pgliteDir ?? 'memory://';
    if (!dir.startsWith('memory://')) await mkdir(path.dirname(dir), { recursive: true });
    engine = await PGlite.create(dir, {
      extensions: { btree_gist, pg_trgm, pgcrypto, unaccent },
      ...(options.pgliteLoad ? { loadDataDir: options.pgliteLoad } : {}),
      ...(options.pgliteSettings ? { startParams: pgliteStartParams(options.pgliteSettings) } : {}),
    });
    if (schema !== 'public') {
      // PGlite is a single backend: one SET covers every query the pool sends it.
      await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public`);
    }
    pool = new pg.Pool(createPgConfig(engine));
  }
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor may one that is checked out: node-postgres emits the loss on the client as well as failing its query,
  // and an 'error' event nobody listens to ends the process. The query's caller gets the error; the pool drops
  // the client when it comes back (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', () => {}));

  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: kind === 'postgres' ? dropTimedOutClients(pool) : pool }),
  });
  let closed = false;
  return {
    kind,
    pool,
    db,
    schema,
    pglite: engine,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await engine?.close();
    },
  };
}
