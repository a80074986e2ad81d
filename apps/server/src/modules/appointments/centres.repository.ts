import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { CentresTable, ServiceFieldsTable } from '../../db/types.ts';

export type CentreRow = Selectable<CentresTable>;
export type FieldRow = Selectable<ServiceFieldsTable>;

export const centreRepository = {
  list(db: Executor, activeOnly: boolean): Promise<CentreRow[]> {
    let q = db.selectFrom('centres').selectAll();
    if (activeOnly) q = q.where('active', '=', true);
    return q.orderBy('name').execute();
  },

  find(db: Executor, id: string): Promise<CentreRow | undefined> {
    return db.selectFrom('centres').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, values: Insertable<CentresTable>): Promise<CentreRow> {
    return db.insertInto('centres').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, values: Updateable<CentresTable>): Promise<CentreRow | undefined> {
    return db.updateTable('centres').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  },

  async agencyNames(db: Executor, agencyIds: string[]): Promise<Map<string, string>> {
    if (agencyIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('id', 'in', agencyIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  sessions(db: Executor, centreIds: string[]) {
    if (centreIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('centre_sessions')
      .selectAll()
      .where('centre_id', 'in', centreIds)
      .orderBy('weekday')
      .orderBy('starts_min')
      .execute();
  },

  async replaceSessions(
    db: Executor,
    centreId: string,
    rows: { weekday: number; starts_min: number; ends_min: number }[],
  ) {
    await db.deleteFrom('centre_sessions').where('centre_id', '=', centreId).execute();
    if (rows.length)
      await db
        .insertInto('centre_sessions')
        .values(rows.map((r) => ({ ...r, centre_id: centreId })))
        .execute();
  },

  fields(db: Executor, centreIds: string[]): Promise<FieldRow[]> {
    if (centreIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('service_fields')
      .selectAll()
      .where('centre_id', 'in', centreIds)
      .orderBy('letter')
      .execute();
  },

  findField(db: Executor, id: string): Promise<FieldRow | undefined> {
    return db.selectFrom('service_fields').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Inserts or updates a field by (centre, code); a letter taken by another field is a unique violation. */
  async upsertField(db: Executor, centreId: string, f: Insertable<ServiceFieldsTable>): Promise<string> {
    const row = await db
      .insertInto('service_fields')
      .values({ ...f, centre_id: centreId })
      .onConflict((oc) =>
        oc.columns(['centre_id', 'code']).doUpdateSet({
          name: f.name,
          letter: f.letter,
          slot_minutes: f.slot_minutes,
          capacity: f.capacity,
          active: f.active,
          procedures: f.procedures ?? null,
          remote_daily_cap: f.remote_daily_cap ?? null,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** Fields no longer in the configuration are deactivated (their bookings and tickets stay). */
  async deactivateFieldsExcept(db: Executor, centreId: string, keepIds: string[]) {
    let q = db.updateTable('service_fields').set({ active: false }).where('centre_id', '=', centreId);
    if (keepIds.length) q = q.where('id', 'not in', keepIds);
    await q.execute();
  },

  counters(db: Executor, centreIds: string[]) {
    if (centreIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('counters as c')
      .leftJoin('counter_fields as cf', 'cf.counter_id', 'c.id')
      .leftJoin('service_fields as f', 'f.id', 'cf.field_id')
      .select(['c.id', 'c.centre_id', 'c.number', 'c.name', 'c.active', 'f.code as field_code'])
      .where('c.centre_id', 'in', centreIds)
      .orderBy('c.number')
      .execute();
  },

  async upsertCounter(
    db: Executor,
    centreId: string,
    c: { number: number; name: string | null; active: boolean },
  ) {
    const row = await db
      .insertInto('counters')
      .values({ ...c, centre_id: centreId })
      .onConflict((oc) => oc.columns(['centre_id', 'number']).doUpdateSet({ name: c.name, active: c.active }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async deactivateCountersExcept(db: Executor, centreId: string, keepIds: string[]) {
    let q = db.updateTable('counters').set({ active: false }).where('centre_id', '=', centreId);
    if (keepIds.length) q = q.where('id', 'not in', keepIds);
    await q.execute();
  },

  async setCounterFields(db: Executor, counterId: string, fieldIds: string[]) {
    await db.deleteFrom('counter_fields').where('counter_id', '=', counterId).execute();
    if (fieldIds.length)
      await db
        .insertInto('counter_fields')
        .values(fieldIds.map((field_id) => ({ counter_id: counterId, field_id })))
        .execute();
  },

  /** Active counters of an active field: its default capacity per slot. */
  async servingCounters(db: Executor, fieldId: string): Promise<number> {
    const row = await db
      .selectFrom('counter_fields as cf')
      .innerJoin('counters as c', 'c.id', 'cf.counter_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cf.field_id', '=', fieldId)
      .where('c.active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  closures(db: Executor, centreId: string, from: string, to: string) {
    return db
      .selectFrom('centre_closures')
      .selectAll()
      .where('centre_id', '=', centreId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
  },

  async setClosure(db: Executor, centreId: string, day: string, reason: string) {
    await db
      .insertInto('centre_closures')
      .values({ centre_id: centreId, day, reason })
      .onConflict((oc) => oc.columns(['centre_id', 'day']).doUpdateSet({ reason }))
      .execute();
  },

  async deleteClosure(db: Executor, centreId: string, day: string): Promise<boolean> {
    const r = await db
      .deleteFrom('centre_closures')
      .where('centre_id', '=', centreId)
      .where('day', '=', day)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
export type CentreRepository = typeof centreRepository;
