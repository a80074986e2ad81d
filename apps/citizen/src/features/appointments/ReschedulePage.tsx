import './appointments.css';
import type { Booking, Slot } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { ApiError } from '../../app/api.ts';
import { bookingPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { dayLabel, timeRange, vietnamParts, whenLabel } from './appointment-format.ts';
import { fetchMyBooking, rescheduleBooking } from './appointments.api.ts';
import { ActionError, useStepFocus } from './BookingBits.tsx';
import type { BookingNotice } from './NewBookingPage.tsx';
import { DayPicker, SlotPicker } from './pickers.tsx';

/** "Đổi giờ": another day and time of the same field at the same centre, with the same pickers as booking. */
export function ReschedulePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => fetchMyBooking(code, signal), [code]);
  const { state, retry } = useRequest(load);
  return (
    <PageLayout title={t('appointments.reschedule.title')}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' &&
        (state.data.changeableUntil ? (
          <Reschedule booking={state.data} />
        ) : (
          <section className="notice">
            <p>{t('appointments.detail.tooLate')}</p>
            <Link className="button-link" to={bookingPath(code)}>
              {t('appointments.reschedule.backToBooking')}
            </Link>
          </section>
        ))}
    </PageLayout>
  );
}

type Step = 'day' | 'slot' | 'confirm';

function Reschedule({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('day');
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useStepFocus(step);

  const go = (next: Step) => {
    setNotice(null);
    setError(null);
    setStep(next);
  };

  async function send() {
    if (!slot) return;
    setSending(true);
    setError(null);
    try {
      await rescheduleBooking(booking.code, slot.startsAt);
      const state: BookingNotice = { notice: 'rescheduled' };
      navigate(bookingPath(booking.code), { replace: true, state });
    } catch (e) {
      const failure = e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e));
      setSending(false);
      if (['SLOT_FULL', 'SLOT_IN_PAST', 'SLOT_INVALID'].includes(failure.code)) {
        go('slot');
        setNotice(failure.message);
      } else if (['CENTRE_CLOSED', 'SLOT_OUT_OF_RANGE', 'BOOKING_LIMIT_PER_DAY'].includes(failure.code)) {
        go('day');
        setNotice(failure.message);
      } else {
        setError(failure);
      }
    }
  }

  return (
    <div className="appt-wizard">
      <p className="appt-current">
        {t('appointments.reschedule.current', { when: whenLabel(booking.startsAt, t) })}
        <span className="appt-hint appt-block">
          {booking.fieldName} · {booking.centreName}
        </span>
      </p>
      <h2 className="appt-step-title" tabIndex={-1} ref={heading}>
        {t(`appointments.reschedule.steps.${step}`)}
      </h2>
      {notice && (
        <p className="appt-notice" role="alert">
          {notice}
        </p>
      )}
      {step === 'day' && (
        <DayPicker
          centreId={booking.centreId}
          fieldId={booking.fieldId}
          selected={day}
          onPick={(d) => {
            setDay(d);
            setSlot(null);
            go('slot');
          }}
        />
      )}
      {step === 'slot' && day && (
        <>
          <p className="appt-chosen-day">{dayLabel(day, t)}</p>
          <SlotPicker
            centreId={booking.centreId}
            fieldId={booking.fieldId}
            day={day}
            current={booking.startsAt}
            onPick={(s) => {
              setSlot(s);
              go('confirm');
            }}
            onOtherDay={() => go('day')}
          />
        </>
      )}
      {step === 'confirm' && slot && (
        <>
          <dl className="appt-facts">
            <dt>{t('appointments.reschedule.from')}</dt>
            <dd>
              {dayLabel(vietnamParts(booking.startsAt).day, t)}
              <span className="appt-block">{timeRange(booking.startsAt, booking.endsAt)}</span>
            </dd>
            <dt>{t('appointments.reschedule.to')}</dt>
            <dd className="appt-strong">
              {dayLabel(vietnamParts(slot.startsAt).day, t)}
              <span className="appt-block">{timeRange(slot.startsAt, slot.endsAt)}</span>
            </dd>
          </dl>
          {error && <ActionError error={error} sending={sending} onRetry={() => void send()} />}
          <Button
            size="large"
            fullWidth
            disabled={sending}
            prefixIcon={<Icon name="check" />}
            onClick={() => void send()}
          >
            {sending ? t('appointments.sending') : t('appointments.reschedule.confirm')}
          </Button>
          <div className="appt-step-nav">
            <Button variant="tertiary" size="large" fullWidth disabled={sending} onClick={() => go('slot')}>
              {t('appointments.new.previous')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
