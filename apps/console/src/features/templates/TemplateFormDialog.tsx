import type { Category, ResponseTemplate } from '@dltt/contracts';
import { REPORT_TEXT_MAX as NOTE_MAX } from '@dltt/contracts/constants';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { templatesApi } from './templates.api.ts';

const TITLE_MAX = 120;

interface TemplateFormDialogProps {
  template?: ResponseTemplate | undefined;
  /** The category filtered on the page, preselected for a new template. */
  defaultCategoryId: string;
  categories: readonly Category[];
  onSaved(template: ResponseTemplate, created: boolean): void;
  onCancel(): void;
}

export function TemplateFormDialog({
  template,
  defaultCategoryId,
  categories,
  onSaved,
  onCancel,
}: TemplateFormDialogProps) {
  const { t, i18n } = useTranslation();
  const form = useDialogForm({
    initial: {
      categoryId: template ? (template.categoryId ?? '') : defaultCategoryId,
      title: template?.title ?? '',
      body: template?.body ?? '',
    },
    validate: (v) => ({
      title: v.title.trim() ? undefined : t('validation.required'),
      body: !v.body.trim()
        ? t('validation.required')
        : v.body.trim().length > NOTE_MAX
          ? t('validation.maxLength', { max: NOTE_MAX })
          : undefined,
    }),
    save: async (v) => {
      const payload = { categoryId: v.categoryId || null, title: v.title.trim(), body: v.body.trim() };
      if (template) onSaved(await templatesApi.update(template.id, payload), false);
      else onSaved(await templatesApi.create(payload), true);
    },
  });

  return (
    <DialogForm
      title={template ? t('templates.editTitle') : t('templates.createTitle')}
      form={form}
      onCancel={onCancel}
    >
      <SelectField
        label={t('templates.category')}
        {...form.field('categoryId')}
        options={categories.map((c) => ({
          value: c.id,
          label: i18n.language === 'en' ? c.nameEn : c.nameVi,
        }))}
        placeholder={t('templates.anyCategory')}
      />
      <TextField
        label={t('templates.titleField')}
        {...form.field('title')}
        required
        autoComplete="off"
        maxLength={TITLE_MAX}
      />
      <TextAreaField
        label={t('templates.body')}
        {...form.field('body')}
        required
        rows={8}
        maxLength={NOTE_MAX}
      />
    </DialogForm>
  );
}
