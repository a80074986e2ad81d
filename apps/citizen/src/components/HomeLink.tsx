import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PATHS } from '../app/paths.ts';
import { Icon } from './Icon.tsx';

/** The big "go to the home screen" control: a real link, drawn like a button. */
export function HomeLink() {
  const { t } = useTranslation();
  return (
    <Link to={PATHS.home} className="button-link">
      <Icon name="home" />
      <span>{t('nav.home')}</span>
    </Link>
  );
}
