import type { Category, RoutingRule } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { useDialogForm } from '../../components/useDialogForm.ts';
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
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const form = useDialogForm({
    initial: { categoryId: defaultCategoryId, communeCode: '', agency: null as AgencyRef | null },
    validate: (v) => ({
      categoryId: v.categoryId ? undefined : t('validation.chooseOne'),
      agency: v.agency ? undefined : t('validation.chooseOne'),
    }),
    save: async ({ categoryId, communeCode, agency }) => {
      if (!agency) return;
      onSaved(await routingApi.create({ categoryId, communeCode: communeCode || null, agencyId: agency.id }));
    },
  });

  return (
    <DialogForm title={t('routing.createTitle')} form={form} onCancel={onCancel}>
      <SelectField
        label={t('routing.category')}
        {...form.field('categoryId')}
        options={categories.map((c) => ({
          value: c.id,
          label: i18n.language === 'en' ? c.nameEn : c.nameVi,
        }))}
        placeholder={t('routing.chooseCategory')}
        required
      />
      <SelectField
        label={t('routing.communeField')}
        {...form.field('communeCode')}
        options={(communes.data ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
        placeholder={t('routing.wholeProvince')}
        hint={t('routing.communeHint')}
      />
      <AgencyPicker
        value={form.values.agency}
        onChange={(v) => form.set('agency', v)}
        required
        error={form.errors.agency}
        label={t('routing.agency')}
      />
    </DialogForm>
  );
}
