import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { TicketStatusValue, TicketsTable } from '../../db/types.ts';
import type { FieldRow } from './centres.repository.ts';

export interface TicketRow {
  id: string;
  display: string;
  centre_id: string;
  centre_name: string;
  field_id: string;
  field_name: string;
  kind: TicketsTable['kind'];
  status: TicketStatusValue;
  priority: boolean;
  counter_number: number | null;
  created_at: Date;
  called_at: Date | null;
  day: string;
  booking_id: string | null;
  slot_starts_at: Date | null;
  citizen_id: string | null;
  /** The new ticket in another field's queue, when staff moved this one there. */
  transferred_to: string | null;
  transferred_display: string | null;
  transferred_field_name: string | null;
  code: string | null;
  confirmed_at: Date | null;
  recalls: number;
}

export interface WaitingRow {
  id: string;
  field_id: string;
  kind: TicketsTable['kind'];
  priority: boolean;
  created_at: Date;
  slot_starts_at: Date | null;
  number: number;
  display: string;
  citizen_id: string | null;
  confirmed_at: Date | null;
}

function selectTickets(db: Executor) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('centres as c', 'c.id', 't.centre_id')
    .innerJoin('service_fields as f', 'f.id', 't.field_id')
    .leftJoin('counters as k', 'k.id', 't.counter_id')
    .leftJoin('tickets as moved', 'moved.id', 't.transferred_to')
    .leftJoin('service_fields as moved_field', 'moved_field.id', 'moved.field_id')
    .select([
      't.id',
      't.display',
      't.centre_id',
      'c.name as centre_name',
      't.field_id',
      'f.name as field_name',
      't.kind',
      't.status',
      't.priority',
      'k.number as counter_number',
      't.created_at',
      't.called_at',
      't.day',
      't.booking_id',
      't.slot_starts_at',
      't.citizen_id',
      't.transferred_to',
      'moved.display as transferred_display',
      'moved_field.name as transferred_field_name',
      't.code',
      't.confirmed_at',
      't.recalls',
    ]);
}

export const queueRepository = {
  /** The next ticket number of a field and day, in the caller's transaction (unique, gapless). */
  async nextNumber(db: Executor, fieldId: string, day: string): Promise<number> {
    const row = await db
      .insertInto('ticket_counters')
      .values({ field_id: fieldId, day, last: 1 })
      .onConflict((oc) =>
        oc.columns(['field_id', 'day']).doUpdateSet((eb) => ({ last: eb('ticket_counters.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return row.last;
  },

  async insertTicket(db: Executor, values: Insertable<TicketsTable>): Promise<string> {
    const row = await db.insertInto('tickets').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  findTicket(db: Executor, id: string): Promise<TicketRow | undefined> {
    return selectTickets(db).where('t.id', '=', id).executeTakeFirst();
  },

  /** A remote number by its arrival code. */
  ticketByCode(db: Executor, code: string) {
    return db
      .selectFrom('tickets')
      .select(['id', 'centre_id', 'day', 'status', 'confirmed_at'])
      .where('code', '=', code)
      .executeTakeFirst();
  },

  /** Announces a called number again. */
  async recall(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .updateTable('tickets')
      .set((eb) => ({ recalls: eb('recalls', '+', 1), last_called_at: now }))
      .where('id', '=', id)
      .execute();
  },

  /** Marks arrival once (the first confirmation's time is kept). */
  async confirm(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .updateTable('tickets')
      .set({ confirmed_at: now })
      .where('id', '=', id)
      .where('confirmed_at', 'is', null)
      .execute();
  },

  ticketOfBooking(db: Executor, bookingId: string) {
    return db.selectFrom('tickets').select('id').where('booking_id', '=', bookingId).executeTakeFirst();
  },

  async updateTicket(db: Executor, id: string, values: Updateable<TicketsTable>): Promise<void> {
    await db.updateTable('tickets').set(values).where('id', '=', id).execute();
  },

  /** Waiting tickets per field of a centre today. */
  waitingCounts(db: Executor, centreId: string, day: string) {
    return db
      .selectFrom('service_fields as f')
      .leftJoin('tickets as t', (j) =>
        j.onRef('t.field_id', '=', 'f.id').on('t.day', '=', day).on('t.status', '=', 'waiting'),
      )
      .select(['f.id', 'f.name', 'f.letter', (eb) => eb.fn.count<number>('t.id').as('n')])
      .where('f.centre_id', '=', centreId)
      .where('f.active', '=', true)
      .groupBy(['f.id', 'f.name', 'f.letter'])
      .orderBy('f.letter')
      .execute();
  },

  /** Today's waiting tickets of a centre (of some of its fields), as the queue order needs them. */
  waiting(db: Executor, centreId: string, day: string, fieldIds?: string[]): Promise<WaitingRow[]> {
    let q = db
      .selectFrom('tickets')
      .select([
        'id',
        'field_id',
        'kind',
        'priority',
        'created_at',
        'slot_starts_at',
        'number',
        'display',
        'citizen_id',
        'confirmed_at',
      ])
      .where('centre_id', '=', centreId)
      .where('day', '=', day)
      .where('status', '=', 'waiting');
    if (fieldIds)
      q = q.where('field_id', 'in', fieldIds.length ? fieldIds : ['00000000-0000-0000-0000-000000000000']);
    return q.execute();
  },

  /**
   * Locks a ticket for the call if it is still waiting and no other transaction holds it (SKIP LOCKED: a counter
   * never waits for, nor takes, a ticket another counter is taking).
   */
  async lockWaiting(db: Executor, id: string): Promise<boolean> {
    const row = await db
      .selectFrom('tickets')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The fields each active counter of a centre serves (active fields only). */
  async counterFields(db: Executor, centreId: string): Promise<Map<string, string[]>> {
    const rows = await db
      .selectFrom('counter_fields as cf')
      .innerJoin('counters as k', 'k.id', 'cf.counter_id')
      .innerJoin('service_fields as f', 'f.id', 'cf.field_id')
      .select(['k.id as counter_id', 'f.id as field_id'])
      .where('k.centre_id', '=', centreId)
      .where('k.active', '=', true)
      .where('f.active', '=', true)
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.counter_id, [...(out.get(r.counter_id) ?? []), r.field_id]);
    return out;
  },

  /** The interleave state without a lock (for telling people their place, not for calling). */
  async interleaveState(db: Executor, centreId: string, day: string) {
    const row = await db
      .selectFrom('centres as c')
      .leftJoin('queue_state as s', (j) => j.onRef('s.centre_id', '=', 'c.id').on('s.day', '=', day))
      .select(['c.walk_in_interleave', 's.appointments_in_row'])
      .where('c.id', '=', centreId)
      .executeTakeFirst();
    return { appointmentsInRow: row?.appointments_in_row ?? 0, interleave: row?.walk_in_interleave ?? 2 };
  },

  /** Appointments called in a row at the centre today (locked for the caller's transaction). */
  async appointmentsInRow(db: Executor, centreId: string, day: string): Promise<number> {
    await db
      .insertInto('queue_state')
      .values({ centre_id: centreId, day })
      .onConflict((oc) => oc.columns(['centre_id', 'day']).doNothing())
      .execute();
    const row = await db
      .selectFrom('queue_state')
      .select('appointments_in_row')
      .where('centre_id', '=', centreId)
      .where('day', '=', day)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return row.appointments_in_row;
  },

  async setAppointmentsInRow(db: Executor, centreId: string, day: string, n: number): Promise<void> {
    await db
      .updateTable('queue_state')
      .set({ appointments_in_row: n })
      .where('centre_id', '=', centreId)
      .where('day', '=', day)
      .execute();
  },

  counter(db: Executor, id: string) {
    return db
      .selectFrom('counters as k')
      .innerJoin('centres as c', 'c.id', 'k.centre_id')
      .select([
        'k.id',
        'k.number',
        'k.name',
        'k.active',
        'k.centre_id',
        'c.name as centre_name',
        'c.agency_id',
        'c.walk_in_interleave',
      ])
      .where('k.id', '=', id)
      .executeTakeFirst();
  },

  async counterFieldIds(db: Executor, counterId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('counter_fields as cf')
      .innerJoin('service_fields as f', 'f.id', 'cf.field_id')
      .select('f.id')
      .where('cf.counter_id', '=', counterId)
      .where('f.active', '=', true)
      .execute();
    return rows.map((r) => r.id);
  },

  sessionOf(db: Executor, staffId: string) {
    return db
      .selectFrom('counter_sessions')
      .select(['counter_id'])
      .where('staff_user_id', '=', staffId)
      .executeTakeFirst();
  },

  sessionAt(db: Executor, counterId: string) {
    return db
      .selectFrom('counter_sessions')
      .select(['staff_user_id'])
      .where('counter_id', '=', counterId)
      .executeTakeFirst();
  },

  async startSession(db: Executor, counterId: string, staffId: string): Promise<void> {
    await db.deleteFrom('counter_sessions').where('staff_user_id', '=', staffId).execute();
    await db
      .insertInto('counter_sessions')
      .values({ counter_id: counterId, staff_user_id: staffId })
      .execute();
  },

  async endSession(db: Executor, staffId: string): Promise<void> {
    await db.deleteFrom('counter_sessions').where('staff_user_id', '=', staffId).execute();
  },

  currentAt(db: Executor, counterId: string) {
    return db
      .selectFrom('tickets')
      .select(['id', 'booking_id', 'kind', 'confirmed_at', 'recalls'])
      .where('counter_id', '=', counterId)
      .where('status', '=', 'called')
      .orderBy('called_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Average service minutes of a field over its last 20 served tickets (null without history). */
  async averageServiceMinutes(db: Executor, fieldId: string): Promise<number | null> {
    const row = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('tickets')
          .select(sql<number>`extract(epoch from finished_at - called_at)`.as('s'))
          .where('field_id', '=', fieldId)
          .where('status', '=', 'served')
          .where('called_at', 'is not', null)
          .where('finished_at', 'is not', null)
          .orderBy('finished_at', 'desc')
          .limit(20)
          .as('recent'),
      )
      .select((eb) => eb.fn.avg<number>('recent.s').as('avg'))
      .executeTakeFirst();
    return row?.avg === null || row?.avg === undefined ? null : Number(row.avg) / 60;
  },

  async servingCounters(db: Executor, fieldId: string): Promise<number> {
    const row = await db
      .selectFrom('counter_fields as cf')
      .innerJoin('counter_sessions as s', 's.counter_id', 'cf.counter_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cf.field_id', '=', fieldId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  boardCounters(db: Executor, centreId: string, day: string) {
    return db
      .selectFrom('counters as k')
      .leftJoin('tickets as t', (j) =>
        j.onRef('t.counter_id', '=', 'k.id').on('t.status', '=', 'called').on('t.day', '=', day),
      )
      .select(['k.number', 'k.name', 't.display'])
      .where('k.centre_id', '=', centreId)
      .where('k.active', '=', true)
      .orderBy('k.number')
      .execute();
  },

  lastCalls(db: Executor, centreId: string, day: string, limit: number) {
    return db
      .selectFrom('tickets as t')
      .innerJoin('counters as k', 'k.id', 't.counter_id')
      .select(['t.display', 'k.number', 't.last_called_at', 't.recalls'])
      .where('t.centre_id', '=', centreId)
      .where('t.day', '=', day)
      .where('t.last_called_at', 'is not', null)
      .orderBy('t.last_called_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** In-app notifications about tickets, each (ticket, kind) at most once. */
  async notify(
    db: Executor,
    rows: { citizen_id: string; ticket_id: string; kind: 'queue_soon' | 'queue_called'; created_at: Date }[],
  ) {
    if (rows.length === 0) return;
    await db
      .insertInto('citizen_notifications')
      .values(rows)
      .onConflict((oc) => oc.columns(['ticket_id', 'kind']).where('ticket_id', 'is not', null).doNothing())
      .execute();
  },
};
export type QueueRepository = typeof queueRepository;

const display = (letter: string, n: number) => `${letter}${String(n).padStart(3, '0')}`;

/** A new numbered ticket in the caller's transaction. */
export async function issueTicket(
  trx: Executor,
  field: FieldRow,
  day: string,
  now: Date,
  extra: {
    kind: 'appointment' | 'walk_in' | 'remote';
    booking_id?: string;
    code?: string;
    idempotency_key?: string;
    slot_starts_at?: Date;
    citizen_id?: string | null;
    priority?: boolean;
    created_at?: Date;
  },
): Promise<string> {
  const number = await queueRepository.nextNumber(trx, field.id, day);
  return queueRepository.insertTicket(trx, {
    centre_id: field.centre_id,
    field_id: field.id,
    day,
    number,
    display: display(field.letter, number),
    kind: extra.kind,
    booking_id: extra.booking_id ?? null,
    slot_starts_at: extra.slot_starts_at ?? null,
    citizen_id: extra.citizen_id ?? null,
    priority: extra.priority ?? false,
    created_at: extra.created_at ?? now,
    code: extra.code ?? null,
    idempotency_key: extra.idempotency_key ?? null,
  });
}
