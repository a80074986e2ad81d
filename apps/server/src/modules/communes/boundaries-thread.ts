import { Worker } from 'node:worker_threads';
import type { BoundariesRead } from './commune-boundaries.ts';

/**
 * Reads an uploaded boundary file in a worker thread of its own: the event loop only copies the bytes over.
 * Imports are rare (an administrator, a few times a year), so one short-lived thread per upload, no pool.
 * `threadId` says where the work ran (tests check it was not the main thread).
 */
export function readBoundariesOffThread(bytes: Uint8Array): Promise<BoundariesRead & { threadId: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./boundaries.worker.ts', import.meta.url));
    worker.once('message', (read: BoundariesRead & { threadId: number }) => {
      resolve(read);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the boundaries worker stopped with code ${code}`));
    });
    // A copy of the upload, handed over without a second copy.
    const copy = new Uint8Array(bytes);
    worker.postMessage(copy, [copy.buffer]);
  });
}
