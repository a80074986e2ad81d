import './reports.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { REPORT_PATHS } from '../../app/paths.ts';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/icons.ts';
import { NotificationsLink } from '../../components/NotificationsLink.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { CategoryList } from './CategoryList.tsx';
import { clearDraft, draftHasContent, loadDraft } from './report-draft.ts';

/** A report started earlier and not sent: continue it, or throw it away (after a second tap). */
function DraftCard() {
  const { t } = useTranslation();
  const [hasDraft, setHasDraft] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void loadDraft().then((draft) => {
      if (!cancelled) setHasDraft(draft !== null && draftHasContent(draft));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!hasDraft) return null;
  return (
    <section className="draft-card" aria-labelledby="draft-title">
      <h2 id="draft-title">{t('reports.hub.draftTitle')}</h2>
      <p>{t('reports.hub.draftBody')}</p>
      <Link className="button-link" to={REPORT_PATHS.new}>
        <Icon name="edit" />
        <span>{t('reports.hub.draftContinue')}</span>
      </Link>
      {confirming ? (
        <section className="confirm-box" aria-labelledby="discard-title">
          <p id="discard-title" className="confirm-title">
            {t('reports.hub.discardConfirm')}
          </p>
          <div className="button-stack">
            <Button
              size="large"
              fullWidth
              onClick={() => {
                void clearDraft();
                setHasDraft(false);
              }}
            >
              {t('reports.hub.discardYes')}
            </Button>
            <Button variant="tertiary" size="large" fullWidth onClick={() => setConfirming(false)}>
              {t('reports.feedback.cancel')}
            </Button>
          </div>
        </section>
      ) : (
        <Button variant="tertiary" size="large" fullWidth onClick={() => setConfirming(true)}>
          {t('reports.hub.discard')}
        </Button>
      )}
    </section>
  );
}

const LINKS: { to: string; icon: IconName; key: 'mine' | 'public' }[] = [
  { to: REPORT_PATHS.mine, icon: 'list', key: 'mine' },
  { to: REPORT_PATHS.public, icon: 'eye', key: 'public' },
];

/** The field-report hub: continue a draft, start a new report by category, my reports, published results. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <PageLayout title={t('features.reports.title')}>
      <nav className="hub-links" aria-label={t('reports.hub.linksLabel')}>
        {LINKS.map((link) => (
          <Link key={link.key} className="hub-link" to={link.to}>
            <Icon name={link.icon} size={28} />
            <span>{t(`reports.hub.${link.key}`)}</span>
          </Link>
        ))}
        <NotificationsLink />
      </nav>
      <DraftCard />
      <CategoryList />
    </PageLayout>
  );
}
