import type { Ticket } from '@dltt/contracts';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/format.ts';
import { publicQueueApi } from './queue.api.ts';
import { slotStartOf } from './queue.domain.ts';

/** How long the number stays on screen before the kiosk is ready for the next person. */
export const TICKET_SHOWN_S = 20;

interface KioskTicketProps {
  ticket: Ticket;
  headingRef: RefObject<HTMLHeadingElement>;
  onDone(): void;
}

/**
 * The number, very large, with the people ahead, the expected wait and a QR code that opens the number's live
 * page on a phone. "In phiếu" prints the same (the print styles in kiosk.css keep the number and the QR code
 * only); a kiosk browser started with --kiosk-printing prints without asking.
 */
export function KioskTicket({ ticket, headingRef, onDone }: KioskTicketProps) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(TICKET_SHOWN_S);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = TICKET_SHOWN_S - Math.floor((Date.now() - started) / 1000);
      if (remaining <= 0) {
        clearInterval(timer);
        done.current();
      } else setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, []);

  const slot = slotStartOf(ticket);
  const waiting = ticket.status === 'waiting';
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('kiosk.yourNumber')}
      </h1>
      <div className="kiosk-ticket">
        <p className="kiosk-ticket-number">{ticket.display}</p>
        <p className="kiosk-ticket-field">{ticket.fieldName}</p>
        {ticket.kind === 'appointment' ? (
          <p>{slot ? t('kiosk.bookedAt', { time: formatTime(slot) }) : t('kiosk.bookedTicket')}</p>
        ) : null}
        {ticket.lateWalkIn ? <p className="kiosk-note">{t('kiosk.lateWalkIn')}</p> : null}
        {ticket.priority ? <p>{t('kiosk.priority')}</p> : null}
        {waiting ? (
          <p>{ticket.ahead === 0 ? t('kiosk.nextInLine') : t('kiosk.ahead', { count: ticket.ahead })}</p>
        ) : ticket.counterNumber !== null ? (
          <p>{t('kiosk.alreadyCalled', { number: ticket.counterNumber })}</p>
        ) : null}
        {waiting && ticket.estimatedWaitMinutes !== null ? (
          <p>{t('kiosk.estimatedWait', { count: ticket.estimatedWaitMinutes })}</p>
        ) : null}
        <figure className="kiosk-qr">
          <img
            src={publicQueueApi.ticketQrUrl(ticket.id)}
            alt={t('kiosk.qrAlt', { number: ticket.display })}
            width={240}
            height={240}
          />
          <figcaption>{t('kiosk.scanToFollow')}</figcaption>
        </figure>
      </div>
      <p className="kiosk-lead">{t('kiosk.watchBoard')}</p>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-button kiosk-button-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
        <button type="button" className="kiosk-button" onClick={() => window.print()}>
          {t('kiosk.print')}
        </button>
      </div>
      <p className="kiosk-countdown">{t('kiosk.backIn', { count: left })}</p>
    </>
  );
}
