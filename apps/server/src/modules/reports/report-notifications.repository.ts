import type { Executor } from '../../db/executor.ts';

export const reportNotificationRepository = {
  /** Locks a batch of undelivered outbox rows; concurrent workers skip each other's rows. */
  pending(db: Executor, limit: number) {
    return db
      .selectFrom('notification_outbox')
      .select(['id', 'report_id', 'event_id'])
      .where('processed_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  /** The reporter and everyone following the report. */
  async recipients(db: Executor, reportId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('reports')
      .select('citizen_id')
      .where('id', '=', reportId)
      .union(db.selectFrom('report_followers').select('citizen_id').where('report_id', '=', reportId))
      .execute();
    return rows.map((r) => r.citizen_id);
  },

  async insertCitizenNotifications(
    db: Executor,
    rows: { citizen_id: string; report_id: string; event_id: number; created_at: Date }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('citizen_notifications')
      .values(rows)
      .onConflict((oc) => oc.columns(['citizen_id', 'event_id']).doNothing())
      .execute();
  },

  async markProcessed(db: Executor, id: number, at: Date): Promise<void> {
    await db.updateTable('notification_outbox').set({ processed_at: at }).where('id', '=', id).execute();
  },

  async listForCitizen(db: Executor, citizenId: string, page: { page: number; pageSize: number }) {
    const [rows, counts] = await Promise.all([
      db
        .selectFrom('citizen_notifications as n')
        .leftJoin('reports as r', 'r.id', 'n.report_id')
        .leftJoin('report_events as e', 'e.id', 'n.event_id')
        .leftJoin('tickets as t', 't.id', 'n.ticket_id')
        .leftJoin('counters as k', 'k.id', 't.counter_id')
        .select([
          'n.id',
          'r.code',
          'e.kind as event_kind',
          'n.kind as queue_kind',
          'e.to_status',
          'e.note',
          'n.ticket_id',
          't.display',
          'k.number as counter_number',
          'n.created_at',
          'n.read_at',
        ])
        .select((eb) =>
          eb.or([eb('r.citizen_id', '=', citizenId), eb('n.ticket_id', 'is not', null)]).as('mine'),
        )
        .where('n.citizen_id', '=', citizenId)
        .orderBy('n.created_at', 'desc')
        .orderBy('n.event_id', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      db
        .selectFrom('citizen_notifications')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread'),
        ])
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(counts.total), unread: Number(counts.unread) };
  },

  async markCitizenRead(db: Executor, citizenId: string, at: Date): Promise<void> {
    await db
      .updateTable('citizen_notifications')
      .set({ read_at: at })
      .where('citizen_id', '=', citizenId)
      .where('read_at', 'is', null)
      .execute();
  },

  async listForStaff(db: Executor, staffId: string, page: { page: number; pageSize: number }) {
    const [rows, counts] = await Promise.all([
      db
        .selectFrom('staff_notifications as n')
        .innerJoin('reports as r', 'r.id', 'n.report_id')
        .select(['n.id', 'n.kind', 'r.code', 'n.created_at', 'n.read_at'])
        .where('n.staff_user_id', '=', staffId)
        .orderBy('n.created_at', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      db
        .selectFrom('staff_notifications')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread'),
        ])
        .where('staff_user_id', '=', staffId)
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(counts.total), unread: Number(counts.unread) };
  },

  async markStaffRead(db: Executor, staffId: string, at: Date): Promise<void> {
    await db
      .updateTable('staff_notifications')
      .set({ read_at: at })
      .where('staff_user_id', '=', staffId)
      .where('read_at', 'is', null)
      .execute();
  },
};
