import { EventEmitter } from 'node:events';

/**
 * "Something changed under key X" (a centre's queue, an agency's reports): live screens listen and re-read what
 * they show. In one process an EventEmitter carries it; with several processes on PostgreSQL, fanout.ts turns
 * each change into a NOTIFY that every other process hears as the same local event.
 */
export function createChangeEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let publishRemote: ((key: string) => void) | null = null;
  return {
    /** After a commit: tell local listeners, and other processes when bound. */
    changed(key: string): void {
      emitter.emit('changed', key);
      publishRemote?.(key);
    },
    /** A change another process announced. */
    receivedRemote(key: string): void {
      emitter.emit('changed', key);
    },
    bindRemote(publish: (key: string) => void): void {
      publishRemote = publish;
    },
    subscribe(listener: (key: string) => void): () => void {
      emitter.on('changed', listener);
      return () => emitter.off('changed', listener);
    },
  };
}
export type ChangeEvents = ReturnType<typeof createChangeEvents>;
