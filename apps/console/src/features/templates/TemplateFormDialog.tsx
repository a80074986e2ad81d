import type { Category, ResponseTemplate } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import {
  FormError,
  focusFirstInvalid,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/Fields.tsx';
import { NOTE_MAX } from '../reports/reports.domain.ts';
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
  const formRef = useRef<HTMLFormElement>(null);
  const [categoryId, setCategoryId] = useState(template ? (template.categoryId ?? '') : defaultCategoryId);
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { title?: string; body?: string } = {};
    if (!title.trim()) found.title = t('validation.required');
    if (!body.trim()) found.body = t('validation.required');
    else if (body.trim().length > NOTE_MAX) found.body = t('validation.maxLength', { max: NOTE_MAX });
    setErrors(found);
    if (found.title || found.body) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFormError(undefined);
    const payload = { categoryId: categoryId || null, title: title.trim(), body: body.trim() };
    try {
      if (template) onSaved(await templatesApi.update(template.id, payload), false);
      else onSaved(await templatesApi.create(payload), true);
    } catch (e) {
      setFormError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={template ? t('templates.editTitle') : t('templates.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        <SelectField
          label={t('templates.category')}
          value={categoryId}
          onChange={setCategoryId}
          options={categories.map((c) => ({
            value: c.id,
            label: i18n.language === 'en' ? c.nameEn : c.nameVi,
          }))}
          placeholder={t('templates.anyCategory')}
        />
        <TextField
          label={t('templates.titleField')}
          value={title}
          onChange={setTitle}
          required
          autoComplete="off"
          maxLength={TITLE_MAX}
          error={errors.title}
        />
        <TextAreaField
          label={t('templates.body')}
          value={body}
          onChange={setBody}
          required
          rows={8}
          maxLength={NOTE_MAX}
          error={errors.body}
        />
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
