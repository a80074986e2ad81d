import {
  Board,
  CheckInBody,
  CounterChoice,
  CounterElsewhere,
  CounterSessionBody,
  CounterState,
  IdempotencyKeyHeaders,
  IdParams,
  OkBody,
  PriorityBody,
  QueueStats,
  QueueStatsQuery,
  RemoteTicketBody,
  RemoteToday,
  Ticket,
  TransferTicketBody,
  WalkInBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, citizenOf } from '../../http/access.ts';
import type { SseStream } from '../../http/sse.ts';
import type { Services } from '../../services.ts';

/** The live queue: kiosk (check-in, walk-in), counters, the display board and the citizen's live ticket. */
export function queueRoutes(
  services: Services,
  stream: SseStream,
  kioskRateLimit: number,
): FastifyPluginAsyncZod {
  const tags = ['queue'];
  const q = services.queue;
  return async (app) => {
    app.post(
      '/centres/:id/check-in',
      {
        config: { access: 'public', rateLimit: { max: kioskRateLimit, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            "Kiosk: check in with a booking code (30 min before to 15 min after the slot), or confirm arrival with a number taken from the phone (the ticket's arrivalCode)",
          params: IdParams,
          body: CheckInBody,
          response: { 200: Ticket },
        },
      },
      async (request) => q.checkIn(request.params.id, request.body.code, null),
    );
    app.post(
      '/centres/:id/tickets',
      {
        config: { access: 'public', rateLimit: { max: kioskRateLimit, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Kiosk: take a walk-in number for a field',
          params: IdParams,
          body: WalkInBody,
          response: { 201: Ticket },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await q.walkIn(request.params.id, request.body.fieldId)),
    );
    app.get(
      '/centres/:id/remote',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Lấy số từ xa: whether the centre is open now, and the numbers left today per field',
          params: IdParams,
          response: { 200: RemoteToday },
        },
      },
      async (request) => services.remoteTickets.today(request.params.id),
    );
    app.post(
      '/me/tickets',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary:
            "Lấy số từ xa: take today's number for a field from the phone (idempotent per Idempotency-Key); 201 new, 200 when replayed",
          headers: IdempotencyKeyHeaders,
          body: RemoteTicketBody,
          response: { 200: Ticket, 201: Ticket },
        },
      },
      async (request, reply) => {
        const { ticket, created } = await services.remoteTickets.take(
          citizenOf(request),
          request.headers['idempotency-key'],
          request.body.fieldId,
        );
        return reply.status(created ? 201 : 200).send(ticket);
      },
    );
    app.get(
      '/me/tickets',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'My numbers of today still waiting or being called',
          response: { 200: z.array(Ticket) },
        },
      },
      async (request) => services.remoteTickets.mine(citizenOf(request)),
    );
    app.get(
      '/public/tickets/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A live ticket: status, people ahead, estimated wait',
          params: IdParams,
          response: { 200: Ticket },
        },
      },
      async (request) => q.ticket(request.params.id),
    );
    app.get(
      '/public/tickets/:id/qr',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "QR code (SVG) of the ticket's live page, shown at the kiosk",
          params: IdParams,
        },
      },
      async (request, reply) =>
        reply
          .type('image/svg+xml')
          .header('cache-control', 'public, max-age=86400')
          .send(await q.ticketQrSvg(request.params.id)),
    );
    app.get(
      '/public/tickets/:id/stream',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'The live ticket as Server-Sent Events (event: ticket)', params: IdParams },
      },
      async (request, reply) => {
        const first = await q.ticket(request.params.id);
        return stream(request, reply, {
          event: 'ticket',
          produce: () => q.ticket(request.params.id),
          subscribe: (onChange) =>
            services.queueEvents.subscribe((centreId) => centreId === first.centreId && onChange()),
        });
      },
    );
    app.get(
      '/public/centres/:id/board',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The display board of a centre',
          params: IdParams,
          response: { 200: Board },
        },
      },
      async (request) => q.board(request.params.id),
    );
    app.get(
      '/public/centres/:id/board/stream',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'The display board as Server-Sent Events (event: board)', params: IdParams },
      },
      async (request, reply) => {
        await q.board(request.params.id);
        return stream(request, reply, {
          event: 'board',
          produce: () => q.board(request.params.id),
          subscribe: (onChange) =>
            services.queueEvents.subscribe((centreId) => centreId === request.params.id && onChange()),
        });
      },
    );

    app.get(
      '/counter',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'My counter: the current ticket and who waits',
          response: { 200: CounterState },
        },
      },
      async (request) => q.state(actorOf(request)),
    );
    app.post(
      '/counter/session',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'Start working at a counter',
          body: CounterSessionBody,
          response: { 200: CounterState },
        },
      },
      async (request) => q.startSession(actorOf(request), request.body.counterId),
    );
    app.delete(
      '/counter/session',
      {
        config: { access: 'queue.serve' },
        schema: { tags, summary: 'Leave the counter', response: { 200: OkBody } },
      },
      async (request) => {
        await q.endSession(actorOf(request));
        return { ok: true as const };
      },
    );
    for (const [path, summary, run] of [
      [
        'call-next',
        'Gọi số tiếp theo (finishes the current ticket as served)',
        (a: ReturnType<typeof actorOf>) => q.callNext(a),
      ],
      ['recall', 'Call the current number again', (a: ReturnType<typeof actorOf>) => q.recall(a)],
      [
        'confirm',
        'The holder of the called number from the phone is here (confirms arrival)',
        (a: ReturnType<typeof actorOf>) => q.confirmCurrent(a),
      ],
      ['served', 'The current person was served', (a: ReturnType<typeof actorOf>) => q.finish(a, 'served')],
      [
        'absent',
        'The current person did not come (a booking counts as a no-show)',
        (a: ReturnType<typeof actorOf>) => q.finish(a, 'absent'),
      ],
    ] as const) {
      app.post(
        `/counter/${path}`,
        { config: { access: 'queue.serve' }, schema: { tags, summary, response: { 200: CounterState } } },
        async (request) => run(actorOf(request)),
      );
    }
    app.post(
      '/counter/transfer',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: "Send the current person to another field's queue",
          body: TransferTicketBody,
          response: { 200: CounterState },
        },
      },
      async (request) => q.transfer(actorOf(request), request.body.fieldId),
    );
    app.post(
      '/counter/check-in',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'Check a booking in at my centre',
          body: CheckInBody,
          response: { 200: Ticket },
        },
      },
      async (request) => {
        const state = await q.state(actorOf(request));
        return q.checkIn(state.counter.centreId, request.body.code, actorOf(request));
      },
    );
    app.post(
      '/tickets/:id/priority',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'Flag a priority person (elderly, disabled, pregnant, small children)',
          params: IdParams,
          body: PriorityBody,
          response: { 200: Ticket },
        },
      },
      async (request) => q.setPriority(actorOf(request), request.params.id, request.body.priority),
    );

    app.get(
      '/counter/choices',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'Counters I may work at, and who holds them',
          response: { 200: z.array(CounterChoice) },
        },
      },
      async (request) => services.queueStats.counterChoices(actorOf(request)),
    );
    app.get(
      '/counter/elsewhere',
      {
        config: { access: 'queue.serve' },
        schema: {
          tags,
          summary: 'Centres with counters I may not take: they belong to another agency than mine',
          response: { 200: CounterElsewhere },
        },
      },
      async (request) => services.queueStats.counterElsewhere(actorOf(request)),
    );
    app.get(
      '/queue-stats',
      {
        config: { access: 'queue.stats' },
        schema: {
          tags,
          summary: 'Bookings, no-shows, waiting and service times per day, field and counter',
          querystring: QueueStatsQuery,
          response: { 200: QueueStats },
        },
      },
      async (request) =>
        services.queueStats.stats(
          actorOf(request),
          request.query.centreId,
          request.query.from,
          request.query.to,
        ),
    );
  };
}
