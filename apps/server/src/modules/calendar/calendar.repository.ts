import type { Executor } from '../../db/executor.ts';

export interface CalendarDayRow {
  day: string;
  working: boolean;
  name: string;
  source: 'library' | 'admin';
}

export const calendarRepository = {
  between(db: Executor, fromDay: string, toDay: string): Promise<CalendarDayRow[]> {
    return db
      .selectFrom('calendar_days')
      .select(['day', 'working', 'name', 'source'])
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .execute();
  },

  /** Library holidays never overwrite a day an admin has set. */
  async insertLibraryDays(db: Executor, days: { day: string; name: string }[]): Promise<number> {
    if (days.length === 0) return 0;
    const r = await db
      .insertInto('calendar_days')
      .values(days.map((d) => ({ day: d.day, name: d.name, working: false, source: 'library' as const })))
      .onConflict((oc) => oc.column('day').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  },

  async upsert(db: Executor, day: CalendarDayRow): Promise<void> {
    await db
      .insertInto('calendar_days')
      .values(day)
      .onConflict((oc) =>
        oc.column('day').doUpdateSet({ working: day.working, name: day.name, source: day.source }),
      )
      .execute();
  },

  find(db: Executor, day: string): Promise<CalendarDayRow | undefined> {
    return db
      .selectFrom('calendar_days')
      .select(['day', 'working', 'name', 'source'])
      .where('day', '=', day)
      .executeTakeFirst();
  },

  async delete(db: Executor, day: string): Promise<boolean> {
    const r = await db.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  deadlinePolicies(db: Executor, categoryId: string) {
    return db.selectFrom('category_deadlines').selectAll().where('category_id', '=', categoryId).execute();
  },

  async replaceDeadlinePolicies(
    db: Executor,
    categoryId: string,
    rows: { priority: 'urgent' | 'normal' | 'complex'; accept_hours: number; resolve_hours: number }[],
  ): Promise<void> {
    await db.deleteFrom('category_deadlines').where('category_id', '=', categoryId).execute();
    await db
      .insertInto('category_deadlines')
      .values(rows.map((r) => ({ ...r, category_id: categoryId })))
      .execute();
  },

  /** A category's default hours with its policy for one priority (null columns: no policy); none if no category. */
  categoryDeadlineHours(db: Executor, categoryId: string, priority: 'urgent' | 'normal' | 'complex') {
    return db
      .selectFrom('categories as c')
      .leftJoin('category_deadlines as d', (j) =>
        j.onRef('d.category_id', '=', 'c.id').on('d.priority', '=', priority),
      )
      .select(['c.default_deadline_hours', 'd.accept_hours', 'd.resolve_hours'])
      .where('c.id', '=', categoryId)
      .executeTakeFirst();
  },

  deadlinePolicy(db: Executor, categoryId: string, priority: 'urgent' | 'normal' | 'complex') {
    return db
      .selectFrom('category_deadlines')
      .select(['accept_hours', 'resolve_hours'])
      .where('category_id', '=', categoryId)
      .where('priority', '=', priority)
      .executeTakeFirst();
  },
};
export type CalendarRepository = typeof calendarRepository;
