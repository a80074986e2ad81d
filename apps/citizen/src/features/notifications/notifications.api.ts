import type { ZaloNotifyPreference, ZaloNotifyPreferenceBody } from '@dltt/contracts';
import { citizenGet, citizenPost, citizenPut } from '../../lib/session/citizen-session.ts';

/** Everything listed so far counts as read (the list itself is read through lib/notifications.ts). */
export function markNotificationsRead(): Promise<{ ok: true }> {
  return citizenPost<{ ok: true }>('/me/notifications/read', {});
}

/** Whether the citizen receives their notifications through Zalo, and what that means now. */
export const fetchZaloNotify = (signal?: AbortSignal) =>
  citizenGet<ZaloNotifyPreference>('/citizen/zalo/notifications', { signal });

export const saveZaloNotify = (enabled: boolean, oaUserId?: string) => {
  const body: ZaloNotifyPreferenceBody = oaUserId ? { enabled, oaUserId } : { enabled };
  return citizenPut<ZaloNotifyPreference>('/citizen/zalo/notifications', body);
};
