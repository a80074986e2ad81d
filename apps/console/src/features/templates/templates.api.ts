import type { ResponseTemplate, ResponseTemplateBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';
import { listResponseTemplates } from '../../lib/lookups.api.ts';

export const templatesApi = {
  list: listResponseTemplates,
  create: (body: ResponseTemplateBody) => api<ResponseTemplate>('POST', '/response-templates', { body }),
  update: (id: string, body: ResponseTemplateBody) =>
    api<ResponseTemplate>('PUT', `/response-templates/${encodeURIComponent(id)}`, { body }),
  remove: (id: string) => api<{ ok: true }>('DELETE', `/response-templates/${encodeURIComponent(id)}`),
};
