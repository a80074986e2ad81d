import './appointments.css';
import type { BookBody, Centre, ServiceField, Slot } from '@dltt/contracts';
import { isVietnamesePhone } from '@dltt/contracts/phone';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { ApiError } from '../../app/api.ts';
import { APPOINTMENT_PATHS, bookingPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { isConnectionError, Loading, RequestError } from '../../components/RequestStatus.tsx';
import { ZaloPhoneButton } from '../../components/ZaloPhoneButton.tsx';
import { enqueue } from '../../lib/outbox/outbox.ts';
import { RUNTIME } from '../../platform/index.ts';
import { dayLabel, plusMinutes, timeRange } from './appointment-format.ts';
import { book, fetchCentres } from './appointments.api.ts';
import { ActionError, BookingFacts, CheckInNote, useStepFocus } from './BookingBits.tsx';
import { type Contact, clearPending, idempotencyKeyFor, loadContact, saveContact } from './booking-draft.ts';
import type { QueuedBooking } from './booking-outbox.ts';
import { CentrePicker, DayPicker, FieldPicker, SlotPicker } from './pickers.tsx';

const STEPS = ['centre', 'field', 'day', 'slot', 'contact', 'confirm'] as const;
/** A booking can be moved or cancelled until 30 minutes before its time. */
const CHANGE_CLOSES_MS = 30 * 60_000;
type Step = (typeof STEPS)[number];

interface Choice {
  centre: Centre | null;
  field: ServiceField | null;
  day: string | null;
  slot: Slot | null;
}

/** The state the router passes to the booking page after a booking or a change, for its success banner. */
export type BookingNotice = { notice: 'booked' | 'rescheduled' };

const MAX_NAME = 120;

/** The phone knows it has no network, or the request got no answer at all: the booking goes to the outbox. */
const offline = () => navigator.onLine === false;
const noAnswer = (error: ApiError) => error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';

/** "Đặt lịch hẹn": centre, field, day, time, who comes, confirm; then the booking's own page. */
export function NewBookingPage() {
  const { t } = useTranslation();
  const { state, retry } = useRequest(fetchCentres);
  return (
    <PageLayout title={t('appointments.new.title')}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' && <Wizard centres={state.data} />}
    </PageLayout>
  );
}

/** A centre and field named in the address (`?centre=&field=`), applied once. */
function useStartChoice(centres: Centre[]): Choice {
  const [params, setParams] = useSearchParams();
  const [start] = useState<Choice>(() => {
    const centre = centres.find((c) => c.id === params.get('centre')) ?? null;
    const field = centre?.fields.find((f) => f.id === params.get('field')) ?? null;
    return { centre, field, day: null, slot: null };
  });
  useEffect(() => {
    if (params.has('centre') || params.has('field')) setParams({}, { replace: true });
  }, [params, setParams]);
  return start;
}

function Wizard({ centres }: { centres: Centre[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartChoice(centres);
  const [choice, setChoice] = useState<Choice>(start);
  const [step, setStep] = useState<Step>(start.field ? 'day' : start.centre ? 'field' : 'centre');
  const [contact, setContact] = useState<Contact | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [queued, setQueued] = useState(false);
  const heading = useStepFocus(step);

  useEffect(() => {
    let cancelled = false;
    void loadContact().then((saved) => {
      if (!cancelled) setContact((current) => current ?? saved);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const go = (next: Step, change: Partial<Choice> = {}) => {
    setNotice(null);
    setSendError(null);
    setChoice((c) => ({ ...c, ...change }));
    setStep(next);
  };
  const index = STEPS.indexOf(step);
  const previous = STEPS[index - 1];

  async function send() {
    const { field, slot } = choice;
    if (!field || !slot || !contact) return;
    const body: BookBody = {
      fieldId: field.id,
      startsAt: slot.startsAt,
      name: contact.name.trim(),
      phone: contact.phone.trim(),
    };
    setSending(true);
    setSendError(null);
    /** Kept on the phone with its key, to go out by itself once online (the pending key moves with it). */
    const queue = async () => {
      const queuedBody: QueuedBooking = { book: body, centreId: choice.centre?.id ?? '' };
      await enqueue({
        kind: 'booking',
        idempotencyKey: await idempotencyKeyFor(body),
        body: queuedBody,
        photos: [],
        summary: {
          title: field.name,
          lines: [
            choice.centre?.name ?? '',
            `${choice.day ? dayLabel(choice.day, t) : ''}, ${timeRange(slot.startsAt, slot.endsAt)}`,
            body.name,
          ].filter((line) => line !== ''),
        },
      });
      await clearPending();
      setSending(false);
      setQueued(true);
    };
    if (offline()) {
      await queue();
      return;
    }
    try {
      let booking = await book(body, await idempotencyKeyFor(body));
      // A key left from an old attempt whose booking was cancelled since: that one is gone, book anew.
      if (booking.status !== 'confirmed') {
        await clearPending();
        booking = await book(body, await idempotencyKeyFor(body));
      }
      await clearPending();
      const state: BookingNotice = { notice: 'booked' };
      navigate(bookingPath(booking.code), { replace: true, state });
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e));
      if (noAnswer(error)) {
        await queue();
        return;
      }
      // A refusal is final for this attempt; after a lost answer the same key must be sent again.
      if (!isConnectionError(error)) await clearPending();
      setSending(false);
      switch (error.code) {
        case 'SLOT_FULL':
        case 'SLOT_IN_PAST':
        case 'SLOT_INVALID':
          go('slot', { slot: null });
          setNotice(error.message);
          break;
        case 'CENTRE_CLOSED':
        case 'SLOT_OUT_OF_RANGE':
        case 'BOOKING_LIMIT_PER_DAY':
          go('day', { day: null, slot: null });
          setNotice(error.message);
          break;
        case 'FIELD_NOT_FOUND':
        case 'FIELD_NOT_SERVED':
          go('field', { field: null, day: null, slot: null });
          setNotice(error.message);
          break;
        case 'VALIDATION_FAILED':
          go('contact');
          setNotice(error.message);
          break;
        default:
          setSendError(error);
      }
    }
  }

  /** The field stopped taking bookings while the person was choosing (its counters changed): choose again. */
  const fieldUnavailable = (error: ApiError) => {
    go('field', { field: null, day: null, slot: null });
    setNotice(error.message);
  };

  const { centre, field, day, slot } = choice;
  if (queued) return <QueuedNotice />;
  return (
    <div className="appt-wizard">
      <p className="appt-step-count">
        {t('appointments.new.stepCount', { n: index + 1, total: STEPS.length })}
      </p>
      <h2 className="appt-step-title" tabIndex={-1} ref={heading}>
        {t(`appointments.new.steps.${step}`)}
      </h2>
      {index > 0 && step !== 'confirm' && <Chosen choice={choice} step={step} />}
      {notice && (
        <p className="appt-notice" role="alert">
          {notice}
        </p>
      )}

      {step === 'centre' && (
        <CentrePicker
          centres={centres}
          onPick={(c) => go('field', { centre: c, field: null, day: null, slot: null })}
        />
      )}
      {step === 'field' && centre && (
        <FieldPicker centre={centre} onPick={(f) => go('day', { field: f, day: null, slot: null })} />
      )}
      {step === 'day' && centre && field && (
        <DayPicker
          centreId={centre.id}
          fieldId={field.id}
          selected={day}
          onPick={(d) => go('slot', { day: d, slot: null })}
          onFieldUnavailable={fieldUnavailable}
        />
      )}
      {step === 'slot' && centre && field && day && (
        <SlotPicker
          centreId={centre.id}
          fieldId={field.id}
          day={day}
          onPick={(s) => go('contact', { slot: s })}
          onOtherDay={() => go('day', { slot: null })}
          onFieldUnavailable={fieldUnavailable}
        />
      )}
      {step === 'contact' &&
        (contact ? (
          <ContactForm
            contact={contact}
            onChange={setContact}
            onDone={() => {
              void saveContact({ name: contact.name.trim(), phone: contact.phone.trim() });
              go('confirm');
            }}
          />
        ) : (
          <Loading />
        ))}
      {step === 'confirm' && centre && field && slot && contact && (
        <>
          <BookingFacts
            booking={{
              startsAt: slot.startsAt,
              endsAt: slot.endsAt,
              centreName: centre.name,
              centreAddress: centre.address,
              fieldName: field.name,
              name: contact.name.trim(),
              phone: contact.phone.trim(),
            }}
          />
          <CheckInNote />
          {/* Changes close 30 minutes before the time (the server's rule): say so before, not after. */}
          {Date.parse(slot.startsAt) - Date.now() <= CHANGE_CLOSES_MS && (
            <p className="appt-note">{t('appointments.new.noChangeSoon')}</p>
          )}
          {sendError && <ActionError error={sendError} sending={sending} onRetry={() => void send()} />}
          <Button
            size="large"
            fullWidth
            disabled={sending}
            prefixIcon={<Icon name="check" />}
            onClick={() => void send()}
          >
            {sending ? t('appointments.sending') : t('appointments.new.confirm')}
          </Button>
        </>
      )}

      {previous && (
        <div className="appt-step-nav">
          <Button variant="tertiary" size="large" fullWidth disabled={sending} onClick={() => go(previous)}>
            {t('appointments.new.previous')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** Booked without network: kept on the phone, sent by itself once online; "Lịch hẹn của tôi" shows it meanwhile. */
function QueuedNotice() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new screen: start at the top with its heading focused, as the wizard's steps do.
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="notice" aria-labelledby="booking-queued-title">
      <span className="notice-icon">
        <Icon name="clock" size={56} />
      </span>
      <h2 id="booking-queued-title" className="notice-title" tabIndex={-1} ref={heading}>
        {t('appointments.queued.title')}
      </h2>
      <p>{t('appointments.queued.body')}</p>
      <Link className="button-link" to={APPOINTMENT_PATHS.mine}>
        <Icon name="list" />
        <span>{t('appointments.queued.view')}</span>
      </Link>
    </section>
  );
}

/** What was chosen so far, so each step says where it stands: centre, field, day, time. */
function Chosen({ choice, step }: { choice: Choice; step: Step }) {
  const { t } = useTranslation();
  const { centre, field, day, slot } = choice;
  const at = STEPS.indexOf(step);
  const rows: [string, string][] = [];
  if (centre && at > 0) rows.push([t('appointments.facts.centre'), centre.name]);
  if (field && at > 1) rows.push([t('appointments.facts.field'), field.name]);
  if (day && at > 2) rows.push([t('appointments.facts.day'), dayLabel(day, t)]);
  if (slot && field && at > 3)
    rows.push([
      t('appointments.facts.time'),
      timeRange(slot.startsAt, plusMinutes(slot.startsAt, field.slotMinutes)),
    ]);
  return (
    <dl className="appt-chosen">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Name and phone of the person who will come, with the server's own phone rule. */
function ContactForm({
  contact,
  onChange,
  onDone,
}: {
  contact: Contact;
  onChange: (contact: Contact) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  const nameError = contact.name.trim() === '';
  const phoneMissing = contact.phone.trim() === '';
  const phoneError = phoneMissing || !isVietnamesePhone(contact.phone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!nameError && !phoneError) onDone();
  };
  const showName = checked && nameError;
  const showPhone = checked && phoneError;
  return (
    <form className="appt-form" noValidate onSubmit={submit}>
      <p className="appt-hint">{t('appointments.contact.intro')}</p>
      <div className="appt-field">
        <label htmlFor="booking-name">{t('appointments.contact.name')}</label>
        <input
          id="booking-name"
          type="text"
          autoComplete="name"
          maxLength={MAX_NAME}
          value={contact.name}
          aria-invalid={showName || undefined}
          aria-describedby={showName ? 'booking-name-error' : undefined}
          onChange={(e) => onChange({ ...contact, name: e.target.value })}
        />
        {showName && (
          <p id="booking-name-error" className="appt-notice">
            {t('appointments.contact.nameRequired')}
          </p>
        )}
      </div>
      <div className="appt-field">
        <label htmlFor="booking-phone">{t('appointments.contact.phone')}</label>
        <input
          id="booking-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          value={contact.phone}
          aria-invalid={showPhone || undefined}
          aria-describedby={showPhone ? 'booking-phone-hint booking-phone-error' : 'booking-phone-hint'}
          onChange={(e) => onChange({ ...contact, phone: e.target.value })}
        />
        <p id="booking-phone-hint" className="appt-hint">
          {t('appointments.contact.phoneHint')}
        </p>
        {RUNTIME === 'zalo' && <ZaloPhoneButton onPhone={(phone) => onChange({ ...contact, phone })} />}
        {showPhone && (
          <p id="booking-phone-error" className="appt-notice">
            {t(phoneMissing ? 'appointments.contact.phoneRequired' : 'appointments.contact.phoneInvalid')}
          </p>
        )}
      </div>
      {checked && (nameError || phoneError) && (
        <p className="visually-hidden" role="alert">
          {t('appointments.contact.fixErrors')}
        </p>
      )}
      <Button htmlType="submit" size="large" fullWidth prefixIcon={<Icon name="right" />}>
        {t('appointments.new.next')}
      </Button>
    </form>
  );
}
