import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { BookingStatusValue } from '../../db/types.ts';

export interface BookingRow {
  id: string;
  code: string;
  citizen_id: string;
  status: BookingStatusValue;
  centre_id: string;
  centre_name: string;
  centre_address: string | null;
  field_id: string;
  field_name: string;
  slot_id: string;
  starts_at: Date;
  ends_at: Date;
  name: string;
  phone: string;
  created_at: Date;
  /** The queue number taken with this booking at the kiosk. */
  ticket_id: string | null;
  ticket_display: string | null;
}

function selectBookings(db: Executor) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('centres as c', 'c.id', 'b.centre_id')
    .innerJoin('service_fields as f', 'f.id', 'b.field_id')
    .innerJoin('slots as s', 's.id', 'b.slot_id')
    .leftJoin('tickets as t', 't.booking_id', 'b.id')
    .select([
      'b.id',
      'b.code',
      'b.citizen_id',
      'b.status',
      'b.centre_id',
      'c.name as centre_name',
      'c.address as centre_address',
      'b.field_id',
      'f.name as field_name',
      'b.slot_id',
      'b.starts_at',
      's.ends_at',
      'b.name',
      'b.phone',
      'b.created_at',
      't.id as ticket_id',
      't.display as ticket_display',
    ]);
}

export const bookingRepository = {
  /** Slot rows of a field between two instants, with what is booked. */
  slotsBetween(db: Executor, fieldId: string, from: Date, to: Date) {
    return db
      .selectFrom('slots')
      .select(['id', 'starts_at', 'capacity', 'booked'])
      .where('field_id', '=', fieldId)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .execute();
  },

  /** The slot row of a time, made on first use with the capacity of that moment. */
  async ensureSlot(
    db: Executor,
    fieldId: string,
    startsAt: Date,
    endsAt: Date,
    capacity: number,
  ): Promise<string> {
    await db
      .insertInto('slots')
      .values({ field_id: fieldId, starts_at: startsAt, ends_at: endsAt, capacity })
      .onConflict((oc) => oc.columns(['field_id', 'starts_at']).doNothing())
      .execute();
    const row = await db
      .selectFrom('slots')
      .select('id')
      .where('field_id', '=', fieldId)
      .where('starts_at', '=', startsAt)
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** Takes one place if one is left: the whole capacity rule in one statement. */
  async takePlace(db: Executor, slotId: string): Promise<boolean> {
    const r = await db
      .updateTable('slots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('id', '=', slotId)
      .whereRef('booked', '<', 'capacity')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async releasePlace(db: Executor, slotId: string): Promise<void> {
    await db
      .updateTable('slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', slotId)
      .where('booked', '>', 0)
      .execute();
  },

  /** Serialises one citizen's bookings (the "3 upcoming" rule counts, then inserts). */
  async lockCitizen(db: Executor, citizenId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${citizenId}, 7))`.execute(db);
  },

  async countUpcoming(db: Executor, citizenId: string, now: Date): Promise<number> {
    const row = await db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('citizen_id', '=', citizenId)
      .where('status', '=', 'confirmed')
      .where('starts_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  noShowsSince(db: Executor, citizenId: string, since: Date) {
    return db
      .selectFrom('bookings')
      .select('starts_at')
      .where('citizen_id', '=', citizenId)
      .where('status', '=', 'no_show')
      .where('starts_at', '>', since)
      .orderBy('starts_at', 'desc')
      .execute();
  },

  async insert(
    db: Executor,
    values: {
      code: string;
      citizen_id: string;
      idempotency_key: string;
      centre_id: string;
      field_id: string;
      slot_id: string;
      day: string;
      starts_at: Date;
      name: string;
      phone: string;
      created_at: Date;
    },
  ): Promise<void> {
    await db.insertInto('bookings').values(values).execute();
  },

  findByKey(db: Executor, citizenId: string, key: string) {
    return db
      .selectFrom('bookings')
      .select(['code', 'field_id', 'starts_at', 'name', 'phone'])
      .where('citizen_id', '=', citizenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  find(db: Executor, code: string, citizenId?: string): Promise<BookingRow | undefined> {
    let q = selectBookings(db).where('b.code', '=', code);
    if (citizenId) q = q.where('b.citizen_id', '=', citizenId);
    return q.executeTakeFirst();
  },

  /** Locks the booking row for a change (cancel, reschedule). */
  async lock(db: Executor, id: string): Promise<void> {
    await db.selectFrom('bookings').select('id').where('id', '=', id).forUpdate().execute();
  },

  listForCitizen(db: Executor, citizenId: string, limit: number): Promise<BookingRow[]> {
    return selectBookings(db)
      .where('b.citizen_id', '=', citizenId)
      .orderBy('b.starts_at', 'desc')
      .limit(limit)
      .execute();
  },

  async update(
    db: Executor,
    id: string,
    values: {
      status?: BookingStatusValue;
      cancelled_at?: Date;
      slot_id?: string;
      starts_at?: Date;
      day?: string;
    },
  ): Promise<void> {
    await db.updateTable('bookings').set(values).where('id', '=', id).execute();
  },
};
export type BookingRepository = typeof bookingRepository;
