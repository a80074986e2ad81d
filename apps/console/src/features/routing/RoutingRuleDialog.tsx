import type { Category, RoutingRule } from '@dltt/contracts';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid, SelectField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { routingApi } from './routing.api.ts';

interface RoutingRuleDialogProps {
  categories: readonly Category[];
  defaultCategoryId: string;
  onSaved(rule: RoutingRule): void;
  onCancel(): void;
}

export function RoutingRuleDialog({
  categories,
  defaultCategoryId,
  onSaved,
  onCancel,
}: RoutingRuleDialogProps) {
  const { t, i18n } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const [categoryId, setCategoryId] = useState(defaultCategoryId);
  const [communeCode, setCommuneCode] = useState('');
  const [agency, setAgency] = useState<AgencyRef | null>(null);
  const [errors, setErrors] = useState<{ category?: string; agency?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      category: categoryId ? undefined : t('validation.chooseOne'),
      agency: agency ? undefined : t('validation.chooseOne'),
    };
    setErrors(found);
    if (found.category || found.agency || !agency) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      onSaved(await routingApi.create({ categoryId, communeCode: communeCode || null, agencyId: agency.id }));
    } catch (e) {
      setFormError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('routing.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        <SelectField
          label={t('routing.category')}
          value={categoryId}
          onChange={setCategoryId}
          options={categories.map((c) => ({
            value: c.id,
            label: i18n.language === 'en' ? c.nameEn : c.nameVi,
          }))}
          placeholder={t('routing.chooseCategory')}
          required
          error={errors.category}
        />
        <SelectField
          label={t('routing.communeField')}
          value={communeCode}
          onChange={setCommuneCode}
          options={(communes.data ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
          placeholder={t('routing.wholeProvince')}
          hint={t('routing.communeHint')}
        />
        <AgencyPicker
          value={agency}
          onChange={setAgency}
          required
          error={errors.agency}
          label={t('routing.agency')}
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
