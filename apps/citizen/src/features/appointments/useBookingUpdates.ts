import type { Booking } from '@dltt/contracts';
import { useEffect, useRef } from 'react';
import { vietnamParts } from './appointment-format.ts';
import { fetchMyBooking } from './appointments.api.ts';

/** How often an open booking asks for news on its day. */
export const BOOKING_POLL_MS = 15_000;

/**
 * Keeps a booking up to date on the day of the appointment while the page is on screen, so the queue number
 * taken at the kiosk (or by an officer) appears without a reload. A poll, not a stream: before check-in there is
 * no ticket whose stream could be followed, and a per-citizen stream would need the citizen's token in the URL
 * (EventSource sends no Authorization header). It asks only on the booking's day, only while the page is
 * visible, and stops once the number is there or the booking is no longer confirmed: a few requests a minute
 * from the one page that waits for them.
 */
export function useBookingUpdates(booking: Booking, onUpdated: (b: Booking) => void): void {
  const update = useRef(onUpdated);
  update.current = onUpdated;
  const waiting = booking.status === 'confirmed' && booking.ticket === null;
  const { code, startsAt } = booking;

  useEffect(() => {
    if (!waiting) return;
    const controller = new AbortController();
    const onItsDay = () => vietnamParts(startsAt).day === vietnamParts(new Date().toISOString()).day;
    const refresh = () => {
      if (document.visibilityState !== 'visible' || !onItsDay()) return;
      fetchMyBooking(code, controller.signal).then(
        (fresh) => {
          if (!controller.signal.aborted) update.current(fresh);
        },
        // A missed poll (offline for a moment) is retried at the next tick; the page keeps what it shows.
        () => undefined,
      );
    };
    const timer = setInterval(refresh, BOOKING_POLL_MS);
    // Back on screen (the phone was in a pocket while queueing): ask at once instead of at the next tick.
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      controller.abort();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [waiting, code, startsAt]);
}
