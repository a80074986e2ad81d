import './planning.css';
import { useTranslation } from 'react-i18next';
import { HomeLink } from '../../components/HomeLink.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { PlanningMap } from './PlanningMap.tsx';
import { useDatasets } from './planning.api.ts';

/** "Tra cứu quy hoạch": the published plans on a map (or a plain notice while none is published). */
export function PlanningPage() {
  const { t } = useTranslation();
  const datasets = useDatasets();
  const { state } = datasets;
  return (
    <PageLayout title={t('features.planning.title')}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={datasets.retry} />}
      {state.status === 'success' &&
        (state.data.length === 0 ? (
          <section className="notice" aria-labelledby="planning-empty-title">
            <span className="notice-icon">
              <Icon name="planning" size={56} />
            </span>
            <h2 id="planning-empty-title" className="notice-title">
              {t('planning.empty.title')}
            </h2>
            <p>{t('planning.empty.body')}</p>
            <HomeLink />
          </section>
        ) : (
          <PlanningMap datasets={state.data} />
        ))}
    </PageLayout>
  );
}
