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

  /**
   * Marks the one-time seeding of the default rules as done; true only for the first caller ever (a concurrent
   * one waits on the key and gets false), so rules an admin deleted are never created again.
   */
  async claimDefaults(db: Executor, mark: string, now: Date): Promise<boolean> {
    const row = await db
      .insertInto('reference_imports')
      .values({ name: mark, sha256: '-', loaded_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name')
      .executeTakeFirst();
    return row !== undefined;
  },

  async isEmpty(db: Executor): Promise<boolean> {
    return (await db.selectFrom('routing_rules').select('id').limit(1).executeTakeFirst()) === undefined;
  },

  /** For each commune, its People's Committee receives the given categories' reports. Returns rules added. */
  async insertCommuneDefaults(db: Executor, categoryCodes: string[]): Promise<number> {
    if (categoryCodes.length === 0) return 0;
    const added = await db
      .insertInto('routing_rules')
      .columns(['category_id', 'commune_code', 'agency_id'])
      .expression(
        db
          .selectFrom('categories as c')
          .innerJoin('agencies as a', (j) =>
            j.on('a.kind', '=', 'commune_committee').on('a.active', '=', true),
          )
          .select(['c.id', 'a.commune_code', 'a.id as agency_id'])
          .where('c.code', 'in', categoryCodes)
          .where('a.commune_code', 'is not', null),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(added.numInsertedOrUpdatedRows ?? 0);
  },
};
