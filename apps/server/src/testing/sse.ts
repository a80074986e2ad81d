// Test support: reads a Server-Sent Events stream over a real socket, as a browser's EventSource would.

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseReader {
  response: Response;
  events: SseEvent[];
  /** Resolves with the first event (seen or to come) that `match` accepts; rejects after `ms` without one. */
  waitFor(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Settles when the server ends the stream (or close() aborts it). */
  ended: Promise<void>;
  close(): Promise<void>;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: { accept: 'text/event-stream', ...headers },
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const reading = (async () => {
    const reader = response.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
            for (const wake of waiters) wake();
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    events,
    ended: reading,
    waitFor(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
