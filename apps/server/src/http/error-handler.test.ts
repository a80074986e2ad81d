import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/pool.ts';
import { isDatabaseUnavailable, outageLogger } from '../db/unavailable.ts';
import { AppError } from '../errors.ts';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/harness.ts';
import { registerErrorHandling } from './error-handler.ts';

/** The error a failing statement raises, as the driver gives it. */
async function errorOf(run: () => Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the statement did not fail');
}

describe('error handler: PostgreSQL errors that are not our bugs', () => {
  let database: Database;
  let app: FastifyInstance;
  const thrown = new Map<string, unknown>();

  before(async () => {
    database = await freshDatabase();
    const db = database.db;
    // Real errors from the database (PGlite or PostgreSQL), not hand-made look-alikes.
    thrown.set(
      'missing citizen',
      await errorOf(() =>
        db
          .insertInto('citizen_tokens')
          .values({
            token_hash: Buffer.alloc(32, 1),
            citizen_id: randomUUID(),
            created_at: new Date(),
            last_seen_at: new Date(),
          })
          .execute(),
      ),
    );
    thrown.set(
      'missing staff user',
      await errorOf(() => db.updateTable('zalo_settings').set({ updated_by: randomUUID() }).execute()),
    );
    const citizen = await db.insertInto('citizens').defaultValues().returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('report_photos')
      .values({
        citizen_id: citizen.id,
        file_key: 'photos/x.jpg',
        thumb_key: 'photos/x.thumb.jpg',
        width: 1,
        height: 1,
        bytes: 1,
      })
      .execute();
    thrown.set(
      'citizen still referenced',
      await errorOf(() => db.deleteFrom('citizens').where('id', '=', citizen.id).execute()),
    );
    // A NUL escape in JSON and a NUL byte in text: the text guard stops them at the door; this is the net.
    thrown.set('nul in json', await errorOf(() => sql`select ${'{"a":"\\u0000"}'}::jsonb`.execute(db)));
    thrown.set('nul in text', await errorOf(() => sql`select ${'a\u0000b'}::text`.execute(db)));
    // Deadlock and serialization failure, as the pg driver reports them (code and message).
    thrown.set(
      'deadlock',
      Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' }),
    );
    thrown.set(
      'serialization failure',
      Object.assign(new Error('could not serialize access due to concurrent update'), {
        code: '40001',
        severity: 'ERROR',
      }),
    );

    app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.get<{ Params: { name: string } }>('/throw/:name', async (request) => {
      throw thrown.get(request.params.name);
    });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  const answer = async (name: string, lang?: string) => {
    const res = await app.inject({
      url: `/throw/${encodeURIComponent(name)}`,
      headers: lang ? { 'accept-language': lang } : {},
    });
    return { status: res.statusCode, ...res.json<{ error: { code: string; message: string } }>().error };
  };

  test('a deadlock or a serialization failure is 503 TRY_AGAIN, in Vietnamese or English', async () => {
    for (const name of ['deadlock', 'serialization failure']) {
      const vi = await answer(name);
      assert.deepEqual([vi.status, vi.code], [503, 'TRY_AGAIN'], name);
      assert.equal(vi.message, 'Hệ thống đang bận, vui lòng thử lại sau giây lát.');
      const en = await answer(name, 'en');
      assert.equal(en.message, 'The request collided with a concurrent change; try again in a moment.');
    }
  });

  test('a foreign key naming a citizen who is gone (merged mid-request) is 401: the app signs in again', async () => {
    assert.equal((thrown.get('missing citizen') as { code?: string }).code, '23503');
    const res = await answer('missing citizen');
    assert.deepEqual([res.status, res.code], [401, 'CITIZEN_UNAUTHENTICATED']);
  });

  test('text PostgreSQL cannot hold (NUL in JSON or in text) is 400 VALIDATION_FAILED, not a 500', async () => {
    assert.equal((thrown.get('nul in json') as { code?: string }).code, '22P05');
    for (const name of ['nul in json', 'nul in text']) {
      const res = await answer(name);
      assert.deepEqual([res.status, res.code], [400, 'VALIDATION_FAILED'], name);
    }
  });

  test('other foreign-key violations stay 500 (they are bugs)', async () => {
    for (const name of ['missing staff user', 'citizen still referenced']) {
      assert.equal((thrown.get(name) as { code?: string }).code, '23503', name);
      const res = await answer(name);
      assert.deepEqual([res.status, res.code], [500, 'INTERNAL'], name);
    }
  });
});

describe('error handler: the database out of reach is 503 DATABASE_UNAVAILABLE', () => {
  // Real driver errors against a port nobody listens on and a server that accepts and never answers.
  const thrown = new Map<string, unknown>();
  let app: FastifyInstance;
  before(async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const pool = (port: number) =>
      new pg.Pool({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 200 });
    const refusedPool = pool(closedPort);
    thrown.set('refused', await errorOf(() => refusedPool.query('select 1')));
    await refusedPool.end();
    const hangingPool = pool(silentPort);
    thrown.set('connect timeout', await errorOf(() => hangingPool.query('select 1')));
    await hangingPool.end();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    if (TEST_DATABASE_URL) {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL, statement_timeout: 50 });
      await client.connect();
      thrown.set('statement timeout', await errorOf(() => client.query('select pg_sleep(2)')));
      const reader = new pg.Client({ connectionString: TEST_DATABASE_URL, query_timeout: 50 });
      await reader.connect();
      thrown.set('read timeout', await errorOf(() => reader.query('select pg_sleep(0.3)')));
      await client.end();
      await reader.end();
    }
    thrown.set('migration', new Error('Migration 0001 failed', { cause: thrown.get('refused') }));
    thrown.set('syntax', Object.assign(new Error('syntax error at or near "x"'), { code: '42601' }));
    app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.get<{ Params: { name: string } }>('/throw/:name', async (request) => {
      throw thrown.get(request.params.name);
    });
    await app.ready();
  });
  after(() => app?.close());

  test('refused, connect timeout (and on PostgreSQL: statement and read timeouts) are 503 with Retry-After', async () => {
    const names = [
      'refused',
      'connect timeout',
      ...(TEST_DATABASE_URL ? ['statement timeout', 'read timeout'] : []),
    ];
    for (const name of names) {
      assert.ok(isDatabaseUnavailable(thrown.get(name)), name);
      const res = await app.inject(`/throw/${encodeURIComponent(name)}`);
      assert.equal(res.statusCode, 503, name);
      assert.equal(res.headers['retry-after'], '5');
      assert.equal(res.json().error.code, 'DATABASE_UNAVAILABLE');
      assert.match(res.json().error.message, /^Hệ thống đang tạm gián đoạn kết nối dữ liệu/);
    }
    const en = await app.inject({ url: '/throw/refused', headers: { 'accept-language': 'en' } });
    assert.match(en.json().error.message, /^The database cannot be reached right now/);
    assert.equal((thrown.get('refused') as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(
      (thrown.get('connect timeout') as Error).message,
      'Connection terminated due to connection timeout',
    );
  });

  test('an error in a query is not an outage', async () => {
    assert.equal(isDatabaseUnavailable(thrown.get('syntax')), false);
    assert.equal((await app.inject('/throw/syntax')).statusCode, 500);
  });

  test('an outage is logged once per window with the count of refused requests, not once per request', () => {
    const logged: object[] = [];
    let now = 1_000;
    const note = outageLogger(
      (fields) => logged.push(fields),
      10_000,
      () => now,
    );
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 50; i++) note(lost);
    now += 10_000;
    note(lost);
    assert.deepEqual(logged, [
      { code: 'DATABASE_UNAVAILABLE', failures: 1, cause: lost.message },
      { code: 'DATABASE_UNAVAILABLE', failures: 50, cause: lost.message },
    ]);
  });
});

describe('error handler: logging', () => {
  test('a state of the installation anyone can provoke (Zalo not configured) is one warning, not an error per call', async () => {
    const lines: { level: number; msg: string; err?: unknown }[] = [];
    const app = Fastify({
      logger: {
        level: 'info',
        stream: new Writable({
          write(chunk, _encoding, done) {
            lines.push(JSON.parse(String(chunk)));
            done();
          },
        }),
      },
    });
    registerErrorHandling(app);
    app.post('/zalo', async () => {
      throw new AppError('ZALO_NOT_CONFIGURED');
    });
    app.get('/bug', async () => {
      throw new Error('a real bug');
    });
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/zalo' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'ZALO_NOT_CONFIGURED');
    }
    assert.deepEqual(
      lines.filter((l) => l.level >= 40).map((l) => [l.level, l.msg]),
      [[40, 'Zalo sign-in is not configured on this server. (logged once)']],
    );
    // A real fault is still logged as an error with its stack, every time.
    await app.inject('/bug');
    await app.inject('/bug');
    assert.equal(lines.filter((l) => l.level === 50 && l.err).length, 2);
    await app.close();
  });
});
