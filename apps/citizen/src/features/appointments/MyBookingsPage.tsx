import './appointments.css';
import type { Booking } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { APPOINTMENT_PATHS, bookingPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { OutboxList } from '../../components/OutboxList.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { removeEntry } from '../../lib/outbox/outbox.ts';
import { useOutbox } from '../../lib/outbox/useOutbox.ts';
import { isUpcoming, whenLabel } from './appointment-format.ts';
import { fetchMyBookings } from './appointments.api.ts';
import { BookingStatusBadge } from './BookingBits.tsx';
import { rebookPath } from './booking-outbox.ts';

function BookingCard({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link className="appt-card" to={bookingPath(booking.code)}>
        <span className="appt-card-when">{whenLabel(booking.startsAt, t)}</span>
        <span className="appt-choice-title">{booking.fieldName}</span>
        <span>{booking.centreName}</span>
        <span className="appt-card-meta">
          <BookingStatusBadge status={booking.status} />
          <span className="appt-hint">{t('appointments.mine.code', { code: booking.code })}</span>
        </span>
      </Link>
    </li>
  );
}

/** Bookings still to come, soonest first; the rest (used, missed, cancelled, over) below, latest first. */
export function BookingLists({ bookings, upcomingOnly }: { bookings: Booking[]; upcomingOnly?: boolean }) {
  const { t } = useTranslation();
  const now = Date.now();
  const upcoming = bookings
    .filter((b) => isUpcoming(b, now))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = bookings.filter((b) => !isUpcoming(b, now));
  const groups = [
    { key: 'upcoming' as const, items: upcoming },
    ...(upcomingOnly ? [] : [{ key: 'past' as const, items: past }]),
  ].filter((g) => g.items.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.key} className="appt-section" aria-labelledby={`bookings-${group.key}`}>
          <h2 id={`bookings-${group.key}`}>{t(`appointments.mine.${group.key}`)}</h2>
          <ul className="appt-cards">
            {group.items.map((booking) => (
              <BookingCard key={booking.code} booking={booking} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** "Lịch hẹn của tôi". */
export function MyBookingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state, retry } = useRequest(fetchMyBookings);
  // Bookings made without network wait here; once one reaches the server, the list below is read again.
  const outbox = useOutbox('booking', retry);
  const none = outbox.entries.length === 0 && outbox.sent.length === 0;
  return (
    <PageLayout title={t('appointments.mine.title')}>
      <OutboxList
        kind="booking"
        view={outbox}
        reopen={{
          label: t('appointments.queued.reopen'),
          run: async (entry) => {
            const path = rebookPath(entry);
            await removeEntry(entry.id);
            navigate(path);
          },
        }}
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' &&
        (state.data.length === 0 && none ? (
          <section className="notice">
            <span className="notice-icon">
              <Icon name="appointments" size={56} />
            </span>
            <p>{t('appointments.mine.empty')}</p>
            <Link className="button-link" to={APPOINTMENT_PATHS.new}>
              <Icon name="plus" />
              <span>{t('appointments.hub.new')}</span>
            </Link>
          </section>
        ) : (
          <>
            <BookingLists bookings={state.data} />
            <Link className="appt-link" to={APPOINTMENT_PATHS.new}>
              <Icon name="plus" />
              <span>{t('appointments.hub.new')}</span>
            </Link>
          </>
        ))}
    </PageLayout>
  );
}
