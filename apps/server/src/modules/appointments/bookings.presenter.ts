import type { Booking } from '@dltt/contracts';
import type { BookingRow } from './bookings.repository.ts';

/**
 * A booking as its citizen sees it. `changeableUntil` is the service's rule (until 30 minutes before, while
 * confirmed): what the app offers is what the service will accept.
 */
export function presentBooking(row: BookingRow, changeableUntil: Date | null): Booking {
  return {
    code: row.code,
    status: row.status,
    centreId: row.centre_id,
    centreName: row.centre_name,
    centreAddress: row.centre_address,
    fieldId: row.field_id,
    fieldName: row.field_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    name: row.name,
    phone: row.phone,
    createdAt: row.created_at.toISOString(),
    changeableUntil: changeableUntil?.toISOString() ?? null,
    ticket: row.ticket_id && row.ticket_display ? { id: row.ticket_id, display: row.ticket_display } : null,
  };
}
