import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  ZaloChannelValue,
  ZaloDeliveriesTable,
  ZaloKindValue,
  ZaloOaTokensTable,
} from '../../db/types.ts';

export type DeliveryStatus = ZaloDeliveriesTable['status'];

export const zaloNotificationRepository = {
  async settings(db: Executor) {
    return db
      .selectFrom('zalo_settings as s')
      .leftJoin('staff_users as u', 'u.id', 's.updated_by')
      .select(['s.channel', 's.updated_at', 'u.username as updated_by'])
      .executeTakeFirstOrThrow();
  },

  async templates(db: Executor): Promise<Partial<Record<ZaloKindValue, string>>> {
    const rows = await db.selectFrom('zalo_zns_templates').select(['kind', 'template_id']).execute();
    return Object.fromEntries(rows.map((r) => [r.kind, r.template_id]));
  },

  async saveSettings(db: Executor, channel: ZaloChannelValue, updatedBy: string, now: Date): Promise<void> {
    await db.updateTable('zalo_settings').set({ channel, updated_by: updatedBy, updated_at: now }).execute();
  },

  async replaceTemplates(db: Executor, templates: Record<ZaloKindValue, string | null>): Promise<void> {
    await db.deleteFrom('zalo_zns_templates').execute();
    const rows = Object.entries(templates).flatMap(([kind, id]) =>
      id ? [{ kind: kind as ZaloKindValue, template_id: id }] : [],
    );
    if (rows.length) await db.insertInto('zalo_zns_templates').values(rows).execute();
  },

  citizen(db: Executor, id: string) {
    return db
      .selectFrom('citizens')
      .select(['zalo_id', 'zalo_phone', 'zalo_notify_opt_in_at', 'zalo_oa_user_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /**
   * Turns notifications on (keeping the first opt-in time when already on) or off; stores the OA user id when
   * one was verified (undefined leaves it as it is).
   */
  async setOptIn(db: Executor, id: string, at: Date | null, oaUserId?: string): Promise<void> {
    await db
      .updateTable('citizens')
      .set((eb) => ({
        zalo_notify_opt_in_at: at === null ? null : eb.fn.coalesce('zalo_notify_opt_in_at', eb.val(at)),
        ...(oaUserId === undefined ? {} : { zalo_oa_user_id: oaUserId }),
      }))
      .where('id', '=', id)
      .execute();
  },

  /**
   * Notifications since `since` of citizens who are Zalo-linked and opted in before the notification was made,
   * that have no delivery row yet.
   */
  candidates(db: Executor, since: Date, limit: number) {
    return db
      .selectFrom('citizen_notifications as n')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .select(['n.id', 'n.report_id', 'n.kind', 'c.zalo_phone', 'c.zalo_oa_user_id'])
      .where('n.created_at', '>=', since)
      .where('c.zalo_id', 'is not', null)
      .where('c.zalo_notify_opt_in_at', 'is not', null)
      .whereRef('n.created_at', '>=', 'c.zalo_notify_opt_in_at')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('zalo_deliveries as d').select('d.id').whereRef('d.notification_id', '=', 'n.id'),
          ),
        ),
      )
      .orderBy('n.created_at')
      .limit(limit)
      .execute();
  },

  /** Idempotent: a notification that already has a row (another worker was faster) is left alone. */
  async insertDeliveries(db: Executor, rows: Insertable<ZaloDeliveriesTable>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await db
      .insertInto('zalo_deliveries')
      .values(rows)
      .onConflict((oc) => oc.constraint('zalo_deliveries_notification_key').doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  },

  /**
   * Due rows that used up their attempts without an outcome (a worker died during the last one and its lease
   * lapsed): failed, never sent again.
   */
  async failExhausted(db: Executor, now: Date, maxAttempts: number): Promise<number> {
    const result = await db
      .updateTable('zalo_deliveries')
      .set({
        status: 'failed',
        next_attempt_at: null,
        last_error_code: 'ATTEMPTS_EXHAUSTED',
        last_error: 'The last attempt ended without an outcome (the worker stopped)',
        updated_at: now,
      })
      .where('status', '=', 'pending')
      .where('attempts', '>=', maxAttempts)
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /**
   * Takes the next due delivery with attempts left: counts the attempt and moves its due time to `leaseUntil`,
   * in one statement. SKIP LOCKED lets concurrent workers take different rows; the moved due time keeps the row
   * away from them while this worker talks to Zalo.
   */
  claimDue(db: Executor, now: Date, leaseUntil: Date, maxAttempts: number) {
    return db
      .updateTable('zalo_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil, updated_at: now }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('zalo_deliveries')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where('attempts', '<', maxAttempts)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'notification_id', 'kind', 'attempts'])
      .executeTakeFirst();
  },

  /** What a message says and who gets it. */
  content(db: Executor, notificationId: string) {
    return db
      .selectFrom('citizen_notifications as n')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .leftJoin('reports as r', 'r.id', 'n.report_id')
      .leftJoin('report_events as e', 'e.id', 'n.event_id')
      .leftJoin('tickets as t', 't.id', 'n.ticket_id')
      .leftJoin('counters as k', 'k.id', 't.counter_id')
      .select([
        'n.id',
        'n.created_at',
        'c.zalo_id',
        'c.zalo_phone',
        'c.zalo_oa_user_id',
        'c.zalo_notify_opt_in_at',
        'r.code as report_code',
        'r.status as report_status',
        // A follower is not the reporter: the message's note is then shown as the public sees it.
        sql<boolean>`r.citizen_id = n.citizen_id`.as('own_report'),
        'e.to_status',
        'e.kind as event_kind',
        'e.note',
        't.id as ticket_id',
        't.display as ticket',
        't.status as ticket_status',
        't.field_id',
        't.centre_id',
        't.day',
        't.priority',
        't.created_at as ticket_created_at',
        'k.number as counter_number',
      ])
      .where('n.id', '=', notificationId)
      .executeTakeFirst();
  },

  /** Records an attempt's outcome, unless the lease was lost (another worker took the row after it lapsed). */
  async finish(
    db: Executor,
    id: string,
    attempts: number,
    patch: Updateable<ZaloDeliveriesTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('zalo_deliveries')
      .set(patch)
      .where('id', '=', id)
      .where('attempts', '=', attempts)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** The delivery log, newest first; `id` narrows it to one row. */
  async list(db: Executor, query: { status?: DeliveryStatus; id?: string; page: number; pageSize: number }) {
    let base = db.selectFrom('zalo_deliveries as d');
    if (query.status) base = base.where('d.status', '=', query.status);
    if (query.id) base = base.where('d.id', '=', query.id);
    const [rows, count] = await Promise.all([
      base
        .innerJoin('citizen_notifications as n', 'n.id', 'd.notification_id')
        .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
        .leftJoin('reports as r', 'r.id', 'n.report_id')
        .leftJoin('tickets as t', 't.id', 'n.ticket_id')
        .selectAll('d')
        .select(['c.zalo_phone', 'r.code as report_code', 't.display as ticket'])
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** A failed delivery back in the queue, due now, with a fresh set of attempts. */
  async retry(db: Executor, id: string, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('zalo_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async exists(db: Executor, id: string): Promise<boolean> {
    return Boolean(
      await db.selectFrom('zalo_deliveries').select('id').where('id', '=', id).executeTakeFirst(),
    );
  },

  oaTokens(db: Executor): Promise<Selectable<ZaloOaTokensTable> | undefined> {
    return db.selectFrom('zalo_oa_tokens').selectAll().executeTakeFirst();
  },

  /** Starts the chain from the environment's token, unless that same token was adopted before. */
  async adoptConfigToken(db: Executor, token: { sealed: string; hash: Buffer; now: Date }): Promise<void> {
    await db
      .insertInto('zalo_oa_tokens')
      .values({
        refresh_token: token.sealed,
        source: 'config',
        config_token_sha256: token.hash,
        updated_at: token.now,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({
            refresh_token: token.sealed,
            access_token: null,
            access_expires_at: null,
            source: 'config',
            config_token_sha256: token.hash,
            last_error: null,
            updated_at: token.now,
          })
          .where('zalo_oa_tokens.config_token_sha256', 'is distinct from', token.hash),
      )
      .execute();
  },

  /** Saves a rotation, only if the chain still ends at `previousRefresh` (compare-and-swap). */
  async rotateOaTokens(
    db: Executor,
    previousRefresh: string,
    next: Updateable<ZaloOaTokensTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('zalo_oa_tokens')
      .set(next)
      .where('refresh_token', '=', previousRefresh)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async replaceOaTokens(db: Executor, row: Omit<Insertable<ZaloOaTokensTable>, 'id'>): Promise<void> {
    await db
      .insertInto('zalo_oa_tokens')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  },

  async setOaError(db: Executor, code: string, now: Date): Promise<void> {
    await db.updateTable('zalo_oa_tokens').set({ last_error: code, updated_at: now }).execute();
  },
};
