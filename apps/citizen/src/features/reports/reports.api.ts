import type { Category } from '@dltt/contracts';
import { apiGet } from '../../app/api.ts';
import { useRequest } from '../../app/useRequest.ts';

async function fetchCategories(signal: AbortSignal): Promise<Category[]> {
  const categories = await apiGet<Category[]>('/categories', { signal });
  return categories.filter((c) => c.active).sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The categories a citizen can file a report under, in display order. */
export function useCategories() {
  return useRequest(fetchCategories);
}
