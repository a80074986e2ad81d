import './appointments.css';
import type { Ticket } from '@dltt/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ticketPath } from '../../app/paths.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { platform } from '../../platform/index.ts';
import { timeOf } from './appointment-format.ts';
import { forgetTicket } from './my-tickets.ts';
import { type Connection, isFinished, useLiveTicket } from './useLiveTicket.ts';

/** Long enough to be felt in a pocket or a bag. */
const CALL_VIBRATION = [400, 200, 400, 200, 800];

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
  const from = transferredFrom(useLocation().state);
  useCallSignal(ticket);
  useFollowTransfer(ticket);
  return (
    <PageLayout title={t('appointments.ticket.title')}>
      {ticket ? (
        <TicketView ticket={ticket} connection={connection} transferredFrom={from} />
      ) : error ? (
        <RequestError error={error} onRetry={retry} />
      ) : (
        <Loading />
      )}
    </PageLayout>
  );
}

/** What the page was opened from when it followed a transfer (router state; gone after a reload). */
interface TransferredFrom {
  display: string;
  fieldName: string;
}

function transferredFrom(state: unknown): TransferredFrom | null {
  const from = (state as { transferredFrom?: Partial<TransferredFrom> } | null)?.transferredFrom;
  return typeof from?.display === 'string' && typeof from.fieldName === 'string'
    ? { display: from.display, fieldName: from.fieldName }
    : null;
}

/**
 * Staff sent the person to another field's queue with a new number: the page follows to that number (the old
 * one will never be called again) and says where it came from; the phone's list keeps only the new one.
 */
function useFollowTransfer(ticket: Ticket | null) {
  const navigate = useNavigate();
  const to = ticket?.transferredTo;
  const display = ticket?.display;
  const fieldName = ticket?.fieldName;
  const oldId = ticket?.id;
  useEffect(() => {
    if (!to || !oldId) return;
    void forgetTicket(oldId).catch(() => undefined);
    navigate(ticketPath(to.id), { replace: true, state: { transferredFrom: { display, fieldName } } });
  }, [to, oldId, display, fieldName, navigate]);
}

function TicketView({
  ticket,
  connection,
  transferredFrom: from,
}: {
  ticket: Ticket;
  connection: Connection;
  transferredFrom: TransferredFrom | null;
}) {
  const { t } = useTranslation();
  const { status } = ticket;
  const waiting = status === 'waiting';
  const minutes = ticket.estimatedWaitMinutes;
  const hint = status === 'waiting' || status === 'called' ? null : t(`appointments.ticket.hint.${status}`);
  return (
    <div className="ticket">
      {from && (
        <p className="ticket-moved" role="status">
          {t('appointments.ticket.movedFrom', {
            old: from.display,
            oldField: from.fieldName,
            field: ticket.fieldName,
          })}
        </p>
      )}
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
          {ticket.soon && (
            <p className="ticket-soon">
              <Icon name="bell" size={28} />
              <span>{t('appointments.ticket.soon')}</span>
            </p>
          )}
        </div>
      </section>
      {ticket.arrivalCode && (
        <section className="appt-section ticket-arrival" aria-labelledby="ticket-arrival">
          <h2 id="ticket-arrival">{t('appointments.ticket.arrivalTitle')}</h2>
          <p className="ticket-code" data-testid="arrival-code">
            {ticket.arrivalCode}
          </p>
          <p>{t('appointments.ticket.arrivalBody')}</p>
        </section>
      )}
      {ticket.kind === 'remote' && ticket.confirmed && !isFinished(ticket) && (
        <p className="appt-note">{t('appointments.ticket.arrivalConfirmed')}</p>
      )}
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
