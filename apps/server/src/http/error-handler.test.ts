import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { freshDatabase } from '../testing/harness.ts';
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
