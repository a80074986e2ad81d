import { z } from 'zod';
import { Text } from './common.ts';
import { CATEGORY_ICONS, CODE_PATTERN } from './constants.ts';

export const CategoryIcon = z.enum(CATEGORY_ICONS);
export type CategoryIcon = z.infer<typeof CategoryIcon>;

export const Category = z.object({
  id: z.uuid(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  icon: CategoryIcon,
  /** Default time to resolve a report, in working hours (8 working hours = 1 working day). */
  defaultDeadlineHours: z.number().int(),
  /** A resolution must carry at least one after-photo (verifiable closure). */
  requiresAfterPhoto: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const CreateCategoryBody = z.object({
  code: z.string().trim().toLowerCase().regex(CODE_PATTERN),
  nameVi: Text(120),
  nameEn: Text(120),
  icon: CategoryIcon,
  defaultDeadlineHours: z.number().int().min(1).max(2000),
  requiresAfterPhoto: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(1000).default(100),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = CreateCategoryBody.omit({ code: true })
  .extend({ active: z.boolean() })
  .partial();
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

const Hours = z.number().int().min(1).max(2000);
/** Working hours to accept and to resolve a report of a category, per priority. */
export const DeadlinePair = z
  .object({ acceptHours: Hours, resolveHours: Hours })
  .refine((p) => p.resolveHours >= p.acceptHours, {
    message: 'resolveHours must not be shorter than acceptHours',
    path: ['resolveHours'],
  });
export const CategoryDeadlines = z.object({
  urgent: DeadlinePair,
  normal: DeadlinePair,
  complex: DeadlinePair,
});
export type CategoryDeadlines = z.infer<typeof CategoryDeadlines>;
/** The deadlines in force, and whether an admin set them (else the defaults from the category's hours). */
export const CategoryDeadlinesView = CategoryDeadlines.extend({ custom: z.boolean() });
export type CategoryDeadlinesView = z.infer<typeof CategoryDeadlinesView>;
