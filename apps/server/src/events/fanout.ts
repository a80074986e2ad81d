import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../db/pool.ts';
import type { ChangeEvents } from './change-events.ts';

/**
 * Carries changes between processes on PostgreSQL: every process LISTENs on one channel per topic (per schema,
 * so test schemas do not hear each other) over one connection, and NOTIFYs its own changes, tagged with its id
 * so it ignores its echo. PGlite is one process: nothing to do there. Returns a stop function.
 */
export async function startFanout(
  database: Database,
  topics: Record<string, ChangeEvents>,
  log: (msg: string, err?: unknown) => void,
): Promise<() => Promise<void>> {
  if (database.kind !== 'postgres') return async () => {};
  const me = randomUUID();
  const channelOf = (topic: string) =>
    `${topic}_${database.schema}`
      .replace(/[^a-z0-9_]/gi, '_')
      .slice(0, 63)
      .toLowerCase();
  const byChannel = new Map(Object.entries(topics).map(([topic, events]) => [channelOf(topic), events]));
  let client: pg.PoolClient | null = null;
  let stopped = false;

  const listen = async () => {
    try {
      client = await database.pool.connect();
      client.on('notification', (msg) => {
        const payload = msg.payload ?? '';
        const cut = payload.indexOf(':');
        const [from, key] = [payload.slice(0, cut), payload.slice(cut + 1)];
        if (cut > 0 && from !== me && key) byChannel.get(msg.channel)?.receivedRemote(key);
      });
      client.on('error', (err) => {
        log('change fan-out connection lost; reconnecting', err);
        client?.release(true);
        client = null;
        if (!stopped) setTimeout(listen, 1000);
      });
      for (const channel of byChannel.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      log('change fan-out could not listen; retrying', err);
      client?.release(true);
      client = null;
      if (!stopped) setTimeout(listen, 1000);
    }
  };
  await listen();
  for (const [channel, events] of byChannel) {
    events.bindRemote((key) => {
      database.pool
        .query('select pg_notify($1, $2)', [channel, `${me}:${key}`])
        .catch((err) => log('change notify failed', err));
    });
  }

  return async () => {
    stopped = true;
    if (client) {
      for (const channel of byChannel.keys()) await client.query(`UNLISTEN ${channel}`).catch(() => {});
      client.release();
      client = null;
    }
  };
}
