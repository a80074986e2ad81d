import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { platform } from '../../platform/index.ts';
import { PORTALS, type PortalId } from './portals.ts';

export function PortalPage({ portal }: { portal: PortalId }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const { url, feature } = PORTALS[portal];
  const host = new URL(url).host;
  const open = () => {
    setFailed(false);
    platform.openExternal(url).catch(() => setFailed(true));
  };
  return (
    <PageLayout title={t(`features.${feature}.title`)}>
      <section className="notice">
        <span className="notice-icon">
          <Icon name={feature} size={56} />
        </span>
        <p>{t(`portals.${portal}.body`)}</p>
        <Button size="large" fullWidth suffixIcon={<Icon name="external" />} onClick={open}>
          {t(`portals.${portal}.open`)}
        </Button>
        <p className="hint">{t('portals.hint', { host })}</p>
        {failed && <p role="alert">{t('portals.openFailed', { host })}</p>}
      </section>
    </PageLayout>
  );
}
