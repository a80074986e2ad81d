import type { BookBody, Booking, BookingDay, Centre, RemoteToday, Slot, Ticket } from '@dltt/contracts';
import { API_BASE, apiGet } from '../../app/api.ts';
import {
  citizenBlob,
  citizenGet,
  citizenPost,
  storedCitizenToken,
} from '../../lib/session/citizen-session.ts';

const id = (value: string) => encodeURIComponent(value);

/** Centres open for booking, by name, with only the fields that can be booked. */
export async function fetchCentres(signal: AbortSignal): Promise<Centre[]> {
  const centres = await apiGet<Centre[]>('/centres', { signal });
  return centres
    .filter((c) => c.active)
    .map((c) => ({ ...c, fields: c.fields.filter((f) => f.active) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Today and the days after it up to the last one offered, open or closed (with why), with places left. */
export function fetchDays(centreId: string, fieldId: string, signal: AbortSignal): Promise<BookingDay[]> {
  return apiGet<BookingDay[]>(`/centres/${id(centreId)}/fields/${id(fieldId)}/days`, { signal });
}

/** The slots of a day still ahead, full ones included (remaining 0). */
export function fetchSlots(
  centreId: string,
  fieldId: string,
  day: string,
  signal: AbortSignal,
): Promise<Slot[]> {
  return apiGet<Slot[]>(
    `/centres/${id(centreId)}/fields/${id(fieldId)}/slots?day=${encodeURIComponent(day)}`,
    { signal },
  );
}

/** Books a slot; the same key always answers with the same booking (201 the first time, 200 on a replay). */
export function book(body: BookBody, idempotencyKey: string): Promise<Booking> {
  return citizenPost<Booking>('/bookings', body, {
    headers: { 'idempotency-key': idempotencyKey },
    timeoutMs: 30_000,
  });
}

/** A device that never booked has no identity yet and nothing to list: no request, no new identity. */
export async function fetchMyBookings(signal: AbortSignal): Promise<Booking[]> {
  if (!(await storedCitizenToken())) return [];
  return citizenGet<Booking[]>('/me/bookings', { signal });
}

export function fetchMyBooking(code: string, signal: AbortSignal): Promise<Booking> {
  return citizenGet<Booking>(`/me/bookings/${id(code)}`, { signal });
}

export function cancelBooking(code: string): Promise<Booking> {
  return citizenPost<Booking>(`/me/bookings/${id(code)}/cancel`);
}

export function rescheduleBooking(code: string, startsAt: string): Promise<Booking> {
  return citizenPost<Booking>(`/me/bookings/${id(code)}/reschedule`, { startsAt });
}

/** The booking as an iCalendar file (needs the token, so it is fetched rather than linked). */
export function fetchBookingIcs(code: string): Promise<Blob> {
  return citizenBlob(`/me/bookings/${id(code)}/ics`);
}

/** The QR code scanned at the kiosk, as SVG. */
export function fetchBookingQr(code: string, signal: AbortSignal): Promise<Blob> {
  return citizenBlob(`/me/bookings/${id(code)}/qr`, { signal });
}

/** "Lấy số từ xa": whether the centre is open now and the numbers left today per field. */
export function fetchRemoteToday(centreId: string, signal: AbortSignal): Promise<RemoteToday> {
  return apiGet<RemoteToday>(`/centres/${id(centreId)}/remote`, { signal });
}

/** Takes today's number for a field; the same key always answers with the same number. */
export function takeRemoteTicket(fieldId: string, idempotencyKey: string): Promise<Ticket> {
  return citizenPost<Ticket>(
    '/me/tickets',
    { fieldId },
    {
      headers: { 'idempotency-key': idempotencyKey },
      timeoutMs: 30_000,
    },
  );
}

/** A queue number taken at the centre (public: the unguessable id is the key). */
export function fetchTicket(ticketId: string, signal: AbortSignal): Promise<Ticket> {
  return apiGet<Ticket>(`/public/tickets/${id(ticketId)}`, { signal });
}

/** Server-Sent Events: `event: ticket` with the whole ticket at connect and after every change. */
export const ticketStreamUrl = (ticketId: string) => `${API_BASE}/public/tickets/${id(ticketId)}/stream`;
