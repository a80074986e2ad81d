import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../../db/pool.ts';
import type { QueueEvents } from './queue-events.ts';

const CHANNEL_PREFIX = 'queue_changed';

/**
 * Carries queue changes between processes on PostgreSQL: every process LISTENs on one channel (per schema, so
 * test schemas do not hear each other) and NOTIFYs its own changes, tagged with its id so it ignores its echo.
 * PGlite is one process: nothing to do there. Returns a stop function.
 */
export async function startQueueFanout(
  database: Database,
  events: QueueEvents,
  log: (msg: string, err?: unknown) => void,
): Promise<() => Promise<void>> {
  if (database.kind !== 'postgres') return async () => {};
  const me = randomUUID();
  const channel = `${CHANNEL_PREFIX}_${database.schema}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 63);
  let client: pg.PoolClient | null = null;
  let stopped = false;

  const listen = async () => {
    try {
      client = await database.pool.connect();
      client.on('notification', (msg) => {
        const [from, centreId] = (msg.payload ?? '').split(':');
        if (from !== me && centreId) events.receivedRemote(centreId);
      });
      client.on('error', (err) => {
        log('queue fan-out connection lost; reconnecting', err);
        client?.release(true);
        client = null;
        if (!stopped) setTimeout(listen, 1000);
      });
      await client.query(`LISTEN ${channel}`);
    } catch (err) {
      log('queue fan-out could not listen; retrying', err);
      client?.release(true);
      client = null;
      if (!stopped) setTimeout(listen, 1000);
    }
  };
  await listen();
  events.bindRemote((centreId) => {
    database.pool
      .query('select pg_notify($1, $2)', [channel, `${me}:${centreId}`])
      .catch((err) => log('queue notify failed', err));
  });

  return async () => {
    stopped = true;
    if (client) {
      await client.query(`UNLISTEN ${channel}`).catch(() => {});
      client.release();
      client = null;
    }
  };
}
