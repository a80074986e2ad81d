import type { Agency, Centre, CentreBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

/** A day a centre does not receive appointments, besides the shared calendar's holidays. */
export interface Closure {
  day: string;
  reason: string;
}

export const centresApi = {
  /** Every centre, inactive ones too, with their sessions, fields and counters. */
  list: (signal?: AbortSignal) => api<Centre[]>('GET', '/admin/centres', { signal }),
  create: (body: CentreBody) => api<Centre>('POST', '/admin/centres', { body }),
  /** Replaces the whole configuration; fields and counters left out become inactive. */
  update: (id: string, body: CentreBody) =>
    api<Centre>('PUT', `/admin/centres/${encodeURIComponent(id)}`, { body }),
  closures: (id: string, from: string, to: string, signal?: AbortSignal) =>
    api<Closure[]>('GET', `/admin/centres/${encodeURIComponent(id)}/closures`, {
      query: { from, to },
      signal,
    }),
  setClosure: (id: string, day: string, reason: string) =>
    api<Closure>('PUT', `/admin/centres/${encodeURIComponent(id)}/closures/${encodeURIComponent(day)}`, {
      body: { reason },
    }),
  removeClosure: async (id: string, day: string): Promise<void> => {
    await api<undefined>(
      'DELETE',
      `/admin/centres/${encodeURIComponent(id)}/closures/${encodeURIComponent(day)}`,
    );
  },
};

const agencies = new Map<string, Promise<Agency>>();

/** One agency by id (for its name), fetched once per page load; a failed fetch is tried again next time. */
export function loadAgency(id: string): Promise<Agency> {
  let found = agencies.get(id);
  if (!found) {
    found = api<Agency>('GET', `/agencies/${encodeURIComponent(id)}`);
    found.catch(() => agencies.delete(id));
    agencies.set(id, found);
  }
  return found;
}
