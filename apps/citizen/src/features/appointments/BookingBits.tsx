import type { Booking } from '@dltt/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button } from 'zmp-ui';
import type { ApiError } from '../../app/api.ts';
import { APPOINTMENT_PATHS } from '../../app/paths.ts';
import { useObjectUrl } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorText, isConnectionError } from '../../components/RequestStatus.tsx';
import { BOOKING_STATUS_CLASS, dayLabel, timeRange, vietnamParts, whenLabel } from './appointment-format.ts';
import { fetchBookingQr } from './appointments.api.ts';

export function BookingStatusBadge({ status }: { status: Booking['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`appt-status ${BOOKING_STATUS_CLASS[status]}`}>
      {t(`appointments.status.${status}`)}
    </span>
  );
}

export interface BookingFactsData {
  startsAt: string;
  endsAt: string;
  centreName: string;
  centreAddress: string | null;
  fieldName: string;
  name?: string;
  phone?: string;
}

/** Day, time, centre (with address), field and who comes: the facts of an appointment as a definition list. */
export function BookingFacts({ booking }: { booking: BookingFactsData }) {
  const { t } = useTranslation();
  return (
    <dl className="appt-facts">
      <dt>{t('appointments.facts.day')}</dt>
      <dd>{dayLabel(vietnamParts(booking.startsAt).day, t)}</dd>
      <dt>{t('appointments.facts.time')}</dt>
      <dd>{timeRange(booking.startsAt, booking.endsAt)}</dd>
      <dt>{t('appointments.facts.centre')}</dt>
      <dd>
        {booking.centreName}
        {booking.centreAddress && <span className="appt-hint appt-block">{booking.centreAddress}</span>}
      </dd>
      <dt>{t('appointments.facts.field')}</dt>
      <dd>{booking.fieldName}</dd>
      {booking.name && (
        <>
          <dt>{t('appointments.facts.name')}</dt>
          <dd>{booking.name}</dd>
        </>
      )}
      {booking.phone && (
        <>
          <dt>{t('appointments.facts.phone')}</dt>
          <dd>{booking.phone}</dd>
        </>
      )}
    </dl>
  );
}

/** How checking in works at the centre. */
export function CheckInNote() {
  const { t } = useTranslation();
  return (
    <p className="appt-note">
      <Icon name="clock" size={28} />
      <span>{t('appointments.checkInNote')}</span>
    </p>
  );
}

/**
 * The QR code to scan at the kiosk. It needs the citizen's token, so it is fetched as SVG and shown from an
 * object URL (freed on unmount); the code is printed in large type next to it in case the scanner fails.
 */
export function BookingQr({ code }: { code: string }) {
  const { t } = useTranslation();
  const { url, failed, retry } = useObjectUrl((signal) => fetchBookingQr(code, signal), [code]);
  const alt = t('appointments.detail.qrAlt', { code });
  if (url) return <img className="appt-qr" src={url} alt={alt} width={220} height={220} />;
  if (failed) {
    return (
      <div className="appt-qr appt-qr-missing">
        <p>{t('appointments.detail.qrFailed')}</p>
        <button type="button" className="appt-text-button" onClick={retry}>
          {t('errors.retry')}
        </button>
      </div>
    );
  }
  return (
    <span className="appt-qr appt-qr-missing" role="img" aria-label={alt}>
      <Icon name="appointments" size={48} />
    </span>
  );
}

/**
 * Each new step starts at the top with its heading focused, as a new page would (screen readers announce it).
 * Returns the ref for the step's heading; the first render keeps the page's own focus on the <h1>.
 */
export function useStepFocus(step: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `step` is the trigger.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [step]);
  return heading;
}

const untilOf = (error: ApiError): string | null => {
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('until' in details)) return null;
  return typeof details.until === 'string' ? details.until : null;
};

/**
 * A booking or a change the server did not take: its message as it is, then what can be done. A lost
 * connection can be tried again (safely: the same idempotency key); a refusal says where to go instead.
 */
export function ActionError({
  error,
  sending,
  onRetry,
}: {
  error: ApiError;
  sending: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const until = error.code === 'BOOKING_BLOCKED' ? untilOf(error) : null;
  return (
    <div className="request-error" role="alert">
      <Icon name="alert" size={32} className="request-error-icon" />
      <div>
        <p className="request-error-title">{t('appointments.errors.title')}</p>
        <p>{errorText(error, t)}</p>
        {until && <p>{t('appointments.errors.blockedUntil', { when: whenLabel(until, t) })}</p>}
        {isConnectionError(error) ? (
          <Button
            variant="secondary"
            size="large"
            disabled={sending}
            prefixIcon={<Icon name="retry" />}
            onClick={onRetry}
          >
            {sending ? t('appointments.sending') : t('errors.retry')}
          </Button>
        ) : (
          <Link className="button-link" to={APPOINTMENT_PATHS.mine}>
            <Icon name="list" />
            <span>{t('appointments.mine.title')}</span>
          </Link>
        )}
      </div>
    </div>
  );
}
