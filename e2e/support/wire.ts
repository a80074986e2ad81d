// Bytes on the wire as Chromium counts them (DevTools protocol, Network domain): what a phone pays for.
import { connect, createServer, type Socket } from 'node:net';
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface WireLoad {
  /** Bytes received for the page's requests (headers and bodies, as sent: compressed where compressed). */
  total: number;
  requests: { url: string; type: string; bytes: number; encoding: string }[];
}

/**
 * Starts counting the bytes `page` receives. `settle()` waits until no request but a live stream (EventSource)
 * has been in flight for half a second, then returns what was received so far.
 */
export async function watchWire(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map<
    string,
    { url: string; type: string; finished: number | null; streamed: number; body: number; encoding: string }
  >();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    lastActivity = Date.now();
    requests.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? 'Other',
      finished: null,
      streamed: 0,
      body: 0,
      encoding: '',
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    if (!r) return;
    r.encoding = headers['content-encoding'] ?? 'identity';
    r.streamed += e.response.encodedDataLength;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.streamed += e.encodedDataLength;
    r.body += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) r.finished = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) r.finished = 0;
  });

  const snapshot = (): WireLoad => {
    const list = [...requests.values()].map((r) => ({
      url: r.url,
      type: r.type,
      // A finished request reports its whole size. A stream still open, what came so far: Chromium may report
      // its chunks' encoded sizes as 0 until the end, and event streams are never compressed, so the larger of
      // the encoded count and the plain body counts.
      bytes: r.finished ?? Math.max(r.streamed, r.body),
      encoding: r.encoding,
    }));
    return { total: list.reduce((s, r) => s + r.bytes, 0), requests: list };
  };

  return {
    async settle(): Promise<WireLoad> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const busy = [...requests.values()].some((r) => r.finished === null && r.type !== 'EventSource');
        if (!busy && Date.now() - lastActivity >= 500) return snapshot();
        if (Date.now() > deadline) throw new Error(`the page never settled: ${JSON.stringify(snapshot())}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await cdp.detach();
    },
  };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * A TCP relay in front of the server that counts every byte the server sends back: what the browser itself
 * fetches outside any page or worker (the service worker update check of sw.js) counts too, which the DevTools
 * protocol does not show. It also keeps the site's origin (and so its service worker) while the server behind it
 * is replaced (`retarget`), as a redeploy does.
 */
export async function countingRelay(target: string) {
  let upstreamUrl = new URL(target);
  let received = 0;
  let lastActivity = Date.now();
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(Number(upstreamUrl.port), upstreamUrl.hostname);
    for (const s of [client, upstream]) sockets.add(s);
    upstream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      lastActivity = Date.now();
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      for (const s of [client, upstream]) {
        s.destroy();
        sockets.delete(s);
      }
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  /** Ends every open connection (a browser's keep-alive ones too), so the next request goes to the new target. */
  const dropConnections = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    baseUrl: `http://localhost:${port}`,
    /** Bytes the server has sent through the relay so far. */
    received: () => received,
    /** Resolves once the server has sent nothing for `ms` milliseconds. */
    async quiet(ms = 1000) {
      while (Date.now() - lastActivity < ms) await new Promise((resolve) => setTimeout(resolve, 100));
    },
    retarget(next: string) {
      upstreamUrl = new URL(next);
      dropConnections();
    },
    async close() {
      dropConnections();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}

/**
 * Counts the bytes that service workers of `context` fetch from the network (Playwright reports their requests
 * with the sizes Chromium gives: headers and encoded body; an answer from the worker's own cache costs 0).
 */
export function watchWorkerWire(context: BrowserContext) {
  const requests: { url: string; bytes: number }[] = [];
  const pending = new Set<Promise<void>>();
  const onFinished = (request: Request) => {
    if (!request.serviceWorker()) return;
    const p = request
      .sizes()
      .then((sizes) => {
        requests.push({ url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize });
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  context.on('requestfinished', onFinished);
  return {
    async snapshot(): Promise<WireLoad> {
      await Promise.all(pending);
      const list = requests.map((r) => ({ ...r, type: 'ServiceWorker', encoding: '' }));
      return { total: list.reduce((sum, r) => sum + r.bytes, 0), requests: list };
    },
    reset() {
      requests.length = 0;
    },
    stop() {
      context.off('requestfinished', onFinished);
    },
  };
}
