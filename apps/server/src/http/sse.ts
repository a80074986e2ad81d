import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 20_000;
/** Several changes in quick succession (a call and the board's counts) become one event. */
const DEBOUNCE_MS = 50;

/**
 * Server-Sent Events: sends `event` with the JSON of `produce()` at once and after every change `subscribe`
 * reports, until the client goes away or the server closes. Browsers reconnect by themselves (EventSource), and
 * each connection starts with the full state, so a missed event is never a stale screen.
 */
export function registerSse(app: FastifyInstance) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  return async function stream(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      event: string;
      produce: () => Promise<unknown>;
      subscribe: (onChange: () => void) => () => void;
    },
  ): Promise<void> {
    const first = await options.produce();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tell reverse proxies (nginx) not to buffer the stream.
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    let seq = 0;
    const send = (data: unknown) => {
      seq += 1;
      res.write(`id: ${seq}\nevent: ${options.event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    res.write('retry: 2000\n\n');
    send(first);

    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    const unsubscribe = options.subscribe(() => {
      if (timer || closed) return;
      timer = setTimeout(async () => {
        timer = null;
        if (closed) return;
        try {
          send(await options.produce());
        } catch (err) {
          request.log.warn({ err }, 'live update failed');
        }
      }, DEBOUNCE_MS);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      open.delete(end);
      res.end();
    };
    open.add(end);
    request.raw.on('close', end);
  };
}
export type SseStream = ReturnType<typeof registerSse>;
