import type {
  Category,
  CategoryAttribute,
  CategoryAttributesBody,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '@dltt/contracts';
import { api } from '../../app/api';

const attributesPath = (id: string) => `/admin/categories/${encodeURIComponent(id)}/attributes`;

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
};
