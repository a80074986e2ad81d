// Reads one uploaded boundary file in a worker thread (see boundaries-thread.ts): parsing and checking tens of
// megabytes of coordinates would otherwise hold every other request of the process for as long.
import { parentPort, threadId } from 'node:worker_threads';
import { readBoundaries } from './commune-boundaries.ts';

parentPort?.once('message', (bytes: Uint8Array) => {
  parentPort?.postMessage({ ...readBoundaries(bytes), threadId });
});
