import './appointments.css';
import type { Ticket } from '@dltt/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { platform } from '../../platform/index.ts';
import { timeOf } from './appointment-format.ts';
import { type Connection, isFinished, useLiveTicket } from './useLiveTicket.ts';

/** Long enough to be felt in a pocket or a bag. */
const CALL_VIBRATION = [400, 200, 400, 200, 800];
/** From this many people ahead on, the person should stay close to the counters. */
const SOON = 3;

/**
 * On each call of the number while the page is open (a recall too: its time changes), vibrate and bring the
 * news into view. Not when the page opens on a number that was already called.
 */
function useCallSignal(ticket: Ticket | null) {
  const call = ticket === null ? undefined : ticket.status === 'called' ? (ticket.calledAt ?? '') : null;
  const last = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (call === undefined) return;
    const before = last.current;
    last.current = call;
    if (before === undefined || call === null || call === before) return;
    platform.vibrate(CALL_VIBRATION);
    window.scrollTo(0, 0);
  }, [call]);
}

/**
 * "Số thứ tự của bạn": the number taken at the centre's kiosk, live. Opened from the QR code on the paper ticket,
 * without signing in; built for a person sitting in the waiting room: one big number, one sentence of status.
 */
export function TicketPage() {
  const { t } = useTranslation();
  const { ticketId = '' } = useParams();
  const { ticket, error, connection, retry } = useLiveTicket(ticketId);
  useCallSignal(ticket);
  return (
    <PageLayout title={t('appointments.ticket.title')}>
      {ticket ? (
        <TicketView ticket={ticket} connection={connection} />
      ) : error ? (
        <RequestError error={error} onRetry={retry} />
      ) : (
        <Loading />
      )}
    </PageLayout>
  );
}

function TicketView({ ticket, connection }: { ticket: Ticket; connection: Connection }) {
  const { t } = useTranslation();
  const { status } = ticket;
  const waiting = status === 'waiting';
  const minutes = ticket.estimatedWaitMinutes;
  const hint = status === 'waiting' || status === 'called' ? null : t(`appointments.ticket.hint.${status}`);
  return (
    <div className="ticket">
      {status === 'called' && (
        <p className="ticket-turn" role="alert">
          <Icon name="bell" size={32} />
          <span>{t('appointments.ticket.yourTurn')}</span>
        </p>
      )}
      <section className={`ticket-card ticket-${status}`} aria-labelledby="ticket-number">
        <p id="ticket-number" className="ticket-number" data-testid="ticket-number">
          {ticket.display}
        </p>
        <p className="ticket-field">{ticket.fieldName}</p>
        <p>{ticket.centreName}</p>
        {ticket.priority && <p className="ticket-badge">{t('appointments.ticket.priority')}</p>}
        {/* Read out as it changes: each call moves the count, and the call itself. */}
        <div className="ticket-state" aria-live="polite">
          <p className="ticket-status">
            {status !== 'called'
              ? t(`appointments.ticket.status.${status}`)
              : ticket.counterNumber === null
                ? t('appointments.ticket.status.calledAny')
                : t('appointments.ticket.status.called', { counter: ticket.counterNumber })}
          </p>
          {waiting && (
            <p className="ticket-ahead">{t('appointments.ticket.ahead', { count: ticket.ahead })}</p>
          )}
          {/* Under a minute is no estimate worth reading to someone with people ahead. */}
          {waiting && minutes !== null && minutes > 0 && (
            <p>{t('appointments.ticket.estimate', { count: minutes })}</p>
          )}
          {waiting && ticket.ahead <= SOON && (
            <p className="ticket-soon">
              <Icon name="bell" size={28} />
              <span>{t('appointments.ticket.soon')}</span>
            </p>
          )}
        </div>
      </section>
      {hint && <p className="appt-note">{hint}</p>}
      {ticket.lateWalkIn && <p className="appt-note">{t('appointments.ticket.lateWalkIn')}</p>}
      <p className="appt-hint">{t('appointments.ticket.takenAt', { time: timeOf(ticket.createdAt) })}</p>
      {!isFinished(ticket) && (
        <p className={`ticket-live ticket-live-${connection}`} aria-live="polite">
          <span className="ticket-dot" />
          {t(`appointments.ticket.connection.${connection}`)}
        </p>
      )}
    </div>
  );
}
