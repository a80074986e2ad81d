import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { CategoriesTable } from '../../db/types.ts';

export type CategoryRow = Selectable<CategoriesTable>;

export const categoryRepository = {
  findByCode(db: Executor, code: string): Promise<CategoryRow | undefined> {
    return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
  },

  list(db: Executor, opts: { activeOnly: boolean }): Promise<CategoryRow[]> {
    let q = db.selectFrom('categories').selectAll();
    if (opts.activeOnly) q = q.where('active', '=', true);
    return q.orderBy('sort_order').orderBy('name_vi').execute();
  },

  findById(db: Executor, id: string): Promise<CategoryRow | undefined> {
    return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, values: Insertable<CategoriesTable>): Promise<CategoryRow> {
    return db.insertInto('categories').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, patch: Updateable<CategoriesTable>): Promise<CategoryRow | undefined> {
    return db.updateTable('categories').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
  },

  /** Reference seeding: adds missing categories, never overwrites what admins edited. */
  async insertMissing(db: Executor, rows: Insertable<CategoriesTable>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const r = await db
      .insertInto('categories')
      .values(rows)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  },
};
export type CategoryRepository = typeof categoryRepository;
