// A TCP proxy on loopback between the server and PostgreSQL that a test can cut and restore: the server speaks
// the real protocol to the real database, and an outage looks to it as a real one does. The machine's PostgreSQL
// is shared, so a test never stops it; it cuts this proxy instead.
import { connect, createServer, type Socket } from 'node:net';

/**
 * `refused`: every open connection is torn down and the port stops listening (a stopped or restarting database:
 * connects fail at once). `black-holed`: nothing moves any more in either direction and new connections are
 * accepted but never answered (a network partition, a frozen host: everything hangs until a timeout).
 */
export type Outage = 'refused' | 'black-holed';

export interface CuttableProxy {
  port: number;
  cut(how: Outage): Promise<void>;
  /** Back to normal. After a black-hole, what was held is delivered late, as a healed partition does. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  down: Socket;
  up: Socket | null;
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  let state: 'open' | Outage = 'open';
  const pairs = new Set<Pair>();

  const wire = (pair: Pair) => {
    const up = connect(target.port, target.host);
    pair.up = up;
    const { down } = pair;
    down.on('data', (chunk) => up.write(chunk));
    up.on('data', (chunk) => down.write(chunk));
    down.on('end', () => up.end());
    up.on('end', () => down.end());
    const drop = () => {
      down.destroy();
      up.destroy();
      pairs.delete(pair);
    };
    down.on('close', drop);
    up.on('close', drop);
    down.on('error', drop);
    up.on('error', drop);
    if (state === 'black-holed') hold(pair);
  };
  const hold = (pair: Pair) => {
    pair.down.pause();
    pair.up?.pause();
  };

  const server = createServer({ pauseOnConnect: true }, (down) => {
    const pair: Pair = { down, up: null };
    pairs.add(pair);
    if (state === 'black-holed') {
      // Accepted, never answered: the client's connect hangs until its own timeout.
      down.on('error', () => {});
      return;
    }
    wire(pair);
    down.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    async cut(how) {
      state = how;
      if (how === 'refused') {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const pair of pairs) {
          pair.down.destroy();
          pair.up?.destroy();
        }
        pairs.clear();
        await closed;
      } else {
        for (const pair of pairs) hold(pair);
      }
    },
    async restore() {
      const was = state;
      state = 'open';
      if (was === 'refused') {
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      } else if (was === 'black-holed') {
        for (const pair of [...pairs]) {
          if (pair.up) {
            pair.down.resume();
            pair.up.resume();
          } else if (pair.down.destroyed) {
            pairs.delete(pair);
          } else {
            wire(pair);
            pair.down.resume();
          }
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.down.destroy();
        pair.up?.destroy();
      }
      pairs.clear();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
