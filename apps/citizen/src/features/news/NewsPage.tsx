import { UnderDevelopmentPage } from '../../components/UnderDevelopment.tsx';

export function NewsPage() {
  return <UnderDevelopmentPage feature="news" />;
}
