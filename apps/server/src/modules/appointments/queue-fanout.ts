import type { Database } from '../../db/pool.ts';
import { startFanout } from '../../events/fanout.ts';
import { QUEUE_CHANGED } from '../../events/topics.ts';
import type { QueueEvents } from './queue-events.ts';

/** Queue changes between processes on PostgreSQL (LISTEN/NOTIFY); see events/fanout.ts. */
export function startQueueFanout(
  database: Database,
  events: QueueEvents,
  log: (msg: string, err?: unknown) => void,
): Promise<() => Promise<void>> {
  return startFanout(database, { [QUEUE_CHANGED]: events }, log);
}
