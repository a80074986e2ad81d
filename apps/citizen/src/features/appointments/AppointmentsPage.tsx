import './appointments.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { APPOINTMENT_PATHS, ticketPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { fetchMyBookings } from './appointments.api.ts';
import { BookingLists } from './MyBookingsPage.tsx';
import { type SavedTicket, todaysTickets } from './my-tickets.ts';

/** "Số thứ tự của tôi hôm nay": the numbers taken at a centre today and opened on this phone. */
function MyTicketsToday() {
  const { t } = useTranslation();
  const [tickets, setTickets] = useState<SavedTicket[]>([]);
  useEffect(() => {
    let live = true;
    todaysTickets().then(
      (list) => live && setTickets(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (tickets.length === 0) return null;
  return (
    <section className="appt-section" aria-labelledby="tickets-today">
      <h2 id="tickets-today">{t('appointments.hub.ticketsToday')}</h2>
      <ul className="appt-cards">
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <Link className="appt-card" to={ticketPath(ticket.id)}>
              <span className="appt-choice-title">{ticket.display}</span>
              <span>{ticket.fieldName}</span>
              <span className="appt-hint">{ticket.centreName}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Đặt lịch làm TTHC": book a new appointment or open mine; appointments still to come are listed right here,
 * so the ticket is one tap from the home screen on the day.
 */
export function AppointmentsPage() {
  const { t } = useTranslation();
  // The list is a shortcut: while it loads, or if it fails, the two links below do the job.
  const { state } = useRequest(fetchMyBookings);
  return (
    <PageLayout title={t('features.appointments.title')}>
      <p className="appt-intro">{t('appointments.hub.intro')}</p>
      <nav className="appt-hub" aria-label={t('appointments.hub.linksLabel')}>
        <Link className="button-link" to={APPOINTMENT_PATHS.new}>
          <Icon name="plus" />
          <span>{t('appointments.hub.new')}</span>
        </Link>
        <Link className="appt-link" to={APPOINTMENT_PATHS.remote}>
          <Icon name="clock" />
          <span>{t('appointments.hub.remote')}</span>
        </Link>
        <Link className="appt-link" to={APPOINTMENT_PATHS.mine}>
          <Icon name="list" />
          <span>{t('appointments.mine.title')}</span>
        </Link>
      </nav>
      <MyTicketsToday />
      {state.status === 'success' && <BookingLists bookings={state.data} upcomingOnly />}
    </PageLayout>
  );
}
