import type { CreateLandUseCodeBody, LandUseCode, UpdateLandUseCodeBody } from '@dltt/contracts';
import { api } from '../../app/api.ts';

const one = (code: string) => `/admin/land-use-codes/${encodeURIComponent(code)}`;

export const landUseCodesApi = {
  list: (signal?: AbortSignal) => api<LandUseCode[]>('GET', '/land-use-codes', { signal }),
  create: (body: CreateLandUseCodeBody) => api<LandUseCode>('POST', '/admin/land-use-codes', { body }),
  update: (code: string, body: UpdateLandUseCodeBody) => api<LandUseCode>('PATCH', one(code), { body }),
  remove: (code: string) => api<undefined>('DELETE', one(code)),
};
