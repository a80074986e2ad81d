import { useTranslation } from 'react-i18next';
import { PageLayout } from './PageLayout.tsx';
import { Loading } from './RequestStatus.tsx';

/** Shown while a page's code arrives (lazily loaded pages): the frame with a back button, then "Đang tải…". */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('app.loading')}>
      <Loading />
    </PageLayout>
  );
}
