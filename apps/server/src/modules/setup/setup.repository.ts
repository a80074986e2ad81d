import type { Executor } from '../../db/executor.ts';

/** Reads of the state the first-run checklist is derived from. */
export const setupRepository = {
  /** Whether a staff member has ever made a change of this kind (audit actions starting with `prefix`). */
  async everAudited(db: Executor, prefix: string): Promise<boolean> {
    const row = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', `${prefix}%`)
      .where('actor_id', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** An active centre with at least one active counter: people can take numbers and be called. */
  async hasWorkingCentre(db: Executor): Promise<boolean> {
    const row = await db
      .selectFrom('centres as c')
      .innerJoin('counters as k', 'k.centre_id', 'c.id')
      .select('c.id')
      .where('c.active', '=', true)
      .where('k.active', '=', true)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Active staff besides administrators (dispatchers, agency and counter staff). */
  async hasStaff(db: Executor): Promise<boolean> {
    const row = await db
      .selectFrom('staff_users')
      .select('id')
      .where('active', '=', true)
      .where('role', '!=', 'admin')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
