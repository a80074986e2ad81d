import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink.tsx';
import { Icon } from './Icon.tsx';
import { PageLayout } from './PageLayout.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('notFound.title')}>
      <section className="notice">
        <span className="notice-icon">
          <Icon name="notFound" size={56} />
        </span>
        <p>{t('notFound.body')}</p>
        <HomeLink />
      </section>
    </PageLayout>
  );
}
