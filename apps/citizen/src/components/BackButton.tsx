import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { PATHS } from '../app/paths.ts';
import { Icon } from './Icon.tsx';

/** Goes back in the app's history; after a deep link (no history of ours yet) it goes to the home screen. */
export function BackButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const onClick = () => {
    if (location.key === 'default') navigate(PATHS.home);
    else navigate(-1);
  };
  return (
    <button type="button" className="back-button" onClick={onClick}>
      <Icon name="back" size={28} />
      <span>{t('nav.back')}</span>
    </button>
  );
}
