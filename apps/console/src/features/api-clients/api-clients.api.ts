import type { ApiClient, CreateApiClientBody, IssuedApiClient } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export const apiClientsApi = {
  list: (signal?: AbortSignal) => api<ApiClient[]>('GET', '/api-clients', { signal }),
  /** The answer carries the key itself; the server keeps only its hash, so this is the one chance to see it. */
  issue: (body: CreateApiClientBody) => api<IssuedApiClient>('POST', '/api-clients', { body }),
  revoke: (id: string) =>
    api<ApiClient>('POST', `/api-clients/${encodeURIComponent(id)}/revoke`, { body: {} }),
};
