import type { ZaloNotifyPreference, ZaloNotifyPreferenceBody } from '@dltt/contracts';
import { citizenGet, citizenPut } from '../reports/citizen-session.ts';

/** Whether the citizen receives their notifications through Zalo, and what that means now. */
export const fetchZaloNotify = (signal?: AbortSignal) =>
  citizenGet<ZaloNotifyPreference>('/citizen/zalo/notifications', { signal });

export const saveZaloNotify = (enabled: boolean, oaUserId?: string) => {
  const body: ZaloNotifyPreferenceBody = oaUserId ? { enabled, oaUserId } : { enabled };
  return citizenPut<ZaloNotifyPreference>('/citizen/zalo/notifications', body);
};
