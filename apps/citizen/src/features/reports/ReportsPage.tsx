import { useTranslation } from 'react-i18next';
import { PageLayout } from '../../components/PageLayout.tsx';
import { UnderDevelopmentNotice } from '../../components/UnderDevelopment.tsx';
import { CategoryList } from './CategoryList.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('features.reports.title')}>
      <UnderDevelopmentNotice feature="reports" />
      <CategoryList />
    </PageLayout>
  );
}
