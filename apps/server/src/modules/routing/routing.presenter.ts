import type { RoutingRule } from '@dltt/contracts';
import type { RoutingRuleRow } from './routing.repository.ts';

export function presentRoutingRule(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    categoryId: row.category_id,
    categoryName: row.category_name,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
  };
}
