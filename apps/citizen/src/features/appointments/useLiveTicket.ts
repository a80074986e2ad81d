import type { Ticket } from '@dltt/contracts';
import { useState } from 'react';
import type { ApiError } from '../../app/api.ts';
import { asApiError, useRetryingEffect } from '../../app/useRequest.ts';
import { isConnectionError } from '../../components/RequestStatus.tsx';
import { fetchTicket, ticketStreamUrl } from './appointments.api.ts';
import { rememberTicket } from './my-tickets.ts';

/** How the page keeps up: a live stream, the stream lost (being retried), or asking every 10 s. */
export type Connection = 'live' | 'lost' | 'polling';

const POLL_MS = 10_000;

/** Nothing changes any more once a number is served, missed or sent to another queue: the stream can close. */
export const isFinished = (ticket: Ticket) => ticket.status !== 'waiting' && ticket.status !== 'called';

/**
 * A queue number kept up to date: Server-Sent Events where the browser has EventSource (it reconnects by itself
 * and every connection starts with the whole ticket), else a GET every 10 s. A stream the server refused (an
 * error status ends EventSource for good) is checked with one GET, which tells a missing ticket from a passing
 * outage, and reopened 10 s later. Each ticket seen is remembered on the phone (see my-tickets.ts).
 */
export function useLiveTicket(ticketId: string) {
  // Kept with the address it was read for, so a ticket from a previous address is never shown for a new one.
  const [seen, setSeen] = useState<{ for: string; ticket: Ticket } | null>(null);
  const ticket = seen?.for === ticketId ? seen.ticket : null;
  const [error, setError] = useState<ApiError | null>(null);
  const [connection, setConnection] = useState<Connection>('live');
  const finished = ticket !== null && isFinished(ticket);

  const retry = useRetryingEffect(
    (signal) => {
      if (finished) return undefined;
      const streams = typeof EventSource === 'function';
      let source: EventSource | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let remembered = false;
      setError(null);
      setConnection(streams ? 'live' : 'polling');

      const show = (next: Ticket) => {
        if (signal.aborted) return;
        setSeen({ for: ticketId, ticket: next });
        setError(null);
        if (!remembered) {
          remembered = true;
          void rememberTicket(next).catch(() => undefined);
        }
      };

      /** One GET; false when asking again is pointless (no such ticket). */
      const check = async (): Promise<boolean> => {
        try {
          show(await fetchTicket(ticketId, signal));
          if (!streams) setConnection('polling');
          return true;
        } catch (e) {
          if (signal.aborted) return false;
          const apiError = asApiError(e);
          if (!isConnectionError(apiError)) {
            setError(apiError);
            return false;
          }
          setConnection('lost');
          return true;
        }
      };

      const poll = async () => {
        if (await check()) timer = setTimeout(poll, POLL_MS);
      };

      const open = () => {
        source = new EventSource(ticketStreamUrl(ticketId));
        source.addEventListener('ticket', (event) => {
          try {
            show(JSON.parse((event as MessageEvent<string>).data) as Ticket);
            setConnection('live');
          } catch {
            // A damaged event: the next one carries the whole ticket again.
          }
        });
        source.onerror = () => {
          setConnection('lost');
          if (source?.readyState !== EventSource.CLOSED) return;
          source = null;
          void check().then((again) => {
            if (again && !signal.aborted) timer = setTimeout(open, POLL_MS);
          });
        };
      };

      if (streams) open();
      else void poll();
      return () => {
        source?.close();
        clearTimeout(timer);
      };
    },
    [ticketId, finished],
  );

  return { ticket, error, connection, retry };
}
