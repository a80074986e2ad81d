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
}

export interface StaffPatch {
  full_name?: string;
  role?: Role;
  agency_id?: string | null;
  active?: boolean;
  password_hash?: string;
  password_changed_at?: Date;
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
   * Counts a failed login atomically; on the `maxFailures`-th failure in a row the account is
   * locked until `lockUntil` and the counter starts again. Returns the lock, if one is now set.
   */
  async recordFailedLogin(
    db: Executor,
    id: string,
    maxFailures: number,
    lockUntil: Date,
  ): Promise<Date | null> {
    const row = await db
      .updateTable('staff_users')
      .set({
        failed_login_count: sql`CASE WHEN failed_login_count + 1 >= ${maxFailures} THEN 0 ELSE failed_login_count + 1 END`,
        locked_until: sql`CASE WHEN failed_login_count + 1 >= ${maxFailures} THEN ${lockUntil}::timestamptz ELSE locked_until END`,
      })
      .where('id', '=', id)
      .returning('locked_until')
      .executeTakeFirst();
    return row?.locked_until ?? null;
  },

  async recordSuccessfulLogin(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .updateTable('staff_users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
      .where('id', '=', id)
      .execute();
  },

  /** Active admins other than `exceptId`, row-locked so two demotions cannot both pass the check. */
  async lockOtherActiveAdmins(db: Executor, exceptId: string): Promise<number> {
    const rows = await db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .where('id', '!=', exceptId)
      .forUpdate()
      .execute();
    return rows.length;
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
