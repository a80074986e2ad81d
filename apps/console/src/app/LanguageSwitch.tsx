import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

/** One button that switches between Vietnamese and English; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      className="button button-ghost"
      lang={next}
      aria-label={t('lang.switchToLabel')}
      onClick={() => void setLanguage(next)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
