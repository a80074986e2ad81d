import { UnderDevelopmentPage } from '../../components/UnderDevelopment.tsx';

export function AppointmentsPage() {
  return <UnderDevelopmentPage feature="appointments" />;
}
