import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../db/pool.ts';
import { isDatabaseUnavailable, outageLogger } from '../db/unavailable.ts';
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
  warn: (msg: string, fields: object) => void = log,
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
  // While the database is away, reconnecting fails every second: say so once per 10 s, not once per attempt.
  const outage = outageLogger((fields) => warn('change fan-out waits for the database', fields));
  const report = (msg: string, err: unknown) => (isDatabaseUnavailable(err) ? outage(err) : log(msg, err));

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
        report('change fan-out connection lost; reconnecting', err);
        client?.release(true);
        client = null;
        if (!stopped) setTimeout(listen, 1000);
      });
      for (const channel of byChannel.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      report('change fan-out could not listen; retrying', err);
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
        .catch((err) => report('change notify failed', err));
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
