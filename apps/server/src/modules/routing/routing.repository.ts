import type { Executor } from '../../db/executor.ts';

export interface RoutingRuleRow {
  id: string;
  category_id: string;
  category_name: string;
  commune_code: string | null;
  commune_name: string | null;
  agency_id: string;
  agency_name: string;
}

function selectRules(db: Executor) {
  return db
    .selectFrom('routing_rules as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('communes as m', 'm.code', 'r.commune_code')
    .select([
      'r.id',
      'r.category_id',
      'c.name_vi as category_name',
      'r.commune_code',
      'm.full_name as commune_name',
      'r.agency_id',
      'a.name as agency_name',
    ]);
}

export const routingRepository = {
  list(db: Executor, filter: { categoryId?: string | undefined; communeCode?: string | undefined }) {
    let q = selectRules(db);
    if (filter.categoryId) q = q.where('r.category_id', '=', filter.categoryId);
    if (filter.communeCode) q = q.where('r.commune_code', '=', filter.communeCode);
    return q.orderBy('c.sort_order').orderBy('m.full_name').execute() as Promise<RoutingRuleRow[]>;
  },

  findById(db: Executor, id: string): Promise<RoutingRuleRow | undefined> {
    return selectRules(db).where('r.id', '=', id).executeTakeFirst() as Promise<RoutingRuleRow | undefined>;
  },

  async insert(
    db: Executor,
    rule: { categoryId: string; communeCode: string | null; agencyId: string },
  ): Promise<string> {
    const row = await db
      .insertInto('routing_rules')
      .values({ category_id: rule.categoryId, commune_code: rule.communeCode, agency_id: rule.agencyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const r = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
