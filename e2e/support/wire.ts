// Bytes on the wire as Chromium counts them (DevTools protocol, Network domain): what a phone pays for.
import type { BrowserContext, Page } from 'playwright-core';

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
