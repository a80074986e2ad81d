import type { Category, CreateCategoryBody, UpdateCategoryBody } from '@dltt/contracts';
import { api } from '../../app/api';

export const categoriesApi = {
  list: (signal?: AbortSignal) => api<Category[]>('GET', '/admin/categories', { signal }),
  create: (body: CreateCategoryBody) => api<Category>('POST', '/admin/categories', { body }),
  update: (id: string, body: UpdateCategoryBody) =>
    api<Category>('PATCH', `/admin/categories/${id}`, { body }),
};
