import type { Role, StaffUserListQuery } from '@dltt/contracts';
import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { StaffUsersTable } from '../../db/types.ts';

export type StaffRow = Selectable<StaffUsersTable> & { agency_name: string | null };

function selectStaff(db: Executor) {
  return db
    .selectFrom('staff_users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .selectAll('u')
    .select('a.name as agency_name');
}

export interface StaffInsert {
  username: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  passwordHash: string;
  /** Someone other than the owner chose the password. */
  mustChangePassword: boolean;
}

export interface StaffPatch {
  full_name?: string;
  role?: Role;
  agency_id?: string | null;
  active?: boolean;
  password_hash?: string;
  password_changed_at?: Date;
  must_change_password?: boolean;
  failed_login_count?: number;
  locked_until?: Date | null;
}

export const staffRepository = {
  findById(db: Executor, id: string): Promise<StaffRow | undefined> {
    return selectStaff(db).where('u.id', '=', id).executeTakeFirst();
  },

  findByUsername(db: Executor, username: string): Promise<StaffRow | undefined> {
    return selectStaff(db)
      .where(sql<string>`lower(u.username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  },

  async list(db: Executor, q: StaffUserListQuery): Promise<{ rows: StaffRow[]; total: number }> {
    let base = db.selectFrom('staff_users as u').leftJoin('agencies as a', 'a.id', 'u.agency_id');
    if (q.role) base = base.where('u.role', '=', q.role);
    if (q.agencyId) base = base.where('u.agency_id', '=', q.agencyId);
    if (q.q) {
      const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      base = base.where((eb) =>
        eb.or([
          eb(sql`lower(f_unaccent(u.username))`, 'like', sql`f_unaccent(${pattern})`),
          eb(sql`lower(f_unaccent(u.full_name))`, 'like', sql`f_unaccent(${pattern})`),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll('u')
        .select('a.name as agency_name')
        .orderBy('u.username')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  async insert(db: Executor, s: StaffInsert): Promise<string> {
    const row = await db
      .insertInto('staff_users')
      .values({
        username: s.username,
        full_name: s.fullName,
        role: s.role,
        agency_id: s.agencyId,
        password_hash: s.passwordHash,
        must_change_password: s.mustChangePassword,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Executor, id: string, patch: StaffPatch, now: Date): Promise<void> {
    await db
      .updateTable('staff_users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  /**
   * Claims one sign-in attempt before the password is checked, so parallel guesses cannot outrun the
   * lockout: the attempt counter goes up at once, and the attempt past `maxFailures` locks the account
   * until `lockUntil`. Returns null when the account is already locked (nothing was claimed), else the
   * attempt's number and whether this claim set the lock.
   */
  async claimLoginAttempt(
    db: Executor,
    id: string,
    now: Date,
    maxFailures: number,
    lockUntil: Date,
  ): Promise<{ attempt: number; locked: boolean } | null> {
    const row = await db
      .updateTable('staff_users')
      .set({
        failed_login_count: sql`CASE WHEN failed_login_count + 1 > ${maxFailures} THEN 0 ELSE failed_login_count + 1 END`,
        locked_until: sql`CASE WHEN failed_login_count + 1 > ${maxFailures} THEN ${lockUntil}::timestamptz ELSE NULL END`,
      })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning(['failed_login_count', 'locked_until'])
      .executeTakeFirst();
    if (!row) return null;
    return { attempt: row.failed_login_count, locked: row.locked_until !== null };
  },

  async lock(db: Executor, id: string, lockUntil: Date): Promise<void> {
    await db
      .updateTable('staff_users')
      .set({ failed_login_count: 0, locked_until: lockUntil })
      .where('id', '=', id)
      .execute();
  },

  /** Clears the attempt counter after a right password, unless a parallel attempt locked the account meanwhile. */
  async recordSuccessfulLogin(db: Executor, id: string, now: Date, setLastLogin: boolean): Promise<boolean> {
    const row = await db
      .updateTable('staff_users')
      .set({ failed_login_count: 0, locked_until: null, ...(setLastLogin ? { last_login_at: now } : {}) })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async lockedUntil(db: Executor, id: string): Promise<Date | null> {
    const row = await db
      .selectFrom('staff_users')
      .select('locked_until')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.locked_until ?? null;
  },

  /**
   * Row-locks every active admin, always in id order, so concurrent changes to admins queue up instead of
   * deadlocking; returns their ids. Call it first in a transaction that may remove an admin.
   */
  async lockActiveAdmins(db: Executor): Promise<string[]> {
    const rows = await db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .orderBy('id')
      .forUpdate()
      .execute();
    return rows.map((r) => r.id);
  },

  findByIdForUpdate(db: Executor, id: string): Promise<StaffRow | undefined> {
    return selectStaff(db).where('u.id', '=', id).forUpdate('u').executeTakeFirst();
  },

  /** Serialises first-start bootstrapping across processes starting together (transaction-scoped lock). */
  async lockBootstrap(db: Executor): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(7202502)`.execute(db);
  },

  async anyAdmin(db: Executor): Promise<boolean> {
    const row = await db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'admin')
      .executeTakeFirst();
    return row !== undefined;
  },
};
export type StaffRepository = typeof staffRepository;
