import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { BookingRepository } from '../appointments/bookings.repository.ts';

/**
 * Every foreign key to citizens(id), as `table.column`. `mergeCitizens` moves each of them; a test compares this
 * list with the database's foreign keys, so a new table that references citizens cannot be forgotten here.
 */
export const MERGED_CITIZEN_REFERENCES = [
  'api_clients.citizen_id',
  'bookings.citizen_id',
  'citizen_notifications.citizen_id',
  'citizen_tokens.citizen_id',
  'report_followers.citizen_id',
  'report_photos.citizen_id',
  'reports.citizen_id',
  'tickets.citizen_id',
] as const;

export interface MergeSummary {
  reports: number;
  bookings: number;
  /** Confirmed bookings of the same field and day held by both identities: the later appointment is cancelled. */
  cancelledBookings: number;
  /** Bearer tokens of `from`, revoked: a leaked anonymous token must not open the Zalo-verified identity. */
  revokedTokens: number;
}

const count = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

/** What the merge needs of the bookings (the appointments module's repository, passed in by services.ts). */
export type MergeBookings = Pick<BookingRepository, 'lockCitizen' | 'update' | 'releasePlace'>;

/** Citizen merges, for the Zalo sign-in that finds a device's anonymous identity and a Zalo one. */
export function createCitizenMergeRepository(bookingRepository: MergeBookings) {
  /**
   * Takes the booking locks (see bookingRepository.lockCitizen) of citizens about to be merged, in a fixed order.
   * A sign-in must take them BEFORE it locks the citizen rows: a booking holds its citizen's lock and then needs a
   * key-share lock on the citizen row (the foreign key of its insert), so the opposite order deadlocks.
   */
  async function lockCitizensForMerge(db: Executor, ids: readonly string[]): Promise<void> {
    for (const id of [...new Set(ids)].sort()) await bookingRepository.lockCitizen(db, id);
  }

  /**
   * Moves everything of citizen `from` to citizen `into`, revokes `from`'s bearer tokens and deletes `from`. Run it
   * inside the transaction that took both citizens' booking locks ({@link lockCitizensForMerge}) and then locked
   * both citizen rows. Unique rules are kept:
   * - a report both follow, or `into` follows its own (now) report: the extra follow is dropped;
   * - a notification of the same event for both: one is kept (read if either was read);
   * - the same client idempotency key on both (reports, bookings): `from`'s key gets a `:merged:<id>` suffix, so a
   *   retry with that key finds `into`'s row, as it would for one person;
   * - a confirmed booking for the same field and day on both (one per person and day): the earlier appointment
   *   is kept and the later one cancelled, its place given back — never two people's worth of places for one.
   * The "3 upcoming bookings" limit is not re-checked: a merged citizen may hold more until some pass.
   */
  async function mergeCitizens(db: Executor, from: string, into: string, now: Date): Promise<MergeSummary> {
    // The booking rules count per citizen under these locks. The caller holds them already (taken before the row
    // locks); taking them again is immediate and keeps a caller that did not correct.
    await lockCitizensForMerge(db, [from, into]);

    // Reports first: the follower clean-up below needs to know who owns what.
    const reports = await moveKeyedRows(db, 'reports', from, into);
    await db.updateTable('report_photos').set({ citizen_id: into }).where('citizen_id', '=', from).execute();
    // Not a foreign key, but the timeline's "by the citizen" entries should name the surviving identity.
    await db
      .updateTable('report_events')
      .set({ actor_id: into })
      .where('actor_type', '=', 'citizen')
      .where('actor_id', '=', from)
      .execute();

    await db
      .deleteFrom('report_followers as f')
      .where('f.citizen_id', '=', from)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('report_followers as z')
              .select('z.report_id')
              .whereRef('z.report_id', '=', 'f.report_id')
              .where('z.citizen_id', '=', into),
          ),
          eb.exists(
            eb
              .selectFrom('reports as r')
              .select('r.id')
              .whereRef('r.id', '=', 'f.report_id')
              .where('r.citizen_id', '=', into),
          ),
        ]),
      )
      .execute();
    await db
      .updateTable('report_followers')
      .set({ citizen_id: into })
      .where('citizen_id', '=', from)
      .execute();
    await db
      .deleteFrom('report_followers as f')
      .where('f.citizen_id', '=', into)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('reports as r')
            .select('r.id')
            .whereRef('r.id', '=', 'f.report_id')
            .where('r.citizen_id', '=', into),
        ),
      )
      .execute();

    await db
      .updateTable('citizen_notifications as z')
      .from('citizen_notifications as d')
      .set({ read_at: sql<Date | null>`coalesce(z.read_at, d.read_at)` })
      .whereRef('d.event_id', '=', 'z.event_id')
      .where('z.citizen_id', '=', into)
      .where('d.citizen_id', '=', from)
      .execute();
    await db
      .deleteFrom('citizen_notifications as d')
      .where('d.citizen_id', '=', from)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('citizen_notifications as z')
            .select('z.id')
            .whereRef('z.event_id', '=', 'd.event_id')
            .where('z.citizen_id', '=', into),
        ),
      )
      .execute();
    await db
      .updateTable('citizen_notifications')
      .set({ citizen_id: into })
      .where('citizen_id', '=', from)
      .execute();

    const cancelledBookings = await cancelDoubleBookings(db, from, into, now);
    const bookings = await moveKeyedRows(db, 'bookings', from, into);
    await db.updateTable('tickets').set({ citizen_id: into }).where('citizen_id', '=', from).execute();
    await db.updateTable('api_clients').set({ citizen_id: into }).where('citizen_id', '=', from).execute();
    // Not moved: whoever holds one of these holds only the anonymous identity, and the sign-in answers with a
    // token of the Zalo one.
    const revokedTokens = count(
      await db.deleteFrom('citizen_tokens').where('citizen_id', '=', from).executeTakeFirst(),
    );

    // Fails (and rolls everything back) if anything still points at `from`.
    await db.deleteFrom('citizens').where('id', '=', from).execute();
    return { reports, bookings, cancelledBookings, revokedTokens };
  }

  /** For each field and day both hold a confirmed booking for, cancels the later appointment (ties: later made). */
  async function cancelDoubleBookings(db: Executor, from: string, into: string, now: Date): Promise<number> {
    const pairs = await db
      .selectFrom('bookings as d')
      .innerJoin('bookings as z', (j) =>
        j.onRef('z.field_id', '=', 'd.field_id').onRef('z.day', '=', 'd.day'),
      )
      .select([
        'd.id as d_id',
        'd.slot_id as d_slot',
        'd.starts_at as d_starts',
        'd.created_at as d_created',
        'z.id as z_id',
        'z.slot_id as z_slot',
        'z.starts_at as z_starts',
        'z.created_at as z_created',
      ])
      .where('d.citizen_id', '=', from)
      .where('z.citizen_id', '=', into)
      .where('d.status', '=', 'confirmed')
      .where('z.status', '=', 'confirmed')
      .forUpdate()
      .execute();
    for (const p of pairs) {
      const keepFrom =
        p.d_starts.getTime() < p.z_starts.getTime() ||
        (p.d_starts.getTime() === p.z_starts.getTime() && p.d_created.getTime() < p.z_created.getTime());
      const [id, slot] = keepFrom ? [p.z_id, p.z_slot] : [p.d_id, p.d_slot];
      await bookingRepository.update(db, id, { status: 'cancelled', cancelled_at: now });
      await bookingRepository.releasePlace(db, slot);
    }
    return pairs.length;
  }

  return { lockCitizensForMerge, mergeCitizens };
}
export type CitizenMergeRepository = ReturnType<typeof createCitizenMergeRepository>;

/**
 * Moves a citizen's rows of a table whose idempotency keys are unique per citizen: a key both citizens used gets a
 * `:merged:<id>` suffix on the moved row first, so the move cannot collide. Returns how many rows moved.
 */
async function moveKeyedRows(
  db: Executor,
  table: 'reports' | 'bookings',
  from: string,
  into: string,
): Promise<number> {
  await sql`
    UPDATE ${sql.table(table)} AS d SET idempotency_key = d.idempotency_key || ':merged:' || d.id
    WHERE d.citizen_id = ${from}
      AND EXISTS (SELECT 1 FROM ${sql.table(table)} AS z WHERE z.idempotency_key = d.idempotency_key AND z.citizen_id = ${into})
  `.execute(db);
  return count(
    await db.updateTable(table).set({ citizen_id: into }).where('citizen_id', '=', from).executeTakeFirst(),
  );
}
