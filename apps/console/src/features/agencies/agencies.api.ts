import type { Agency, AgencyKind, CreateAgencyBody, Page, UpdateAgencyBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export type AgencyQuery = {
  page: number;
  pageSize: number;
  q?: string;
  kind?: AgencyKind | '';
  communeCode?: string;
  active?: 'true' | 'false' | '';
};

export const agenciesApi = {
  list: (query: AgencyQuery, signal?: AbortSignal) =>
    api<Page<Agency>>('GET', '/agencies', { query, signal }),
  create: (body: CreateAgencyBody) => api<Agency>('POST', '/agencies', { body }),
  update: (id: string, body: UpdateAgencyBody) => api<Agency>('PATCH', `/agencies/${id}`, { body }),
};
