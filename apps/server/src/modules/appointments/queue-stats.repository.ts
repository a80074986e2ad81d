import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';

const minutes = (expr: ReturnType<typeof sql>) =>
  sql<number | null>`round((avg(extract(epoch from ${expr})) / 60)::numeric, 1)`;

/** Average minutes from being called to being finished, over served tickets only. */
const serviceMinutes = () =>
  sql<
    number | null
  >`round((avg(extract(epoch from t.finished_at - t.called_at)) filter (where t.status = 'served') / 60)::numeric, 1)`;

/** Figures for the console's queue statistics; days are Vietnam days (the `day` columns). */
export const queueStatsRepository = {
  bookingsByDayField(db: Executor, centreId: string, from: string, to: string) {
    return db
      .selectFrom('bookings as b')
      .innerJoin('service_fields as f', 'f.id', 'b.field_id')
      .select((eb) => [
        'b.day',
        'b.field_id',
        'f.name',
        'f.letter',
        eb.fn.countAll<number>().as('bookings'),
        eb.fn.count<number>('b.id').filterWhere('b.status', '=', 'cancelled').as('cancelled'),
        eb.fn.count<number>('b.id').filterWhere('b.status', '=', 'no_show').as('no_shows'),
      ])
      .where('b.centre_id', '=', centreId)
      .where('b.day', '>=', from)
      .where('b.day', '<=', to)
      .groupBy(['b.day', 'b.field_id', 'f.name', 'f.letter'])
      .execute();
  },

  ticketsByDayField(db: Executor, centreId: string, from: string, to: string) {
    return db
      .selectFrom('tickets as t')
      .innerJoin('service_fields as f', 'f.id', 't.field_id')
      .select((eb) => [
        't.day',
        't.field_id',
        'f.name',
        'f.letter',
        eb.fn.countAll<number>().as('tickets'),
        eb.fn.count<number>('t.id').filterWhere('t.kind', '=', 'walk_in').as('walk_ins'),
        eb.fn.count<number>('t.id').filterWhere('t.status', '=', 'served').as('served'),
        minutes(sql`t.called_at - t.created_at`).as('avg_wait'),
        serviceMinutes().as('avg_service'),
      ])
      .where('t.centre_id', '=', centreId)
      .where('t.day', '>=', from)
      .where('t.day', '<=', to)
      .groupBy(['t.day', 't.field_id', 'f.name', 'f.letter'])
      .execute();
  },

  byDayCounter(db: Executor, centreId: string, from: string, to: string) {
    return db
      .selectFrom('tickets as t')
      .innerJoin('counters as k', 'k.id', 't.counter_id')
      .select((eb) => [
        't.day',
        'k.number',
        eb.fn.count<number>('t.id').filterWhere('t.status', '=', 'served').as('served'),
        eb.fn.count<number>('t.id').filterWhere('t.status', '=', 'absent').as('absent'),
        serviceMinutes().as('avg_service'),
      ])
      .where('t.centre_id', '=', centreId)
      .where('t.day', '>=', from)
      .where('t.day', '<=', to)
      .groupBy(['t.day', 'k.number'])
      .orderBy('t.day')
      .orderBy('k.number')
      .execute();
  },

  countersOfAgency(db: Executor, agencyId: string | null) {
    let q = db
      .selectFrom('counters as k')
      .innerJoin('centres as c', 'c.id', 'k.centre_id')
      .leftJoin('counter_sessions as s', 's.counter_id', 'k.id')
      .leftJoin('staff_users as u', 'u.id', 's.staff_user_id')
      .select([
        'c.id as centre_id',
        'c.name as centre_name',
        'k.id',
        'k.number',
        'k.name',
        's.staff_user_id',
        'u.full_name as held_by',
        (eb) =>
          eb
            .selectFrom('counter_fields as cf')
            .innerJoin('service_fields as f', 'f.id', 'cf.field_id')
            .select(sql<string>`string_agg(f.letter, '' order by f.letter)`.as('letters'))
            .whereRef('cf.counter_id', '=', 'k.id')
            .where('f.active', '=', true)
            .as('letters'),
      ])
      .where('k.active', '=', true)
      .where('c.active', '=', true);
    if (agencyId) q = q.where('c.agency_id', '=', agencyId);
    return q.orderBy('c.name').orderBy('k.number').execute();
  },

  /** Active centres with active counters, other than those of `agencyId` (all of them for null). */
  centresWithCountersOutside(db: Executor, agencyId: string | null) {
    let q = db
      .selectFrom('centres as c')
      .innerJoin('agencies as a', 'a.id', 'c.agency_id')
      .select(['c.id', 'c.name', 'a.name as agency_name'])
      .where('c.active', '=', true)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('counters as k')
            .select('k.id')
            .whereRef('k.centre_id', '=', 'c.id')
            .where('k.active', '=', true),
        ),
      );
    if (agencyId) q = q.where('c.agency_id', '<>', agencyId);
    return q.orderBy('c.name').execute();
  },
};
