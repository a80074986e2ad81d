import type {
  Category,
  CategoryDeadlines,
  CategoryDeadlinesView,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { presentCategory } from './categories.presenter.ts';
import { categoryRepository } from './categories.repository.ts';

export function createCategoryService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  calendar: CalendarService;
}) {
  const { db, clock, audit } = deps;
  return {
    async list(opts: { activeOnly: boolean }): Promise<Category[]> {
      return (await categoryRepository.list(db, opts)).map(presentCategory);
    },

    async create(actor: Actor, body: CreateCategoryBody): Promise<Category> {
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await categoryRepository.insert(trx, {
            code: body.code,
            name_vi: body.nameVi,
            name_en: body.nameEn,
            icon: body.icon,
            default_deadline_hours: body.defaultDeadlineHours,
            requires_after_photo: body.requiresAfterPhoto,
            sort_order: body.sortOrder,
          });
          const after = presentCategory(row);
          await audit.record(trx, actor, {
            action: 'category.create',
            entityType: 'category',
            entityId: row.id,
            after,
          });
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'categories_code_key')) throw new AppError('CATEGORY_CODE_TAKEN');
        throw error;
      }
    },

    async update(actor: Actor, id: string, body: UpdateCategoryBody): Promise<Category> {
      const updated = await db.transaction().execute(async (trx) => {
        const before = await categoryRepository.findById(trx, id);
        if (!before) throw new AppError('CATEGORY_NOT_FOUND');
        const row = await categoryRepository.update(trx, id, {
          name_vi: body.nameVi,
          name_en: body.nameEn,
          icon: body.icon,
          default_deadline_hours: body.defaultDeadlineHours,
          requires_after_photo: body.requiresAfterPhoto,
          sort_order: body.sortOrder,
          active: body.active,
          updated_at: clock.now(),
        });
        if (!row) throw new AppError('CATEGORY_NOT_FOUND');
        const after = presentCategory(row);
        await audit.record(trx, actor, {
          action: 'category.update',
          entityType: 'category',
          entityId: id,
          before: presentCategory(before),
          after,
        });
        return after;
      });
      // Its default deadline hours may have changed: new reports must not use the kept ones.
      deps.calendar.categoryChanged();
      return updated;
    },

    /** Time to accept and to resolve, per priority (working hours). */
    async deadlines(id: string): Promise<CategoryDeadlinesView> {
      const category = await categoryRepository.findById(db, id);
      if (!category) throw new AppError('CATEGORY_NOT_FOUND');
      return deps.calendar.categoryDeadlines(category);
    },

    async setDeadlines(actor: Actor, id: string, body: CategoryDeadlines): Promise<CategoryDeadlinesView> {
      const category = await categoryRepository.findById(db, id);
      if (!category) throw new AppError('CATEGORY_NOT_FOUND');
      return deps.calendar.setCategoryDeadlines(actor, category, body);
    },
  };
}
export type CategoryService = ReturnType<typeof createCategoryService>;
