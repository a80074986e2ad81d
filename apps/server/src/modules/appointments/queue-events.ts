import { EventEmitter } from 'node:events';

/**
 * "Something changed in the queue of centre X": boards and ticket pages listen and re-read. In one process an
 * EventEmitter carries it; with several processes on PostgreSQL, the queue service also sends a NOTIFY that each
 * process turns into the same local event (queue-fanout.ts, started by main.ts).
 */
export function createQueueEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let publishRemote: ((centreId: string) => void) | null = null;
  return {
    /** After a commit: tell local listeners, and other processes when bound. */
    changed(centreId: string): void {
      emitter.emit('changed', centreId);
      publishRemote?.(centreId);
    },
    /** A change another process announced. */
    receivedRemote(centreId: string): void {
      emitter.emit('changed', centreId);
    },
    bindRemote(publish: (centreId: string) => void): void {
      publishRemote = publish;
    },
    subscribe(listener: (centreId: string) => void): () => void {
      emitter.on('changed', listener);
      return () => emitter.off('changed', listener);
    },
  };
}
export type QueueEvents = ReturnType<typeof createQueueEvents>;
