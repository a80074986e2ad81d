import type { ResponseTemplate, ResponseTemplateBody } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CategoryRepository } from '../categories/categories.repository.ts';
import {
  type ResponseTemplateRow,
  responseTemplateRepository as repo,
} from './response-templates.repository.ts';

const present = (r: ResponseTemplateRow): ResponseTemplate => ({
  id: r.id,
  categoryId: r.category_id,
  title: r.title,
  body: r.body,
});

/** Answers officers start from when they resolve or reject a report, per category. */
export function createResponseTemplateService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  categoryRepository: Pick<CategoryRepository, 'findById'>;
}) {
  const { db, clock, audit, categoryRepository } = deps;

  async function checkCategory(executor: Executor, categoryId: string | null) {
    if (categoryId && !(await categoryRepository.findById(executor, categoryId)))
      throw new AppError('CATEGORY_NOT_FOUND');
  }

  return {
    async list(categoryId: string | undefined): Promise<ResponseTemplate[]> {
      return (await repo.list(db, categoryId)).map(present);
    },

    create(actor: Actor, body: ResponseTemplateBody): Promise<ResponseTemplate> {
      return db.transaction().execute(async (trx) => {
        await checkCategory(trx, body.categoryId);
        const row = await repo.insert(trx, {
          category_id: body.categoryId,
          title: body.title,
          body: body.body,
        });
        const after = present(row);
        await audit.record(trx, actor, {
          action: 'response_template.create',
          entityType: 'response_template',
          entityId: row.id,
          after,
        });
        return after;
      });
    },

    update(actor: Actor, id: string, body: ResponseTemplateBody): Promise<ResponseTemplate> {
      return db.transaction().execute(async (trx) => {
        const before = await repo.find(trx, id);
        if (!before) throw new AppError('TEMPLATE_NOT_FOUND');
        await checkCategory(trx, body.categoryId);
        const row = await repo.update(trx, id, {
          category_id: body.categoryId,
          title: body.title,
          body: body.body,
          updated_at: clock.now(),
        });
        if (!row) throw new AppError('TEMPLATE_NOT_FOUND');
        const after = present(row);
        await audit.record(trx, actor, {
          action: 'response_template.update',
          entityType: 'response_template',
          entityId: id,
          before: present(before),
          after,
        });
        return after;
      });
    },

    remove(actor: Actor, id: string): Promise<void> {
      return db.transaction().execute(async (trx) => {
        const before = await repo.find(trx, id);
        if (!before) throw new AppError('TEMPLATE_NOT_FOUND');
        await repo.delete(trx, id);
        await audit.record(trx, actor, {
          action: 'response_template.delete',
          entityType: 'response_template',
          entityId: id,
          before: present(before),
        });
      });
    },
  };
}
export type ResponseTemplateService = ReturnType<typeof createResponseTemplateService>;
