/**
 * The appointment screens as one lazily loaded chunk: together they are about 8 kB gzipped, less than the
 * sum of five small chunks, and the person who opens one usually goes on to the next.
 */
export { AppointmentsPage } from './AppointmentsPage.tsx';
export { BookingPage } from './BookingPage.tsx';
// The outbox's sender for bookings rides in this chunk: it shares the API module and the pages with it.
export { sendBooking } from './booking-outbox.ts';
export { MyBookingsPage } from './MyBookingsPage.tsx';
export { NewBookingPage } from './NewBookingPage.tsx';
export { RemoteTicketPage } from './RemoteTicketPage.tsx';
export { ReschedulePage } from './ReschedulePage.tsx';
export { TicketPage } from './TicketPage.tsx';
