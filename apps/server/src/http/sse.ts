import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 20_000;
/** Several changes in quick succession (a call and the board's counts) become one event. */
const DEBOUNCE_MS = 50;

/**
 * Server-Sent Events: sends `event` with the JSON of `produce()` at once and after every change `subscribe`
 * reports, until the client goes away or the server closes. Browsers reconnect by themselves (EventSource), and
 * each connection starts with the full state, so a missed event is never a stale screen.
 *
 * The route returns the stream and Fastify sends it like any other answer, so every hook's headers stay on it
 * (CORS for the Zalo Mini App's origins, security headers, the request id). Taking over the raw response
 * instead would drop them, and cross-origin EventSources would fail.
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
      /**
       * Asked before each update: false ends the stream (a staff session ended or changed since it opened, so
       * its scope may no longer be the caller's). The browser's reconnect then meets the access check again.
       */
      stillAllowed?: () => Promise<boolean>;
    },
  ): Promise<Readable> {
    const first = await options.produce();
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      // Tell reverse proxies (nginx) not to buffer the stream.
      .header('x-accel-buffering', 'no');
    const body = new PassThrough();
    let seq = 0;
    const send = (data: unknown) => {
      seq += 1;
      body.write(`id: ${seq}\nevent: ${options.event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    body.write('retry: 2000\n\n');
    send(first);

    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    const unsubscribe = options.subscribe(() => {
      if (timer || closed) return;
      timer = setTimeout(async () => {
        timer = null;
        if (closed) return;
        try {
          if (options.stillAllowed && !(await options.stillAllowed())) {
            end();
            return;
          }
          const data = await options.produce();
          if (!closed) send(data);
        } catch (err) {
          request.log.warn({ err }, 'live update failed');
        }
      }, DEBOUNCE_MS);
    });
    const heartbeat = setInterval(() => body.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      open.delete(end);
      body.end();
    };
    open.add(end);
    // Fastify destroys the stream when the client goes away; the request's close covers a client gone before.
    body.on('close', end);
    request.raw.on('close', end);
    return body;
  };
}
export type SseStream = ReturnType<typeof registerSse>;
