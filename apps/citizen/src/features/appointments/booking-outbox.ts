import type { BookBody } from '@dltt/contracts';
import { APPOINTMENT_PATHS, bookingPath } from '../../app/paths.ts';
import type { OutboxEntry, Sender } from '../../lib/outbox/types.ts';
import { book } from './appointments.api.ts';

/** A booking in the outbox: the request, and the centre it is at (to choose another time after a refusal). */
export interface QueuedBooking {
  book: BookBody;
  centreId: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function queuedBooking(entry: OutboxEntry): QueuedBooking {
  const body = entry.body;
  if (!isObject(body) || !isObject(body.book) || typeof body.centreId !== 'string')
    throw new Error('Outbox entry is not a booking');
  return body as unknown as QueuedBooking;
}

/**
 * Sends a queued booking with the entry's Idempotency-Key. The slot may have gone meanwhile: the server's
 * refusal (SLOT_FULL, SLOT_IN_PAST...) then stays on the entry, with a way to choose another time.
 */
export const sendBooking: Sender = async (entry) => {
  const booking = await book(queuedBooking(entry).book, entry.idempotencyKey);
  return { code: booking.code, path: bookingPath(booking.code) };
};

/** Where a refused booking is made again: the booking form at the same centre and field. */
export function rebookPath(entry: OutboxEntry): string {
  const { book: body, centreId } = queuedBooking(entry);
  return `${APPOINTMENT_PATHS.new}?${new URLSearchParams({ centre: centreId, field: body.fieldId })}`;
}
