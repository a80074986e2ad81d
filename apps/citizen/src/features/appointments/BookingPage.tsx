import './appointments.css';
import type { Booking } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { ApiError } from '../../app/api.ts';
import { APPOINTMENT_PATHS, reschedulePath, ticketPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { errorText, Loading, RequestError } from '../../components/RequestStatus.tsx';
import { platform } from '../../platform/index.ts';
import { whenLabel } from './appointment-format.ts';
import { cancelBooking, fetchBookingIcs, fetchMyBooking } from './appointments.api.ts';
import { ActionError, BookingFacts, BookingQr, BookingStatusBadge, CheckInNote } from './BookingBits.tsx';
import type { BookingNotice } from './NewBookingPage.tsx';
import { useBookingUpdates } from './useBookingUpdates.ts';

const noticeOf = (state: unknown): BookingNotice['notice'] | null => {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  return state.notice === 'booked' || state.notice === 'rescheduled' ? state.notice : null;
};

/** One booking: the confirmation screen right after booking, and what "Lịch hẹn của tôi" opens. */
export function BookingPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => fetchMyBooking(code, signal), [code]);
  const { state, retry } = useRequest(load);
  const [updated, setUpdated] = useState<Booking | null>(null);
  const booking = updated ?? (state.status === 'success' ? state.data : null);
  return (
    <PageLayout title={t('appointments.detail.title')}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {booking && <BookingView booking={booking} onUpdated={setUpdated} />}
    </PageLayout>
  );
}

function BookingView({ booking, onUpdated }: { booking: Booking; onUpdated: (b: Booking) => void }) {
  const { t } = useTranslation();
  const notice = noticeOf(useLocation().state);
  const [cancelled, setCancelled] = useState(false);
  useBookingUpdates(booking, onUpdated);
  const cancelledBanner = useRef<HTMLParagraphElement>(null);
  // The buttons that had the focus are gone once cancelled: the focus goes to the news instead.
  useEffect(() => {
    if (cancelled) cancelledBanner.current?.focus();
  }, [cancelled]);
  const active = booking.status === 'confirmed';
  return (
    <article className="appt-detail" aria-labelledby="booking-code-label">
      {notice && !cancelled && (
        <p className="appt-success" role="status">
          <Icon name="check" size={28} />
          <span>{t(`appointments.detail.${notice}`)}</span>
        </p>
      )}
      {cancelled && (
        <p className="appt-success" role="status" tabIndex={-1} ref={cancelledBanner}>
          <Icon name="check" size={28} />
          <span>{t('appointments.detail.cancelled')}</span>
        </p>
      )}
      <header className="appt-ticket">
        <p id="booking-code-label" className="appt-hint">
          {t('appointments.detail.code')}
        </p>
        <p className="appt-code" data-testid="booking-code">
          {booking.code}
        </p>
        <BookingStatusBadge status={booking.status} />
        {active && <BookingQr code={booking.code} />}
      </header>

      {booking.ticket && (
        <Link className="appt-ticket-link" to={ticketPath(booking.ticket.id)}>
          <span className="appt-hint">{t('appointments.detail.yourNumber')}</span>
          <span className="appt-code">{booking.ticket.display}</span>
          <span className="appt-ticket-follow">
            {t('appointments.detail.followNumber')}
            <Icon name="right" />
          </span>
        </Link>
      )}
      <BookingFacts booking={booking} />
      {active && <CheckInNote />}
      {active && <IcsButton code={booking.code} />}
      {booking.changeableUntil ? (
        <ChangePanel
          booking={booking}
          onCancelled={(b) => {
            setCancelled(true);
            onUpdated(b);
          }}
        />
      ) : (
        active && (
          <p className="appt-note appt-note-info">
            <Icon name="clock" size={28} />
            <span>{t('appointments.detail.tooLate')}</span>
          </p>
        )
      )}
      <Link className="appt-link" to={APPOINTMENT_PATHS.mine}>
        <Icon name="list" />
        <span>{t('appointments.mine.title')}</span>
      </Link>
    </article>
  );
}

/** "Thêm vào lịch": the .ics file, which phones offer to add to their calendar. */
function IcsButton({ code }: { code: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await platform.saveFile(await fetchBookingIcs(code), `lich-hen-${code}.ics`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="secondary"
        size="large"
        fullWidth
        disabled={busy}
        prefixIcon={<Icon name="appointments" />}
        onClick={() => void download()}
      >
        {busy ? t('app.loading') : t('appointments.detail.addToCalendar')}
      </Button>
      {error && (
        <p className="appt-notice" role="alert">
          {errorText(error, t)}
        </p>
      )}
    </>
  );
}

/** Move or cancel, while the centre still allows it (until 30 minutes before); cancelling asks once more. */
function ChangePanel({ booking, onCancelled }: { booking: Booking; onCancelled: (b: Booking) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  // The "Hủy lịch hẹn" button gives way to the question: keep the focus there, not lost on the page.
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const cancel = async () => {
    setSending(true);
    setError(null);
    try {
      onCancelled(await cancelBooking(booking.code));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e)));
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="appt-change" aria-labelledby="change-title">
      <h2 id="change-title">{t('appointments.detail.changeTitle')}</h2>
      <p className="appt-hint">
        {t('appointments.detail.changeUntil', { when: whenLabel(booking.changeableUntil ?? '', t) })}
      </p>
      <Link className="button-link" to={reschedulePath(booking.code)}>
        <Icon name="clock" />
        <span>{t('appointments.detail.reschedule')}</span>
      </Link>
      {confirming ? (
        <section className="appt-confirm" aria-labelledby="cancel-question">
          <p id="cancel-question" className="appt-confirm-title" tabIndex={-1} ref={question}>
            {t('appointments.detail.cancelQuestion', { when: whenLabel(booking.startsAt, t) })}
          </p>
          {error && <ActionError error={error} sending={sending} onRetry={() => void cancel()} />}
          <Button type="danger" size="large" fullWidth disabled={sending} onClick={() => void cancel()}>
            {sending ? t('appointments.sending') : t('appointments.detail.cancelYes')}
          </Button>
          <Button
            variant="tertiary"
            size="large"
            fullWidth
            disabled={sending}
            onClick={() => setConfirming(false)}
          >
            {t('appointments.detail.cancelNo')}
          </Button>
        </section>
      ) : (
        <Button
          variant="tertiary"
          size="large"
          fullWidth
          prefixIcon={<Icon name="close" />}
          onClick={() => setConfirming(true)}
        >
          {t('appointments.detail.cancel')}
        </Button>
      )}
    </section>
  );
}
