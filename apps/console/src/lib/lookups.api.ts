import type { Agency, Category, Commune, Page, ResponseTemplate } from '@dltt/contracts';
import { api } from '../app/api.ts';

/*
 * The reference lists several screens choose from (reports, routing, templates, agencies, centres, staff):
 * communes, active categories, active agencies and response templates. The features that manage these
 * lists keep their own API files for the writes.
 */

let communes: Promise<Commune[]> | null = null;

/** The province's communes and wards, sorted by name; fetched once per page load. */
export function loadCommunes(): Promise<Commune[]> {
  communes ??= api<Commune[]>('GET', '/communes').then(
    (list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    (error: unknown) => {
      communes = null;
      throw error;
    },
  );
  return communes;
}

let activeCategories: Promise<Category[]> | null = null;

/** Active categories in display order, for filters and pickers; fetched once per page load. */
export function loadActiveCategories(): Promise<Category[]> {
  activeCategories ??= api<Category[]>('GET', '/categories').then(
    (list) => [...list].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
    (error: unknown) => {
      activeCategories = null;
      throw error;
    },
  );
  return activeCategories;
}

/** The first `pageSize` active agencies whose name matches `q` (server-side, diacritic-insensitive). */
export function searchActiveAgencies(
  q: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<Agency>> {
  return api<Page<Agency>>('GET', '/agencies', { query: { page: 1, pageSize, q, active: 'true' }, signal });
}

/** With a category: its response templates and those for every category; without: all of them. */
export function listResponseTemplates(
  query: { categoryId?: string },
  signal?: AbortSignal,
): Promise<ResponseTemplate[]> {
  return api<ResponseTemplate[]>('GET', '/response-templates', { query, signal });
}
