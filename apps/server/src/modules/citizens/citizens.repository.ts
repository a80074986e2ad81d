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

  async touchToken(db: Executor, tokenHash: Buffer, now: Date): Promise<void> {
    await db
      .updateTable('citizen_tokens')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
};
