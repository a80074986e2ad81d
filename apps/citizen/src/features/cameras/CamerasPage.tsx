import { UnderDevelopmentPage } from '../../components/UnderDevelopment.tsx';

export function CamerasPage() {
  return <UnderDevelopmentPage feature="cameras" />;
}
