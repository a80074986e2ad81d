import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../components/hooks.ts';
import { loadActiveCategories } from '../../lib/lookups.api.ts';

/**
 * A report's category in the reader's language. Reports carry the Vietnamese name; the English one comes from the
 * category list (fetched once per page load). A category since closed, or a list not loaded yet, keeps the name
 * the report carries.
 */
export function useCategoryName(): (categoryId: string, vietnameseName: string) => string {
  const { i18n } = useTranslation();
  const categories = useQuery(useCallback(() => loadActiveCategories(), []));
  const english = i18n.language.startsWith('en');
  return useCallback(
    (categoryId, vietnameseName) =>
      (english && categories.data?.find((c) => c.id === categoryId)?.nameEn) || vietnameseName,
    [english, categories.data],
  );
}
