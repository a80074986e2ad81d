import './reports.css';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useCategories } from './reports.api.ts';

export function CategoryList() {
  const { t } = useTranslation();
  const { state, retry } = useCategories();
  const english = currentLanguage() === 'en';
  return (
    <section className="categories" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('reports.categoriesTitle')}</h2>
      <p>{t('reports.categoriesIntro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' &&
        (state.data.length === 0 ? (
          <p>{t('reports.categoriesEmpty')}</p>
        ) : (
          <ul className="category-list">
            {state.data.map((category) => (
              <li key={category.id}>
                <span className="category-icon">
                  <Icon name={category.icon} size={28} />
                </span>
                <span>{english ? category.nameEn : category.nameVi}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
