import type { Agency, AgencyKind } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { AGENCY_KINDS, CODE_PATTERN } from '../../app/domain.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { agenciesApi } from './agencies.api.ts';

const FIELD_OF_CODE = {
  AGENCY_CODE_TAKEN: 'code',
  COMMUNE_NOT_FOUND: 'communeCode',
} as const;

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** A deliberately loose check; the server has the final word. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function asKind(value: string): AgencyKind | '' {
  return AGENCY_KINDS.find((k) => k === value) ?? '';
}

interface AgencyFormDialogProps {
  agency?: Agency;
  onSaved(agency: Agency, created: boolean): void;
  onCancel(): void;
}

export function AgencyFormDialog({ agency, onSaved, onCancel }: AgencyFormDialogProps) {
  const { t } = useTranslation();
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const form = useDialogForm({
    initial: {
      code: agency?.code ?? '',
      name: agency?.name ?? '',
      kind: agency?.kind ?? ('' as AgencyKind | ''),
      communeCode: agency?.communeCode ?? '',
      phone: agency?.phone ?? '',
      email: agency?.email ?? '',
      address: agency?.address ?? '',
      active: agency?.active ?? true,
    },
    validate: (v) => ({
      code: !agency && !CODE_PATTERN.test(v.code.trim().toLowerCase()) ? t('validation.code') : undefined,
      name: v.name.trim() ? undefined : t('validation.required'),
      kind: v.kind ? undefined : t('validation.chooseOne'),
      email: v.email.trim() && !EMAIL_PATTERN.test(v.email.trim()) ? t('validation.email') : undefined,
    }),
    fieldOfCode: FIELD_OF_CODE,
    save: async ({ code, name, kind, communeCode, phone, email, address, active }) => {
      if (!kind) return;
      const fields = {
        name: name.trim(),
        kind,
        communeCode: orNull(communeCode),
        phone: orNull(phone),
        email: orNull(email),
        address: orNull(address),
      };
      if (agency) {
        onSaved(await agenciesApi.update(agency.id, { ...fields, active }), false);
      } else {
        onSaved(await agenciesApi.create({ code: code.trim().toLowerCase(), ...fields }), true);
      }
    },
  });
  const { communeCode } = form.values;

  const communeOptions = (communes.data ?? []).map((c) => ({ value: c.code, label: c.fullName }));
  if (communeCode && !communeOptions.some((o) => o.value === communeCode)) {
    communeOptions.unshift({ value: communeCode, label: communeCode });
  }

  return (
    <DialogForm
      title={agency ? t('agencies.editTitle') : t('agencies.createTitle')}
      form={form}
      onCancel={onCancel}
      confirm={
        agency?.active && !form.values.active
          ? {
              title: t('agencies.deactivateTitle'),
              body: <p>{t('agencies.deactivateBody', { name: agency.name })}</p>,
            }
          : undefined
      }
    >
      {agency ? (
        <p className="muted">
          {t('agencies.code')}: <strong>{agency.code}</strong>
        </p>
      ) : (
        <TextField
          label={t('agencies.code')}
          {...form.field('code')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          hint={t('agencies.codeHint')}
        />
      )}
      <TextField
        label={t('agencies.name')}
        {...form.field('name')}
        required
        autoComplete="off"
        maxLength={200}
      />
      <SelectField
        label={t('agencies.kind')}
        value={form.values.kind}
        onChange={(v) => form.set('kind', asKind(v))}
        options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
        placeholder={t('agencies.chooseKind')}
        required
        error={form.errors.kind}
      />
      <SelectField
        label={t('agencies.commune')}
        {...form.field('communeCode')}
        options={communeOptions}
        placeholder={t('common.none')}
        error={form.errors.communeCode ?? (communes.error ? errorMessage(communes.error) : undefined)}
      />
      <TextField
        label={t('agencies.phone')}
        type="tel"
        {...form.field('phone')}
        autoComplete="off"
        maxLength={30}
      />
      <TextField
        label={t('agencies.email')}
        type="email"
        {...form.field('email')}
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        label={t('agencies.address')}
        {...form.field('address')}
        autoComplete="off"
        maxLength={300}
      />
      {agency ? (
        <CheckboxField
          label={t('agencies.activeLabel')}
          checked={form.values.active}
          onChange={(v) => form.set('active', v)}
        />
      ) : null}
    </DialogForm>
  );
}
