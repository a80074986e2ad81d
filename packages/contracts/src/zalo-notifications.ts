import { z } from 'zod';
import { PageQuery, pageOf } from './common.ts';
import {
  ZALO_CHANNELS,
  ZALO_DELIVERY_STATUSES,
  ZALO_NOTIFICATION_KINDS,
  ZNS_TEMPLATE_ID_PATTERN,
} from './constants.ts';

/**
 * Zalo delivery of the citizen's in-app notifications: ZNS template messages to the verified phone, or Official
 * Account (OA) messages to the Zalo user. The in-app notification is always kept; Zalo only mirrors it.
 */

export const ZaloChannel = z.enum(ZALO_CHANNELS);
export type ZaloChannel = z.infer<typeof ZaloChannel>;

export const ZaloNotificationKind = z.enum(ZALO_NOTIFICATION_KINDS);
export type ZaloNotificationKind = z.infer<typeof ZaloNotificationKind>;

/** The citizen's choice and what it means right now. */
export const ZaloNotifyPreference = z.object({
  enabled: z.boolean(),
  /** The channel the province uses; `off` means nothing is sent even when the citizen opted in. */
  channel: ZaloChannel,
  /** Whether a verified Zalo phone is on file (ZNS needs one). */
  phoneKnown: z.boolean(),
  /** Whether the citizen's Official Account user id is on file, checked with Zalo (OA messages need one). */
  oaLinked: z.boolean(),
});
export type ZaloNotifyPreference = z.infer<typeof ZaloNotifyPreference>;

export const ZaloNotifyPreferenceBody = z.object({
  enabled: z.boolean(),
  /**
   * The citizen's id for the province's Official Account: zmp-sdk `getUserInfo()`'s `userInfo.idByOA` (present
   * once they follow the OA). The server checks it with Zalo before keeping it; omitted = keep the one on file.
   */
  oaUserId: z
    .string()
    .regex(/^[0-9]{1,32}$/)
    .optional(),
});
export type ZaloNotifyPreferenceBody = z.infer<typeof ZaloNotifyPreferenceBody>;

/** A ZNS template id as Zalo issues it (digits). */
export const ZnsTemplateId = z.string().trim().regex(ZNS_TEMPLATE_ID_PATTERN);

/** The approved ZNS template of each kind; null = that kind is not sent by ZNS. */
export const ZaloTemplateIds = z.object({
  report_status: ZnsTemplateId.nullable(),
  queue_soon: ZnsTemplateId.nullable(),
  queue_called: ZnsTemplateId.nullable(),
});
export type ZaloTemplateIds = z.infer<typeof ZaloTemplateIds>;

/** The administrator's view of the settings. Tokens are write-only: never part of an answer. */
export const ZaloSettings = z.object({
  channel: ZaloChannel,
  templates: ZaloTemplateIds,
  /** ZALO_APP_ID and ZALO_APP_SECRET are set (needed to obtain OA tokens). */
  appConfigured: z.boolean(),
  /** An OA refresh token is on file (from the console, the environment, or Zalo's last rotation). */
  oaTokenSet: z.boolean(),
  /** A valid OA access token is in hand now. */
  oaConnected: z.boolean(),
  oaAccessExpiresAt: z.string().nullable(),
  /** The last failed token refresh (a code such as `OAUTH-14014`), cleared by the next success. */
  oaLastError: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type ZaloSettings = z.infer<typeof ZaloSettings>;

export const UpdateZaloSettingsBody = z.object({
  channel: ZaloChannel,
  templates: ZaloTemplateIds,
  /** A new OA refresh token (from Zalo's OA authorisation); omitted = keep the current one. */
  oaRefreshToken: z.string().trim().min(8).max(1000).optional(),
});
export type UpdateZaloSettingsBody = z.infer<typeof UpdateZaloSettingsBody>;

export const ZaloDeliveryStatus = z.enum(ZALO_DELIVERY_STATUSES);
export type ZaloDeliveryStatus = z.infer<typeof ZaloDeliveryStatus>;

/** One line of the delivery log (one per in-app notification of an opted-in citizen). */
export const ZaloDelivery = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  kind: ZaloNotificationKind,
  channel: ZaloChannel,
  status: ZaloDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** Stable code of the last problem: `ZNS-115`, `OA-213`, `HTTP-500`, `NETWORK`, `CHANNEL_OFF`... */
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Zalo's message id once sent. */
  messageId: z.string().nullable(),
  /** The citizen's phone, masked (09xx***678); null when none is on file. */
  recipient: z.string().nullable(),
  reportCode: z.string().nullable(),
  ticket: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type ZaloDelivery = z.infer<typeof ZaloDelivery>;

export const ZaloDeliveryQuery = PageQuery.extend({ status: ZaloDeliveryStatus.optional() });
export type ZaloDeliveryQuery = z.infer<typeof ZaloDeliveryQuery>;

export const ZaloDeliveryPage = pageOf(ZaloDelivery);
export type ZaloDeliveryPage = z.infer<typeof ZaloDeliveryPage>;
