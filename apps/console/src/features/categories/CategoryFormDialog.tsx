import type { Category, CategoryIcon } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { CATEGORY_ICONS, CODE_PATTERN, WORKING_HOURS_PER_DAY } from '../../app/domain.ts';
import { Dialog } from '../../components/Dialog.tsx';
import {
  CheckboxField,
  FormError,
  focusFirstInvalid,
  SelectField,
  TextField,
} from '../../components/Fields.tsx';
import { categoriesApi } from './categories.api.ts';
import { workingDays } from './deadline.ts';

type Field = 'code' | 'nameVi' | 'nameEn' | 'icon' | 'hours' | 'sortOrder';

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
  const formRef = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState(category?.code ?? '');
  const [nameVi, setNameVi] = useState(category?.nameVi ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [icon, setIcon] = useState<CategoryIcon | ''>(category?.icon ?? '');
  const [hours, setHours] = useState(String(category?.defaultDeadlineHours ?? 40));
  const [sortOrder, setSortOrder] = useState(String(category?.sortOrder ?? nextSortOrder));
  const [active, setActive] = useState(category?.active ?? true);
  const [requiresAfterPhoto, setRequiresAfterPhoto] = useState(category?.requiresAfterPhoto ?? false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const hoursValue = intIn(hours, HOURS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!category && !CODE_PATTERN.test(code.trim().toLowerCase())) found.code = t('validation.code');
    if (!nameVi.trim()) found.nameVi = t('validation.required');
    if (!nameEn.trim()) found.nameEn = t('validation.required');
    if (!icon) found.icon = t('validation.chooseOne');
    const sortValue = intIn(sortOrder, SORT);
    if (hoursValue === null) found.hours = t('validation.integerRange', HOURS);
    if (sortValue === null) found.sortOrder = t('validation.integerRange', SORT);
    setErrors(found);
    if (Object.keys(found).length > 0 || !icon || hoursValue === null || sortValue === null) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setFormError(undefined);
    setSaving(true);
    const fields = {
      nameVi: nameVi.trim(),
      nameEn: nameEn.trim(),
      icon,
      defaultDeadlineHours: hoursValue,
      requiresAfterPhoto,
      sortOrder: sortValue,
    };
    try {
      if (category) onSaved(await categoriesApi.update(category.id, { ...fields, active }), false);
      else onSaved(await categoriesApi.create({ code: code.trim().toLowerCase(), ...fields }), true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CATEGORY_CODE_TAKEN') setErrors({ code: e.message });
      else setFormError(errorMessage(e));
      setSaving(false);
      focusFirstInvalid(formRef.current);
    }
  };

  return (
    <Dialog title={category ? t('categories.editTitle') : t('categories.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        {category ? (
          <p className="muted">
            {t('categories.code')}: <strong>{category.code}</strong>
          </p>
        ) : (
          <TextField
            label={t('categories.code')}
            value={code}
            onChange={setCode}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            hint={t('categories.codeHint')}
            error={errors.code}
          />
        )}
        <TextField
          label={t('categories.nameVi')}
          value={nameVi}
          onChange={setNameVi}
          required
          autoComplete="off"
          maxLength={120}
          error={errors.nameVi}
        />
        <TextField
          label={t('categories.nameEn')}
          value={nameEn}
          onChange={setNameEn}
          required
          autoComplete="off"
          maxLength={120}
          error={errors.nameEn}
        />
        <SelectField
          label={t('categories.icon')}
          value={icon}
          onChange={(v) => setIcon(asIcon(v))}
          options={CATEGORY_ICONS.map((i) => ({ value: i, label: `${i} — ${t(`categoryIcons.${i}`)}` }))}
          placeholder={t('categories.chooseIcon')}
          required
          error={errors.icon}
        />
        <TextField
          label={t('categories.deadlineLabel')}
          type="number"
          value={hours}
          onChange={setHours}
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
          error={errors.hours}
        />
        <TextField
          label={t('categories.sortOrderLabel')}
          type="number"
          value={sortOrder}
          onChange={setSortOrder}
          required
          min={SORT.min}
          max={SORT.max}
          error={errors.sortOrder}
        />
        <CheckboxField
          label={t('categories.requiresAfterPhotoLabel')}
          checked={requiresAfterPhoto}
          onChange={setRequiresAfterPhoto}
          hint={t('categories.requiresAfterPhotoHint')}
        />
        {category ? (
          <CheckboxField label={t('categories.activeLabel')} checked={active} onChange={setActive} />
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
