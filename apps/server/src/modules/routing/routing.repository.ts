import { sql } from 'kysely';
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
  /**
   * The agency for a category in a commune: the commune's own rule wins over the province-wide one
   * (NULL commune). Inactive agencies never receive reports.
   */
  async findAgency(db: Executor, categoryId: string, communeCode: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('routing_rules as r')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select('r.agency_id')
      .where('r.category_id', '=', categoryId)
      .where((eb) => eb.or([eb('r.commune_code', '=', communeCode), eb('r.commune_code', 'is', null)]))
      .where('a.active', '=', true)
      .orderBy((eb) => eb('r.commune_code', 'is', null))
      .executeTakeFirst();
    return row?.agency_id;
  },

  /**
   * Where a report goes, in one query: the commune's rule, else the province-wide rule, else the provincial
   * dispatcher (findAgency and dispatcherAgency in one round trip, for the submission path).
   */
  async routeTo(db: Executor, categoryId: string, communeCode: string): Promise<string | undefined> {
    const row = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('routing_rules as r')
          .innerJoin('agencies as a', 'a.id', 'r.agency_id')
          .select([
            'r.agency_id as id',
            sql<number>`case when r.commune_code is null then 1 else 0 end`.as('rank'),
          ])
          .where('r.category_id', '=', categoryId)
          .where((w) => w.or([w('r.commune_code', '=', communeCode), w('r.commune_code', 'is', null)]))
          .where('a.active', '=', true)
          .unionAll(
            eb
              .selectFrom('agencies')
              .select(['id', sql<number>`2`.as('rank')])
              .where('kind', '=', 'dispatcher')
              .where('active', '=', true),
          )
          .as('c'),
      )
      .select('c.id')
      .orderBy('c.rank')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  },

  /** The provincial dispatcher: where unmatched reports go. */
  async dispatcherAgency(db: Executor): Promise<string | undefined> {
    const row = await db
      .selectFrom('agencies')
      .select('id')
      .where('kind', '=', 'dispatcher')
      .where('active', '=', true)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.id;
  },

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
