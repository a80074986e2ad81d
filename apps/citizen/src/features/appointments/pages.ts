/**
 * The appointment screens as one lazily loaded chunk: together they are about 8 kB gzipped, less than the
 * sum of five small chunks, and the person who opens one usually goes on to the next.
 */
export { AppointmentsPage } from './AppointmentsPage.tsx';
export { BookingPage } from './BookingPage.tsx';
export { MyBookingsPage } from './MyBookingsPage.tsx';
export { NewBookingPage } from './NewBookingPage.tsx';
export { RemoteTicketPage } from './RemoteTicketPage.tsx';
export { ReschedulePage } from './ReschedulePage.tsx';
export { TicketPage } from './TicketPage.tsx';
