import type { Executor } from '../../db/executor.ts';

/** The queries of numbers taken from the phone ("Lấy số từ xa") beyond the queue's own. */
export const remoteTicketRepository = {
  ticketByKey(db: Executor, citizenId: string, key: string) {
    return db
      .selectFrom('tickets')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  /**
   * Takes one of a field's remote numbers for the day if any is left: one conditional upsert, so concurrent
   * requests for the last place cannot both get it.
   */
  async takeRemotePlace(db: Executor, fieldId: string, day: string, cap: number): Promise<boolean> {
    const row = await db
      .insertInto('ticket_counters')
      .values({ field_id: fieldId, day, last: 0, remote: 1 })
      .onConflict((oc) =>
        oc
          .columns(['field_id', 'day'])
          .doUpdateSet((eb) => ({ remote: eb('ticket_counters.remote', '+', 1) }))
          .where('ticket_counters.remote', '<', cap),
      )
      .returning('remote')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Remote numbers given out per field of a centre today. */
  remoteTaken(db: Executor, centreId: string, day: string) {
    return db
      .selectFrom('ticket_counters as tc')
      .innerJoin('service_fields as f', 'f.id', 'tc.field_id')
      .select(['tc.field_id', 'tc.remote'])
      .where('f.centre_id', '=', centreId)
      .where('tc.day', '=', day)
      .execute();
  },

  /** A citizen's numbers of a day still waiting or being called, newest first. */
  liveOfCitizen(db: Executor, citizenId: string, day: string) {
    return db
      .selectFrom('tickets')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('day', '=', day)
      .where('status', 'in', ['waiting', 'called'])
      .orderBy('created_at', 'desc')
      .execute();
  },
};
