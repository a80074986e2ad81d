import type { CitizenNotificationPage } from '@dltt/contracts';
import { citizenGet, storedCitizenToken } from './session/citizen-session.ts';

/**
 * A page of the citizen's notifications with the unread count: read by the notifications page and by the bell
 * other pages show (components/NotificationsLink.tsx). A device that never sent or followed anything has no
 * identity yet and nothing to list: no request, no new identity.
 */
export async function fetchNotifications(
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<CitizenNotificationPage> {
  if (!(await storedCitizenToken())) return { items: [], total: 0, page: 1, pageSize, unread: 0 };
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  return citizenGet<CitizenNotificationPage>(`/me/notifications?${query}`, { signal });
}
