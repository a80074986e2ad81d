import type { ZaloDelivery } from '@dltt/contracts';
import type { Selectable } from 'kysely';
import type { ZaloDeliveriesTable } from '../../db/types.ts';

/** "0912345678" -> "09xx***678": enough for an officer to match a citizen's call, not enough to reuse. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length < 6 ? '***' : `${phone.slice(0, 2)}xx***${phone.slice(-3)}`;
}

export type DeliveryLogRow = Selectable<ZaloDeliveriesTable> & {
  zalo_phone: string | null;
  report_code: string | null;
  ticket: string | null;
};

/** A log line for the console: the phone masked, never the Zalo user id. */
export function presentDelivery(r: DeliveryLogRow): ZaloDelivery {
  return {
    id: r.id,
    notificationId: r.notification_id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at?.toISOString() ?? null) : null,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    messageId: r.zalo_msg_id,
    recipient: maskPhone(r.zalo_phone),
    reportCode: r.report_code,
    ticket: r.ticket,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
  };
}
