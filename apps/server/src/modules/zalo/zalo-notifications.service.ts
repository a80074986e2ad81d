import {
  ReportStatus,
  type UpdateZaloSettingsBody,
  type ZaloDelivery,
  type ZaloDeliveryPage,
  type ZaloDeliveryQuery,
  type ZaloNotifyPreference,
  type ZaloNotifyPreferenceBody,
  type ZaloSettings,
  type ZaloTemplateIds,
} from '@dltt/contracts';
import type { Insertable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { ZaloConfig } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import type { ZaloChannelValue, ZaloDeliveriesTable, ZaloKindValue } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import type { Actor, CitizenPrincipal } from '../../http/access.ts';
import { DELIVER_ZALO_JOB } from '../../jobs/names.ts';
import type { JobTrigger } from '../../jobs/trigger.ts';
import { publicTextOrNull } from '../../shared/public-text.ts';
import type { QueuePositions } from '../appointments/queue-line.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type MessageContent, oaText, znsTemplateData } from './zalo-messages.ts';
import { presentDelivery } from './zalo-notifications.presenter.ts';
import { zaloNotificationRepository as repo } from './zalo-notifications.repository.ts';
import {
  createZaloOaClient,
  type ZaloFailure,
  type ZaloOaClient,
  type ZaloResult,
} from './zalo-oa.client.ts';
import { createOaTokenStore } from './zalo-oa-tokens.ts';

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. */
export const BACKOFF_MINUTES = [1, 5, 30, 120] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/** Notifications older than this when the job first sees them are not sent (the server was down for long). */
const LOOKBACK_MS = 24 * 3_600_000;
/** "Your turn is near" hours later helps nobody: queue messages not out by then are dropped. */
const QUEUE_TTL_MS = 2 * 3_600_000;
const BATCH = 200;
const MINUTE = 60_000;
const NOT_FOLLOWER = 'The citizen has not linked the Official Account (no verified OA user id)';

type Kind = ZaloKindValue;
type SendResult = ZaloResult<{ messageId: string }>;
type Claim = { id: string; notification_id: string; kind: Kind; attempts: number };

const toTemplateIds = (t: Partial<Record<Kind, string>>): ZaloTemplateIds => ({
  report_status: t.report_status ?? null,
  queue_soon: t.queue_soon ?? null,
  queue_called: t.queue_called ?? null,
});

/** "0912345678" -> "84912345678", the form ZNS takes. */
const internationalPhone = (phone: string) => `84${phone.slice(1)}`;

/**
 * Zalo delivery of in-app notifications. The job (`run`) first gives every new notification of an opted-in,
 * Zalo-linked citizen a delivery row (skipped at once, with the reason, when the channel is off or the ZNS
 * template of its kind is missing), then sends the due rows one by one with retries and backoff. Whatever Zalo
 * answers, the in-app notification stays as it is.
 */
export function createZaloNotificationService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  jobs: JobTrigger;
  zalo: ZaloConfig;
  secretKey: Buffer;
  /** The appointments module's queue order: how many people a waiting ticket has ahead ("your turn is near"). */
  queuePositions: QueuePositions;
  client?: ZaloOaClient;
}) {
  const { db, clock, audit, jobs, queuePositions: positions } = deps;
  const client = deps.client ?? createZaloOaClient(deps.zalo);
  const tokens = createOaTokenStore({ db, clock, zalo: deps.zalo, client, secretKey: deps.secretKey });
  // A worker holds a row this long before another may take it (refreshes and sends, each up to the timeout).
  const leaseMs = 4 * deps.zalo.timeoutMs + 30_000;

  async function preference(citizenId: string): Promise<ZaloNotifyPreference> {
    const [citizen, settings] = await Promise.all([repo.citizen(db, citizenId), repo.settings(db)]);
    return {
      enabled: Boolean(citizen?.zalo_notify_opt_in_at),
      channel: settings.channel,
      phoneKnown: Boolean(citizen?.zalo_phone),
      oaLinked: Boolean(citizen?.zalo_oa_user_id),
    };
  }

  async function settings(): Promise<ZaloSettings> {
    const [row, templates, oa] = await Promise.all([repo.settings(db), repo.templates(db), tokens.status()]);
    return {
      channel: row.channel,
      templates: toTemplateIds(templates),
      appConfigured: client.configured,
      oaTokenSet: oa.tokenSet,
      oaConnected: oa.connected,
      oaAccessExpiresAt: oa.accessExpiresAt?.toISOString() ?? null,
      oaLastError: oa.lastError,
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.updated_by,
    };
  }

  async function delivery(id: string): Promise<ZaloDelivery> {
    const { rows } = await repo.list(db, { id, page: 1, pageSize: 1 });
    if (!rows[0]) throw new AppError('ZALO_DELIVERY_NOT_FOUND');
    return presentDelivery(rows[0]);
  }

  /** Delivery rows for new notifications; returns how many were made. */
  async function enqueue(): Promise<number> {
    const now = clock.now();
    const [config, templates] = await Promise.all([repo.settings(db), repo.templates(db)]);
    let made = 0;
    for (;;) {
      const batch = await repo.candidates(db, new Date(now.getTime() - LOOKBACK_MS), BATCH);
      const rows = batch.map((n): Insertable<ZaloDeliveriesTable> => {
        const kind: Kind = n.report_id ? 'report_status' : (n.kind ?? 'queue_called');
        const base = {
          notification_id: n.id,
          kind,
          channel: config.channel,
          created_at: now,
          updated_at: now,
        };
        const skip = (code: string, message: string) => ({
          ...base,
          status: 'skipped' as const,
          last_error_code: code,
          last_error: message,
        });
        if (config.channel === 'off') return skip('CHANNEL_OFF', 'Zalo notifications are turned off');
        if (config.channel === 'zns' && !templates[kind])
          return skip('TEMPLATE_MISSING', `No ZNS template is set for ${kind}`);
        if (config.channel === 'zns' && !n.zalo_phone)
          return skip('NO_PHONE', 'The citizen has not shared a Zalo phone number');
        if (config.channel === 'oa' && !n.zalo_oa_user_id) return skip('NOT_FOLLOWER', NOT_FOLLOWER);
        return { ...base, status: 'pending' as const, next_attempt_at: now };
      });
      made += await repo.insertDeliveries(db, rows);
      if (batch.length < BATCH) return made;
    }
  }

  async function messageOf(
    c: NonNullable<Awaited<ReturnType<typeof repo.content>>>,
    kind: Kind,
  ): Promise<MessageContent | null> {
    if (kind === 'report_status') {
      const status = ReportStatus.safeParse(c.to_status ?? c.report_status);
      if (!c.report_code || !status.success) return null;
      return {
        kind,
        reportCode: c.report_code,
        status: status.data,
        transferred: c.event_kind === 'transferred',
        note: c.own_report ? c.note : publicTextOrNull(c.note),
      };
    }
    if (!c.ticket_id || !c.ticket || !c.centre_id || !c.day) return null;
    if (kind === 'queue_called') return { kind, ticket: c.ticket, counter: c.counter_number };
    const peopleAhead =
      c.ticket_status === 'waiting'
        ? ((await positions(db, c.centre_id, c.day, clock.now())).ahead.get(c.ticket_id) ?? 0)
        : 0;
    return { kind, ticket: c.ticket, peopleAhead };
  }

  /** Calls with the current OA access token; when Zalo calls it invalid, refreshes once and calls again. */
  async function withToken<T>(send: (accessToken: string) => Promise<ZaloResult<T>>): Promise<ZaloResult<T>> {
    const token = await tokens.accessToken();
    if (!token.ok) return token;
    const result = await send(token.value);
    if (result.ok || result.failure.kind !== 'token') return result;
    const fresh = await tokens.accessToken(true);
    return fresh.ok ? send(fresh.value) : fresh;
  }

  const settle = (claim: Claim, patch: Parameters<typeof repo.finish>[3]) =>
    repo.finish(db, claim.id, claim.attempts, { ...patch, updated_at: clock.now() });

  /** A failed attempt: failed for good, or due again after the backoff. */
  function settleFailure(claim: Claim, failure: ZaloFailure, patch: { channel?: ZaloChannelValue }) {
    const error = { ...patch, last_error_code: failure.code, last_error: failure.message };
    if (failure.kind === 'permanent' || claim.attempts >= MAX_ATTEMPTS)
      return settle(claim, { ...error, status: 'failed', next_attempt_at: null });
    const wait = BACKOFF_MINUTES[Math.min(claim.attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
    return settle(claim, { ...error, next_attempt_at: new Date(clock.now().getTime() + wait * MINUTE) });
  }

  /** One attempt at one claimed delivery; records the outcome (sent, skipped, failed, or due again later). */
  async function attempt(claim: Claim) {
    const skip = (code: string, message: string) =>
      settle(claim, { status: 'skipped', next_attempt_at: null, last_error_code: code, last_error: message });

    const c = await repo.content(db, claim.notification_id);
    if (!c) return skip('GONE', 'The notification no longer exists');
    if (!c.zalo_notify_opt_in_at || c.zalo_notify_opt_in_at > c.created_at)
      return skip('OPTED_OUT', 'The citizen turned Zalo notifications off');
    if (!c.zalo_id) return skip('NOT_LINKED', 'The citizen is no longer linked to Zalo');
    if (claim.kind !== 'report_status' && clock.now().getTime() - c.created_at.getTime() > QUEUE_TTL_MS)
      return skip('EXPIRED', 'A queue message is only useful while the citizen waits');
    const [config, templates] = await Promise.all([repo.settings(db), repo.templates(db)]);
    const channel = config.channel;
    if (channel === 'off') return skip('CHANNEL_OFF', 'Zalo notifications are turned off');
    const content = await messageOf(c, claim.kind);
    if (!content) return skip('GONE', 'The report or ticket of the notification no longer exists');

    let result: SendResult;
    if (channel === 'zns') {
      const templateId = templates[claim.kind];
      if (!templateId) return skip('TEMPLATE_MISSING', `No ZNS template is set for ${claim.kind}`);
      const phone = c.zalo_phone;
      if (!phone) return skip('NO_PHONE', 'The citizen has not shared a Zalo phone number');
      result = await withToken((accessToken) =>
        client.sendZns(accessToken, {
          phone: internationalPhone(phone),
          templateId,
          templateData: znsTemplateData(content),
          trackingId: c.id,
        }),
      );
    } else {
      // OA messages go to the OA-scoped id (citizens.zalo_id is the app's id of the person, which the OA
      // message API does not know).
      const userId = c.zalo_oa_user_id;
      if (!userId) return skip('NOT_FOLLOWER', NOT_FOLLOWER);
      result = await withToken((accessToken) =>
        client.sendOaText(accessToken, { userId, text: oaText(content) }),
      );
    }

    if (result.ok)
      return settle(claim, {
        status: 'sent',
        channel,
        zalo_msg_id: result.value.messageId,
        sent_at: clock.now(),
        next_attempt_at: null,
      });
    return settleFailure(claim, result.failure, { channel });
  }

  /**
   * An attempt that threw (a database error while building the message...) counts as a failed attempt worth
   * retrying; the log says which error, never its text (it could quote a value).
   */
  function crashed(claim: Claim, error: unknown) {
    const e = error as { code?: unknown; name?: unknown };
    const what = typeof e?.code === 'string' ? `SQLSTATE ${e.code}` : String(e?.name ?? 'unknown');
    const message = `An error on the server while preparing or sending (${what})`.slice(0, 200);
    return settleFailure(claim, { kind: 'retry', code: 'INTERNAL', message }, {});
  }

  /** Sends due deliveries one at a time until none is due (or `limit` were tried); returns how many. */
  async function sendDue(limit = 500): Promise<number> {
    await repo.failExhausted(db, clock.now(), MAX_ATTEMPTS);
    let done = 0;
    while (done < limit) {
      const now = clock.now();
      const claim = await repo.claimDue(db, now, new Date(now.getTime() + leaseMs), MAX_ATTEMPTS);
      if (!claim) break;
      try {
        await attempt(claim);
      } catch (error) {
        await crashed(claim, error);
      }
      done++;
    }
    return done;
  }

  /**
   * Checks an OA user id the mini app gave (getUserInfo().idByOA) with the OA's user detail: it must be this
   * citizen's Zalo account (`user_id_by_app` is their app-scoped id) and follow the OA. Returns the id to store,
   * or null when no OA is connected (nothing to check with, and nothing would go out by OA).
   */
  async function verifiedOaUser(zaloId: string, oaUserId: string): Promise<string | null> {
    if (!client.configured || !(await tokens.status()).tokenSet) return null;
    const result = await withToken((accessToken) => client.userDetail(accessToken, oaUserId));
    if (!result.ok) {
      const { code } = result.failure;
      if (code === 'OA-213') throw new AppError('ZALO_OA_NOT_FOLLOWER');
      // Not a user of this OA at all: it cannot be this citizen's id.
      if (code === 'OA-201') throw new AppError('ZALO_IDENTITY_MISMATCH');
      throw new AppError('ZALO_UNAVAILABLE', { reason: 'oa', code });
    }
    const user = result.value;
    if (user.userId !== oaUserId || user.userIdByApp !== zaloId) throw new AppError('ZALO_IDENTITY_MISMATCH');
    if (user.isFollower === false) throw new AppError('ZALO_OA_NOT_FOLLOWER');
    return oaUserId;
  }

  return {
    preference: (citizen: CitizenPrincipal) => preference(citizen.citizenId),

    /**
     * Opting in needs a Zalo-linked citizen; opting out stops every message not yet sent. An `oaUserId` is
     * checked with Zalo (403 ZALO_IDENTITY_MISMATCH when it is someone else's, 409 ZALO_OA_NOT_FOLLOWER, 502
     * ZALO_UNAVAILABLE) and then kept for OA messages; nothing is saved when the check fails.
     */
    async setPreference(
      citizen: CitizenPrincipal,
      body: ZaloNotifyPreferenceBody,
    ): Promise<ZaloNotifyPreference> {
      const row = await repo.citizen(db, citizen.citizenId);
      if ((body.enabled || body.oaUserId) && !row?.zalo_id) throw new AppError('ZALO_NOT_LINKED');
      let oaUserId: string | undefined;
      if (row?.zalo_id && body.oaUserId && body.oaUserId !== row.zalo_oa_user_id)
        oaUserId = (await verifiedOaUser(row.zalo_id, body.oaUserId)) ?? undefined;
      await repo.setOptIn(db, citizen.citizenId, body.enabled ? clock.now() : null, oaUserId);
      return preference(citizen.citizenId);
    },

    settings,

    /**
     * Channel and templates, and optionally a new OA refresh token: the token is tried with Zalo first and
     * only a working one is kept, saved as the last step of the settings' transaction, so a failed write keeps
     * the chain in use. The audit entry records that a token was set, never the token.
     */
    async updateSettings(actor: Actor, body: UpdateZaloSettingsBody): Promise<ZaloSettings> {
      const chain = body.oaRefreshToken ? await tokens.exchange(body.oaRefreshToken) : null;
      await db.transaction().execute(async (trx) => {
        const [before, templates] = await Promise.all([repo.settings(trx), repo.templates(trx)]);
        await repo.saveSettings(trx, body.channel, actor.userId, clock.now());
        await repo.replaceTemplates(trx, body.templates);
        await audit.record(trx, actor, {
          action: 'zalo.settings',
          entityType: 'zalo_settings',
          entityId: null,
          before: { channel: before.channel, templates: toTemplateIds(templates) },
          after: {
            channel: body.channel,
            templates: body.templates,
            oaTokenReplaced: Boolean(body.oaRefreshToken),
          },
        });
        if (chain) await tokens.save(trx, chain);
      });
      jobs.fire(DELIVER_ZALO_JOB);
      return settings();
    },

    async deliveries(query: ZaloDeliveryQuery): Promise<ZaloDeliveryPage> {
      const { rows, total } = await repo.list(db, query);
      return { items: rows.map(presentDelivery), total, page: query.page, pageSize: query.pageSize };
    },

    /** A failed delivery goes back to the queue with a fresh set of attempts. */
    async retry(actor: Actor, id: string): Promise<ZaloDelivery> {
      await db.transaction().execute(async (trx) => {
        if (!(await repo.retry(trx, id, clock.now()))) {
          throw new AppError(
            (await repo.exists(trx, id)) ? 'ZALO_DELIVERY_NOT_RETRYABLE' : 'ZALO_DELIVERY_NOT_FOUND',
          );
        }
        await audit.record(trx, actor, {
          action: 'zalo.delivery_retry',
          entityType: 'zalo_delivery',
          entityId: id,
        });
      });
      jobs.fire(DELIVER_ZALO_JOB);
      return delivery(id);
    },

    enqueue,

    sendDue,

    /** The job: new notifications get their rows, then due ones are sent. Safe to run twice or concurrently. */
    async run(): Promise<{ queued: number; attempted: number }> {
      const queued = await enqueue();
      return { queued, attempted: await sendDue() };
    },
  };
}
export type ZaloNotificationService = ReturnType<typeof createZaloNotificationService>;
