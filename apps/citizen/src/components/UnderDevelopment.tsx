import { useTranslation } from 'react-i18next';
import type { FeatureId } from '../app/paths.ts';
import { HomeLink } from './HomeLink.tsx';
import { Icon } from './Icon.tsx';
import { PageLayout } from './PageLayout.tsx';

/** The honest notice for a feature that is not built yet. */
export function UnderDevelopmentNotice({ feature }: { feature: FeatureId }) {
  const { t } = useTranslation();
  return (
    <section className="notice" aria-labelledby="under-development-title">
      <span className="notice-icon">
        <Icon name={feature} size={56} />
      </span>
      <h2 id="under-development-title" className="notice-title">
        {t('underDevelopment.title')}
      </h2>
      <p>{t('underDevelopment.body')}</p>
      <HomeLink />
    </section>
  );
}

/** A whole page for a feature that is not built yet. */
export function UnderDevelopmentPage({ feature }: { feature: FeatureId }) {
  const { t } = useTranslation();
  return (
    <PageLayout title={t(`features.${feature}.title`)}>
      <UnderDevelopmentNotice feature={feature} />
    </PageLayout>
  );
}
