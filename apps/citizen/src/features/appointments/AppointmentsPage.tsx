import './appointments.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { APPOINTMENT_PATHS } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { fetchMyBookings } from './appointments.api.ts';
import { BookingLists } from './MyBookingsPage.tsx';

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
        <Link className="appt-link" to={APPOINTMENT_PATHS.mine}>
          <Icon name="list" />
          <span>{t('appointments.mine.title')}</span>
        </Link>
      </nav>
      {state.status === 'success' && <BookingLists bookings={state.data} upcomingOnly />}
    </PageLayout>
  );
}
