import { UnderDevelopmentPage } from '../../components/UnderDevelopment.tsx';

export function PlanningPage() {
  return <UnderDevelopmentPage feature="planning" />;
}
