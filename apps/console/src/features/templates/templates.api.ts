import type { ResponseTemplate, ResponseTemplateBody } from '@dltt/contracts';
import { api } from '../../app/api';

export const templatesApi = {
  /** With a category: its templates and those for every category; without: all of them. */
  list: (query: { categoryId?: string }, signal?: AbortSignal) =>
    api<ResponseTemplate[]>('GET', '/response-templates', { query, signal }),
  create: (body: ResponseTemplateBody) => api<ResponseTemplate>('POST', '/response-templates', { body }),
  update: (id: string, body: ResponseTemplateBody) =>
    api<ResponseTemplate>('PUT', `/response-templates/${encodeURIComponent(id)}`, { body }),
  remove: (id: string) => api<{ ok: true }>('DELETE', `/response-templates/${encodeURIComponent(id)}`),
};
