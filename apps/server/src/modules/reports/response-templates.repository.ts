import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { ResponseTemplatesTable } from '../../db/types.ts';

export type ResponseTemplateRow = Selectable<ResponseTemplatesTable>;

export const responseTemplateRepository = {
  /** Templates of a category plus those for every category; all of them without a category filter. */
  list(db: Executor, categoryId: string | undefined): Promise<ResponseTemplateRow[]> {
    let q = db.selectFrom('response_templates').selectAll();
    if (categoryId)
      q = q.where((eb) => eb.or([eb('category_id', '=', categoryId), eb('category_id', 'is', null)]));
    return q.orderBy('title').execute();
  },

  find(db: Executor, id: string): Promise<ResponseTemplateRow | undefined> {
    return db.selectFrom('response_templates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, values: Insertable<ResponseTemplatesTable>): Promise<ResponseTemplateRow> {
    return db.insertInto('response_templates').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(
    db: Executor,
    id: string,
    values: Updateable<ResponseTemplatesTable>,
  ): Promise<ResponseTemplateRow | undefined> {
    return db
      .updateTable('response_templates')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('response_templates').where('id', '=', id).execute();
  },
};
