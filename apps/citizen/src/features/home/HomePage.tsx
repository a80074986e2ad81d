import './home.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from 'zmp-ui';
import { APPOINTMENT_PATHS, COMING_SOON, HOME_FEATURES, PATHS, REPORT_PATHS } from '../../app/paths.ts';
import { Icon } from '../../components/Icon.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useOutboxCounts } from '../../lib/outbox/hint.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle();
  return (
    <Page className="page">
      <header className="home-header">
        <div>
          {/* The app's name is Vietnamese in every language. */}
          <h1 className="home-title" lang="vi" tabIndex={-1}>
            {t('app.name')}
          </h1>
          <p className="home-province">{t('app.province')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="page-body">
        <p className="home-greeting">{t('home.greeting')}</p>
        <OutboxLine />
        <nav aria-label={t('home.servicesLabel')}>
          <ul className="tile-grid">
            {HOME_FEATURES.map((id) => {
              const soon = COMING_SOON.has(id);
              return (
                <li key={id}>
                  <Link to={PATHS[id]} className={`tile tile-${id}${soon ? ' tile-soon' : ''}`}>
                    <span className="tile-icon">
                      <Icon name={id} size={36} />
                    </span>
                    <span className="tile-label">{t(`features.${id}.title`)}</span>
                    {soon && <span className="tile-badge">{t('home.comingSoon')}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </main>
    </Page>
  );
}

/** "1 mục đang chờ gửi": what was sent without network and has not gone yet, one tap from where it is listed. */
function OutboxLine() {
  const { t } = useTranslation();
  const counts = useOutboxCounts();
  if (counts.pending === 0 && counts.refused === 0) return null;
  const to = counts.kinds[0] === 'booking' ? APPOINTMENT_PATHS.mine : REPORT_PATHS.mine;
  return (
    <p className="home-outbox">
      <Link to={to}>
        <Icon name="clock" size={22} />
        {counts.pending > 0
          ? t('home.outboxPending', { count: counts.pending })
          : t('home.outboxRefused', { count: counts.refused })}
      </Link>
    </p>
  );
}
