import type {
  Category,
  CategoryAttribute,
  CategoryAttributesBody,
  CategoryDeadlines,
  CategoryDeadlinesView,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '@dltt/contracts';
import { api } from '../../app/api.ts';

const attributesPath = (id: string) => `/admin/categories/${encodeURIComponent(id)}/attributes`;
const deadlinesPath = (id: string) => `/admin/categories/${encodeURIComponent(id)}/deadlines`;

export const categoriesApi = {
  list: (signal?: AbortSignal) => api<Category[]>('GET', '/admin/categories', { signal }),
  create: (body: CreateCategoryBody) => api<Category>('POST', '/admin/categories', { body }),
  update: (id: string, body: UpdateCategoryBody) =>
    api<Category>('PATCH', `/admin/categories/${id}`, { body }),
  /** The extra questions of a category (its Open311 service definition). */
  attributes: (id: string, signal?: AbortSignal) =>
    api<CategoryAttribute[]>('GET', attributesPath(id), { signal }),
  /** Replaces the whole list; the answer is the list as stored. */
  setAttributes: (id: string, body: CategoryAttributesBody) =>
    api<CategoryAttribute[]>('PUT', attributesPath(id), { body }),
  /** Working hours to accept and to resolve per priority; `custom` false = derived from the default hours. */
  deadlines: (id: string, signal?: AbortSignal) =>
    api<CategoryDeadlinesView>('GET', deadlinesPath(id), { signal }),
  /** Sets all three priorities at once; they apply to reports filed from now on. */
  setDeadlines: (id: string, body: CategoryDeadlines) =>
    api<CategoryDeadlinesView>('PUT', deadlinesPath(id), { body }),
};
