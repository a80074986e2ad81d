import {
  BookBody,
  Booking,
  BookingCodeParams,
  BookingDay,
  Centre,
  CentreBody,
  ClosureBody,
  IdempotencyKeyHeaders,
  IdParams,
  RescheduleBody,
  Slot,
  SlotsQuery,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

const Day = z.iso.date();
const FieldParams = z.object({ id: z.uuid(), fieldId: z.uuid() });

/** Centres (public read, admin configuration) and citizens' bookings. */
export function appointmentRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['appointments'];
  const { centres, bookings } = services;
  return async (app) => {
    app.get(
      '/centres',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Service centres open for booking', response: { 200: z.array(Centre) } },
      },
      async () => centres.list(true),
    );
    app.get(
      '/centres/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One centre with its fields and sessions',
          params: IdParams,
          response: { 200: Centre },
        },
      },
      async (request) => centres.get(request.params.id, true),
    );
    app.get(
      '/centres/:id/fields/:fieldId/days',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The days offered for a field (next working days), with places left',
          params: FieldParams,
          response: { 200: z.array(BookingDay) },
        },
      },
      async (request) => bookings.days(request.params.id, request.params.fieldId),
    );
    app.get(
      '/centres/:id/fields/:fieldId/slots',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Free slots of a field on a day',
          params: FieldParams,
          querystring: SlotsQuery,
          response: { 200: z.array(Slot) },
        },
      },
      async (request) => bookings.slots(request.params.id, request.params.fieldId, request.query.day),
    );

    app.post(
      '/bookings',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Book a slot (idempotent per Idempotency-Key); 201 new, 200 when replayed',
          headers: IdempotencyKeyHeaders,
          body: BookBody,
          response: { 200: Booking, 201: Booking },
        },
      },
      async (request, reply) => {
        const { booking, created } = await bookings.book(
          citizenOf(request),
          request.headers['idempotency-key'],
          request.body,
        );
        return reply.status(created ? 201 : 200).send(booking);
      },
    );
    app.get(
      '/me/bookings',
      {
        config: { access: 'citizen' },
        schema: { tags, summary: 'My bookings, latest first', response: { 200: z.array(Booking) } },
      },
      async (request) => bookings.mine(citizenOf(request)),
    );
    app.get(
      '/me/bookings/:code',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'One of my bookings',
          params: BookingCodeParams,
          response: { 200: Booking },
        },
      },
      async (request) => bookings.get(citizenOf(request), request.params.code),
    );
    app.post(
      '/me/bookings/:code/cancel',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Cancel (until 30 minutes before)',
          params: BookingCodeParams,
          response: { 200: Booking },
        },
      },
      async (request) => bookings.cancel(citizenOf(request), request.params.code),
    );
    app.post(
      '/me/bookings/:code/reschedule',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Move to another slot of the same field (until 30 minutes before)',
          params: BookingCodeParams,
          body: RescheduleBody,
          response: { 200: Booking },
        },
      },
      async (request) => bookings.reschedule(citizenOf(request), request.params.code, request.body.startsAt),
    );
    app.get(
      '/me/bookings/:code/ics',
      {
        config: { access: 'citizen' },
        schema: { tags, summary: 'The booking as an iCalendar file', params: BookingCodeParams },
      },
      async (request, reply) =>
        reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="lich-hen-${request.params.code}.ics"`)
          .send(await bookings.ics(citizenOf(request), request.params.code)),
    );
    app.get(
      '/me/bookings/:code/qr',
      {
        config: { access: 'citizen' },
        schema: { tags, summary: 'The QR code to scan at the kiosk (SVG)', params: BookingCodeParams },
      },
      async (request, reply) =>
        reply.type('image/svg+xml').send(await bookings.qrSvg(citizenOf(request), request.params.code)),
    );

    app.get(
      '/admin/centres',
      {
        config: { access: 'centres.manage' },
        schema: { tags, summary: 'All centres, inactive ones too', response: { 200: z.array(Centre) } },
      },
      async () => centres.list(false),
    );
    app.post(
      '/admin/centres',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Create a centre with its sessions, fields and counters',
          body: CentreBody,
          response: { 201: Centre },
        },
      },
      async (request, reply) => reply.status(201).send(await centres.create(actorOf(request), request.body)),
    );
    app.put(
      '/admin/centres/:id',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: "Replace a centre's configuration",
          params: IdParams,
          body: CentreBody,
          response: { 200: Centre },
        },
      },
      async (request) => centres.update(actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/admin/centres/:id/closures',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Closure days of a centre',
          params: IdParams,
          querystring: z.object({ from: Day, to: Day }),
          response: { 200: z.array(z.object({ day: z.string(), reason: z.string() })) },
        },
      },
      async (request) => centres.closures(request.params.id, request.query.from, request.query.to),
    );
    app.put(
      '/admin/centres/:id/closures/:day',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Close a centre on a day',
          params: IdParams.extend({ day: Day }),
          body: ClosureBody,
          response: { 200: z.object({ day: z.string(), reason: z.string() }) },
        },
      },
      async (request) =>
        centres.setClosure(actorOf(request), request.params.id, request.params.day, request.body.reason),
    );
    app.delete(
      '/admin/centres/:id/closures/:day',
      {
        config: { access: 'centres.manage' },
        schema: { tags, summary: 'Reopen a closed day', params: IdParams.extend({ day: Day }) },
      },
      async (request, reply) => {
        await centres.deleteClosure(actorOf(request), request.params.id, request.params.day);
        return reply.status(204).send();
      },
    );
  };
}
