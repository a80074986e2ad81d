import type { CreateRoutingRuleBody, RoutingRule } from '@dltt/contracts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AgencyRepository } from '../agencies/agencies.repository.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CategoryRepository } from '../categories/categories.repository.ts';
import type { CommuneRepository } from '../communes/communes.repository.ts';
import { presentRoutingRule } from './routing.presenter.ts';
import { routingRepository } from './routing.repository.ts';

/**
 * Who receives a report: the rule table (category x commune -> agency), else the provincial dispatcher. The rules
 * are applied where a report is filed, in the database function file_report (migration 0016).
 */
export function createRoutingService(deps: {
  db: Executor;
  audit: AuditService;
  agencyRepository: Pick<AgencyRepository, 'findById'>;
  categoryRepository: Pick<CategoryRepository, 'findById'>;
  communeRepository: Pick<CommuneRepository, 'findByCode'>;
}) {
  const { db, audit, agencyRepository, categoryRepository, communeRepository } = deps;
  return {
    async list(filter: {
      categoryId?: string | undefined;
      communeCode?: string | undefined;
    }): Promise<RoutingRule[]> {
      return (await routingRepository.list(db, filter)).map(presentRoutingRule);
    },

    async create(actor: Actor, body: CreateRoutingRuleBody): Promise<RoutingRule> {
      if (!(await categoryRepository.findById(db, body.categoryId))) throw new AppError('CATEGORY_NOT_FOUND');
      const agency = await agencyRepository.findById(db, body.agencyId);
      if (!agency) throw new AppError('AGENCY_NOT_FOUND');
      if (!agency.active) throw new AppError('AGENCY_INACTIVE');
      if (body.communeCode && !(await communeRepository.findByCode(db, body.communeCode))) {
        throw new AppError('COMMUNE_NOT_FOUND');
      }
      try {
        const id = await db.transaction().execute(async (trx) => {
          const newId = await routingRepository.insert(trx, body);
          const row = await routingRepository.findById(trx, newId);
          await audit.record(trx, actor, {
            action: 'routing_rule.create',
            entityType: 'routing_rule',
            entityId: newId,
            after: row ? presentRoutingRule(row) : null,
          });
          return newId;
        });
        const row = await routingRepository.findById(db, id);
        if (!row) throw new AppError('ROUTING_RULE_NOT_FOUND');
        return presentRoutingRule(row);
      } catch (error) {
        if (isUniqueViolation(error, 'routing_rules_key')) throw new AppError('ROUTING_RULE_EXISTS');
        throw error;
      }
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await routingRepository.findById(trx, id);
        if (!before || !(await routingRepository.delete(trx, id)))
          throw new AppError('ROUTING_RULE_NOT_FOUND');
        await audit.record(trx, actor, {
          action: 'routing_rule.delete',
          entityType: 'routing_rule',
          entityId: id,
          before: presentRoutingRule(before),
        });
      });
    },
  };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
