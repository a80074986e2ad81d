import { type Category, CategoryIcon } from '@dltt/contracts';
import type { CategoryRow } from './categories.repository.ts';

export function presentCategory(row: CategoryRow): Category {
  const icon = CategoryIcon.safeParse(row.icon);
  return {
    id: row.id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    icon: icon.success ? icon.data : 'other',
    defaultDeadlineHours: row.default_deadline_hours,
    requiresAfterPhoto: row.requires_after_photo,
    sortOrder: row.sort_order,
    active: row.active,
  };
}
