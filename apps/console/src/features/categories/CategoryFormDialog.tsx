import type { Category, CategoryIcon } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { CATEGORY_ICONS, CODE_PATTERN, WORKING_HOURS_PER_DAY } from '../../app/domain.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { categoriesApi } from './categories.api.ts';
import { workingDays } from './deadline.ts';

const HOURS = { min: 1, max: 2000 };
const SORT = { min: 0, max: 1000 };

function asIcon(value: string): CategoryIcon | '' {
  return CATEGORY_ICONS.find((i) => i === value) ?? '';
}

function intIn(value: string, range: { min: number; max: number }): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= range.min && n <= range.max ? n : null;
}

interface CategoryFormDialogProps {
  category?: Category;
  /** Used as the default order of a new category (after the last one). */
  nextSortOrder: number;
  onSaved(category: Category, created: boolean): void;
  onCancel(): void;
}

export function CategoryFormDialog({ category, nextSortOrder, onSaved, onCancel }: CategoryFormDialogProps) {
  const { t } = useTranslation();
  const form = useDialogForm({
    initial: {
      code: category?.code ?? '',
      nameVi: category?.nameVi ?? '',
      nameEn: category?.nameEn ?? '',
      icon: category?.icon ?? ('' as CategoryIcon | ''),
      hours: String(category?.defaultDeadlineHours ?? 40),
      sortOrder: String(category?.sortOrder ?? nextSortOrder),
      active: category?.active ?? true,
      requiresAfterPhoto: category?.requiresAfterPhoto ?? false,
    },
    validate: (v) => ({
      code: !category && !CODE_PATTERN.test(v.code.trim().toLowerCase()) ? t('validation.code') : undefined,
      nameVi: v.nameVi.trim() ? undefined : t('validation.required'),
      nameEn: v.nameEn.trim() ? undefined : t('validation.required'),
      icon: v.icon ? undefined : t('validation.chooseOne'),
      hours: intIn(v.hours, HOURS) === null ? t('validation.integerRange', HOURS) : undefined,
      sortOrder: intIn(v.sortOrder, SORT) === null ? t('validation.integerRange', SORT) : undefined,
    }),
    fieldOfCode: { CATEGORY_CODE_TAKEN: 'code' },
    save: async (v) => {
      const hours = intIn(v.hours, HOURS);
      const sortOrder = intIn(v.sortOrder, SORT);
      if (!v.icon || hours === null || sortOrder === null) return;
      const fields = {
        nameVi: v.nameVi.trim(),
        nameEn: v.nameEn.trim(),
        icon: v.icon,
        defaultDeadlineHours: hours,
        requiresAfterPhoto: v.requiresAfterPhoto,
        sortOrder,
      };
      if (category) onSaved(await categoriesApi.update(category.id, { ...fields, active: v.active }), false);
      else onSaved(await categoriesApi.create({ code: v.code.trim().toLowerCase(), ...fields }), true);
    },
  });
  const hoursValue = intIn(form.values.hours, HOURS);

  return (
    <DialogForm
      title={category ? t('categories.editTitle') : t('categories.createTitle')}
      form={form}
      onCancel={onCancel}
    >
      {category ? (
        <p className="muted">
          {t('categories.code')}: <strong>{category.code}</strong>
        </p>
      ) : (
        <TextField
          label={t('categories.code')}
          {...form.field('code')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          hint={t('categories.codeHint')}
        />
      )}
      <TextField
        label={t('categories.nameVi')}
        {...form.field('nameVi')}
        required
        autoComplete="off"
        maxLength={120}
      />
      <TextField
        label={t('categories.nameEn')}
        {...form.field('nameEn')}
        required
        autoComplete="off"
        maxLength={120}
      />
      <SelectField
        label={t('categories.icon')}
        value={form.values.icon}
        onChange={(v) => form.set('icon', asIcon(v))}
        options={CATEGORY_ICONS.map((i) => ({ value: i, label: `${i} — ${t(`categoryIcons.${i}`)}` }))}
        placeholder={t('categories.chooseIcon')}
        required
        error={form.errors.icon}
      />
      <TextField
        label={t('categories.deadlineLabel')}
        type="number"
        {...form.field('hours')}
        required
        min={HOURS.min}
        max={HOURS.max}
        hint={
          hoursValue === null
            ? undefined
            : t('categories.deadlineHint', {
                count: hoursValue / WORKING_HOURS_PER_DAY,
                days: workingDays(hoursValue),
              })
        }
      />
      <TextField
        label={t('categories.sortOrderLabel')}
        type="number"
        {...form.field('sortOrder')}
        required
        min={SORT.min}
        max={SORT.max}
      />
      <CheckboxField
        label={t('categories.requiresAfterPhotoLabel')}
        checked={form.values.requiresAfterPhoto}
        onChange={(v) => form.set('requiresAfterPhoto', v)}
        hint={t('categories.requiresAfterPhotoHint')}
      />
      {category ? (
        <CheckboxField
          label={t('categories.activeLabel')}
          checked={form.values.active}
          onChange={(v) => form.set('active', v)}
        />
      ) : null}
    </DialogForm>
  );
}
