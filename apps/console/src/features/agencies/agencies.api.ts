import type { Agency, AgencyKind, Commune, CreateAgencyBody, Page, UpdateAgencyBody } from '@dltt/contracts';
import { api } from '../../app/api';

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
