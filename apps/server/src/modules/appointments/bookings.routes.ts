import {
  BookBody,
  Booking,
  BookingCodeParams,
  BookingDay,
  IdempotencyKeyHeaders,
  RescheduleBody,
  Slot,
  SlotsQuery,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

const FieldParams = z.object({ id: z.uuid(), fieldId: z.uuid() });

/** Booking a slot at a centre: the days and slots offered (public), and a citizen's own bookings. */
export function bookingRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['appointments'];
  const { bookings } = services;
  return async (app) => {
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
  };
}
