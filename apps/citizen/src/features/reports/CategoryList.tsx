import './reports.css';
import type { Category } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REPORT_PATHS } from '../../app/paths.ts';
import { Icon } from '../../components/Icon.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useCategories } from './reports.api.ts';

export const categoryName = (category: Category) =>
  currentLanguage() === 'en' ? category.nameEn : category.nameVi;

/**
 * Categories as big labelled tiles: links that start a new report (the hub), or toggle buttons (the first
 * step of a report, `onSelect`).
 */
export function CategoryGrid({
  categories,
  selectedId,
  onSelect,
}: {
  categories: Category[];
  selectedId?: string | null;
  onSelect?: (category: Category) => void;
}) {
  return (
    <ul className="category-grid">
      {categories.map((category) => {
        const content = (
          <>
            <span className="category-icon">
              <Icon name={category.icon} size={32} />
            </span>
            <span className="category-name">{categoryName(category)}</span>
          </>
        );
        return (
          <li key={category.id}>
            {onSelect ? (
              <button
                type="button"
                className="category-tile"
                aria-pressed={selectedId === category.id}
                onClick={() => onSelect(category)}
              >
                {content}
              </button>
            ) : (
              <Link
                className="category-tile"
                to={`${REPORT_PATHS.new}?category=${encodeURIComponent(category.id)}`}
              >
                {content}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The hub's "send a new report" section: tap a category to start. */
export function CategoryList() {
  const { t } = useTranslation();
  const { state, retry } = useCategories();
  return (
    <section className="categories" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('reports.hub.newTitle')}</h2>
      <p>{t('reports.hub.newIntro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' &&
        (state.data.length === 0 ? (
          <p>{t('reports.categoriesEmpty')}</p>
        ) : (
          <CategoryGrid categories={state.data} />
        ))}
    </section>
  );
}
