import type {
  UpdateZaloSettingsBody,
  ZaloDelivery,
  ZaloDeliveryPage,
  ZaloDeliveryStatus,
  ZaloSettings,
} from '@dltt/contracts';
import { api } from '../../app/api.ts';

export const zaloApi = {
  settings: (signal?: AbortSignal) => api<ZaloSettings>('GET', '/admin/zalo/settings', { signal }),
  /** The OA refresh token is only ever sent, never read back. */
  saveSettings: (body: UpdateZaloSettingsBody) => api<ZaloSettings>('PUT', '/admin/zalo/settings', { body }),
  deliveries: (
    query: { page: number; pageSize: number; status?: ZaloDeliveryStatus | '' },
    signal?: AbortSignal,
  ) => api<ZaloDeliveryPage>('GET', '/admin/zalo/deliveries', { query, signal }),
  retry: (id: string) =>
    api<ZaloDelivery>('POST', `/admin/zalo/deliveries/${encodeURIComponent(id)}/retry`, { body: {} }),
};
