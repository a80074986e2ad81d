import type { AgencyListQuery } from '@dltt/contracts';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { AgenciesTable } from '../../db/types.ts';

export type AgencyRow = Selectable<AgenciesTable>;

export const agencyRepository = {
  findById(db: Executor, id: string): Promise<AgencyRow | undefined> {
    return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(db: Executor, q: AgencyListQuery): Promise<{ rows: AgencyRow[]; total: number }> {
    let base = db.selectFrom('agencies');
    if (q.kind) base = base.where('kind', '=', q.kind);
    if (q.communeCode) base = base.where('commune_code', '=', q.communeCode);
    if (q.active) base = base.where('active', '=', q.active === 'true');
    if (q.q) {
      // Diacritic-insensitive: "ea kar" finds "Ea Kar", "dak" finds "Đắk" (trigram index on the same expression).
      const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      base = base.where(sql`lower(f_unaccent(name))`, 'like', sql`f_unaccent(${pattern})`);
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('kind')
        .orderBy('name')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  async insert(db: Executor, values: Insertable<AgenciesTable>): Promise<AgencyRow> {
    return db.insertInto('agencies').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Executor, id: string, patch: Updateable<AgenciesTable>): Promise<AgencyRow | undefined> {
    return db.updateTable('agencies').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
  },

  /** Reference seeding: adds missing agencies, never overwrites what admins edited. */
  async insertMissing(db: Executor, rows: Insertable<AgenciesTable>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const r = await db
      .insertInto('agencies')
      .values(rows)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  },
};
export type AgencyRepository = typeof agencyRepository;
