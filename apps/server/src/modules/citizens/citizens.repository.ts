import type { Executor } from '../../db/executor.ts';

export const citizenRepository = {
  async create(db: Executor): Promise<string> {
    const row = await db.insertInto('citizens').defaultValues().returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async addToken(db: Executor, citizenId: string, tokenHash: Buffer, now: Date): Promise<void> {
    await db
      .insertInto('citizen_tokens')
      .values({ token_hash: tokenHash, citizen_id: citizenId, created_at: now, last_seen_at: now })
      .execute();
  },

  async findByToken(
    db: Executor,
    tokenHash: Buffer,
  ): Promise<{ citizenId: string; lastSeenAt: Date } | undefined> {
    const row = await db
      .selectFrom('citizen_tokens')
      .select(['citizen_id', 'last_seen_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { citizenId: row.citizen_id, lastSeenAt: row.last_seen_at };
  },

  /** Revokes one bearer token. */
  async deleteToken(db: Executor, tokenHash: Buffer): Promise<void> {
    await db.deleteFrom('citizen_tokens').where('token_hash', '=', tokenHash).execute();
  },

  async touchToken(db: Executor, tokenHash: Buffer, now: Date): Promise<void> {
    await db
      .updateTable('citizen_tokens')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
};
export type CitizenRepository = typeof citizenRepository;

/** A citizen row as identity code needs it (never leaves the server as is). */
export interface CitizenIdentityRow {
  id: string;
  zalo_id: string | null;
}

/** Queries of the Zalo side of a citizen's identity. */
export const citizenZaloRepository = {
  /** The citizen of a Zalo user, without a lock (to know which locks to take first). */
  async findIdByZaloId(db: Executor, zaloId: string): Promise<string | undefined> {
    const row = await db.selectFrom('citizens').select('id').where('zalo_id', '=', zaloId).executeTakeFirst();
    return row?.id;
  },

  /** The citizen of a Zalo user, row-locked for the rest of the transaction. */
  async lockByZaloId(db: Executor, zaloId: string): Promise<CitizenIdentityRow | undefined> {
    return db
      .selectFrom('citizens')
      .select(['id', 'zalo_id'])
      .where('zalo_id', '=', zaloId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** The citizen row, locked; undefined once it is gone (merged away by a concurrent sign-in). */
  async lock(db: Executor, citizenId: string): Promise<CitizenIdentityRow | undefined> {
    return db
      .selectFrom('citizens')
      .select(['id', 'zalo_id'])
      .where('id', '=', citizenId)
      .forUpdate()
      .executeTakeFirst();
  },

  async find(db: Executor, citizenId: string): Promise<CitizenIdentityRow | undefined> {
    return db.selectFrom('citizens').select(['id', 'zalo_id']).where('id', '=', citizenId).executeTakeFirst();
  },

  /**
   * A new citizen for a Zalo user; undefined when a concurrent sign-in created it first (the unique zalo_id
   * decides, the caller reads that one).
   */
  async createForZalo(db: Executor, zaloId: string, now: Date): Promise<string | undefined> {
    const row = await db
      .insertInto('citizens')
      .values({ zalo_id: zaloId, zalo_linked_at: now })
      .onConflict((oc) => oc.column('zalo_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  },

  /** Ties an anonymous citizen to a Zalo user; false when it already has a Zalo id. */
  async link(db: Executor, citizenId: string, zaloId: string, now: Date): Promise<boolean> {
    const r = await db
      .updateTable('citizens')
      .set({ zalo_id: zaloId, zalo_linked_at: now })
      .where('id', '=', citizenId)
      .where('zalo_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async setPhone(db: Executor, citizenId: string, phone: string, now: Date): Promise<void> {
    await db
      .updateTable('citizens')
      .set({ zalo_phone: phone, zalo_phone_verified_at: now })
      .where('id', '=', citizenId)
      .execute();
  },
};
export type CitizenZaloRepository = typeof citizenZaloRepository;
