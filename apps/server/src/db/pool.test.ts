// The pool's bounds on PostgreSQL, against a real server through a loopback relay that can hold every byte
// (a black-holed network): a read that times out drops its connection instead of queueing the next query behind it.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { TEST_DATABASE_URL } from '../testing/harness.ts';
import { openDatabase, pgliteStartParams } from './pool.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

describe('PostgreSQL pool timeouts', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  test('a read timeout through Kysely is an outage and its connection is dropped, not reused', async () => {
    const target = new URL(TEST_DATABASE_URL!);
    const held: Socket[] = [];
    const relay = createServer((down) => {
      const up = connect(Number(target.port || 5432), target.hostname);
      down.pipe(up);
      up.pipe(down);
      down.on('error', () => up.destroy());
      up.on('error', () => down.destroy());
      held.push(down, up);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const via = new URL(TEST_DATABASE_URL!);
    via.hostname = '127.0.0.1';
    via.port = String((relay.address() as { port: number }).port);
    const database = await openDatabase({
      databaseUrl: via.toString(),
      maxConnections: 2,
      timeouts: { connectMs: 1000, queryMs: 300, statementMs: 200 },
    });
    try {
      await sql`select 1`.execute(database.db);
      assert.equal(database.pool.totalCount, 1);
      // Nothing moves any more, in either direction.
      for (const socket of held) socket.pause();
      const lost = await sql`select 1`.execute(database.db).then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(isDatabaseUnavailable(lost), String(lost));
      assert.equal((lost as Error).message, 'Query read timeout');
      assert.equal(database.pool.totalCount, 0, 'the connection that lost its answer left the pool');
      // The network is back: a new connection serves the next query; the statement timeout holds server-side.
      for (const socket of held) socket.resume();
      assert.equal((await sql<{ n: number }>`select 2 as n`.execute(database.db)).rows[0]?.n, 2);
      const slow = await sql`select pg_sleep(1)`.execute(database.db).then(
        () => null,
        (error: unknown) => error as { code?: string },
      );
      assert.equal(slow?.code, '57014', 'statement_timeout cancelled it on the server');
      assert.ok(isDatabaseUnavailable(slow));
    } finally {
      await database.close();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});

describe('embedded PGlite settings', () => {
  test('given at start, in force, and never written into the data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dltt-pglite-settings-'));
    try {
      const pgliteDir = path.join(dir, 'db');
      const settings = { shared_buffers: '16MB', work_mem: '2MB', maintenance_work_mem: '8MB' };
      const database = await openDatabase({ pgliteDir, pgliteSettings: settings });
      try {
        for (const [name, value] of Object.entries(settings)) {
          const r = await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(database.db);
          assert.equal(r.rows[0]?.[name], value, name);
        }
        // PGlite's own start parameters are kept (they are replaced as a whole).
        const workers = await sql<{ max_worker_processes: string }>`show max_worker_processes`.execute(
          database.db,
        );
        assert.equal(workers.rows[0]?.max_worker_processes, '0');
      } finally {
        await database.close();
      }
      // initdb's postgresql.conf keeps its own line (128MB); ours is not added to it.
      const conf = await readFile(path.join(pgliteDir, 'postgresql.conf'), 'utf8');
      assert.match(conf, /^shared_buffers = 128MB/m);
      assert.doesNotMatch(conf, /^\s*(shared_buffers|work_mem|maintenance_work_mem)\s*=\s*(16|2|8)MB/m);
      // The next start without settings is back to PGlite's defaults.
      const again = await openDatabase({ pgliteDir });
      try {
        const r = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(again.db);
        assert.equal(r.rows[0]?.shared_buffers, '128MB');
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a setting that could smuggle another parameter is refused', () => {
    assert.throws(() => pgliteStartParams({ shared_buffers: '16MB -c fsync=off' }), /Invalid PGlite setting/);
    assert.throws(() => pgliteStartParams({ 'work_mem=1MB': '2MB' }), /Invalid PGlite setting/);
  });
});
