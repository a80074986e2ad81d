import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { StaffSessionsTable, StaffUsersTable } from '../../db/types.ts';

export type SessionWithUser = Pick<Selectable<StaffSessionsTable>, 'id' | 'last_seen_at' | 'expires_at'> &
  Pick<Selectable<StaffUsersTable>, 'username' | 'role' | 'agency_id' | 'must_change_password'> & {
    user_id: string;
  };

/** Staff sessions: stored by the SHA-256 of the cookie token, so a database leak yields no usable cookie. */
export const sessionRepository = {
  async create(
    db: Executor,
    s: {
      tokenHash: Buffer;
      userId: string;
      now: Date;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<string> {
    const row = await db
      .insertInto('staff_sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        created_at: s.now,
        last_seen_at: s.now,
        expires_at: s.expiresAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** The live session for a token: not expired, and its user still active. */
  async findLive(db: Executor, tokenHash: Buffer, now: Date): Promise<SessionWithUser | undefined> {
    return db
      .selectFrom('staff_sessions as s')
      .innerJoin('staff_users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.last_seen_at',
        's.expires_at',
        'u.username',
        'u.role',
        'u.agency_id',
        'u.must_change_password',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .where('u.active', '=', true)
      .executeTakeFirst();
  },

  async touch(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
    await db
      .updateTable('staff_sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
  },

  /** Ends every session of a user, optionally keeping one (the one that changed the password). */
  async deleteForUser(db: Executor, userId: string, keepSessionId?: string): Promise<void> {
    let q = db.deleteFrom('staff_sessions').where('user_id', '=', userId);
    if (keepSessionId) q = q.where('id', '!=', keepSessionId);
    await q.execute();
  },

  async deleteExpired(db: Executor, now: Date): Promise<number> {
    const r = await db.deleteFrom('staff_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
export type SessionRepository = typeof sessionRepository;
