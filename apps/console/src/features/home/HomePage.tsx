import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/auth.tsx';
import { isAgencyScoped } from '../../app/domain.ts';
import { SECTIONS, type Section } from '../../app/nav.ts';
import { Page } from '../../components/Page.tsx';
import { SetupChecklist } from './SetupChecklist.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const sections = SECTIONS.filter(
    (s): s is Exclude<Section, { key: 'home' }> => s.key !== 'home' && can(s.permission),
  );

  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.greeting', { name: user.fullName })}</p>
      <dl className="facts card">
        <div>
          <dt>{t('home.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </div>
        <div>
          <dt>{t('home.agency')}</dt>
          <dd>{user.agencyName ?? t('home.noAgency')}</dd>
        </div>
      </dl>
      {isAgencyScoped(user.role) ? <p>{t('home.scopedNote')}</p> : null}
      {can('staff.manage') ? <SetupChecklist /> : null}
      {sections.length > 0 ? (
        <>
          <h2>{t('home.adminIntro')}</h2>
          <ul className="tiles">
            {sections.map((s) => (
              <li key={s.key}>
                <Link to={s.path} className="tile">
                  <span className="tile-title">{t(`nav.${s.key}`)}</span>
                  <span className="tile-text">{t(`home.${s.key}Description`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
