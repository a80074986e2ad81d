import type { LandUseCode } from '@dltt/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LAND_USE_CODE_PATTERN, LAND_USE_GROUPS } from '../../app/domain.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { landUseCodesApi } from './land-use-codes.api.ts';

type Group = (typeof LAND_USE_GROUPS)[number];
const COLOR = /^#[0-9a-f]{6}$/i;

const FIELD_OF_CODE = { LAND_USE_CODE_EXISTS: 'code' } as const;
const FIELDS = ['code', 'nameVi', 'nameEn', 'group', 'color'] as const;

interface LandUseCodeFormDialogProps {
  landUse?: LandUseCode | undefined;
  onSaved(landUse: LandUseCode, created: boolean): void;
  onCancel(): void;
}

export function LandUseCodeFormDialog({ landUse, onSaved, onCancel }: LandUseCodeFormDialogProps) {
  const { t } = useTranslation();
  const pickerId = useId();
  const form = useDialogForm({
    initial: {
      code: landUse?.code ?? '',
      nameVi: landUse?.nameVi ?? '',
      nameEn: landUse?.nameEn ?? '',
      group: (landUse?.group ?? '') as Group | '',
      color: landUse?.color ?? '#cccccc',
      legacy: landUse?.legacy ?? false,
    },
    validate: (v) => ({
      code:
        !landUse && !LAND_USE_CODE_PATTERN.test(v.code.trim().toUpperCase())
          ? t('landUseCodes.codeInvalid')
          : undefined,
      nameVi: v.nameVi.trim() ? undefined : t('validation.required'),
      nameEn: v.nameEn.trim() ? undefined : t('validation.required'),
      group: v.group ? undefined : t('validation.chooseOne'),
      color: COLOR.test(v.color.trim()) ? undefined : t('landUseCodes.colorInvalid'),
    }),
    fieldOfCode: FIELD_OF_CODE,
    fieldOfPath: (path) => FIELDS.find((f) => f === path),
    save: async (v) => {
      if (!v.group) return;
      const body = {
        nameVi: v.nameVi.trim(),
        nameEn: v.nameEn.trim(),
        group: v.group,
        color: v.color.trim().toLowerCase(),
        legacy: v.legacy,
      };
      if (landUse) onSaved(await landUseCodesApi.update(landUse.code, body), false);
      else onSaved(await landUseCodesApi.create({ ...body, code: v.code.trim().toUpperCase() }), true);
    },
  });
  const color = COLOR.test(form.values.color.trim()) ? form.values.color.trim().toLowerCase() : '#cccccc';

  return (
    <DialogForm
      title={landUse ? t('landUseCodes.editTitle', { code: landUse.code }) : t('landUseCodes.createTitle')}
      form={form}
      onCancel={onCancel}
    >
      {landUse ? (
        <p className="muted">
          {t('landUseCodes.code')}: <strong>{landUse.code}</strong> — {t('landUseCodes.codeFixed')}
        </p>
      ) : (
        <TextField
          label={t('landUseCodes.code')}
          {...form.field('code')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={4}
          hint={t('landUseCodes.codeHint')}
        />
      )}
      <TextField
        label={t('landUseCodes.nameVi')}
        {...form.field('nameVi')}
        required
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        label={t('landUseCodes.nameEn')}
        {...form.field('nameEn')}
        required
        autoComplete="off"
        maxLength={200}
      />
      <SelectField
        label={t('landUseCodes.group')}
        value={form.values.group}
        onChange={(v) => form.set('group', LAND_USE_GROUPS.find((g) => g === v) ?? '')}
        options={LAND_USE_GROUPS.map((g) => ({ value: g, label: t(`landUseCodes.groups.${g}`) }))}
        placeholder={t('landUseCodes.chooseGroup')}
        required
        error={form.errors.group}
      />
      <div className="color-field">
        <TextField
          label={t('landUseCodes.color')}
          {...form.field('color')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={7}
          hint={t('landUseCodes.colorHint')}
        />
        <div className="field">
          <label htmlFor={pickerId} className="sr-only">
            {t('landUseCodes.swatch', { color })}
          </label>
          <input
            id={pickerId}
            type="color"
            value={color}
            onChange={(e) => form.set('color', e.target.value)}
          />
        </div>
      </div>
      <CheckboxField
        label={t('landUseCodes.legacy')}
        checked={form.values.legacy}
        onChange={(v) => form.set('legacy', v)}
        hint={t('landUseCodes.legacyHint')}
      />
    </DialogForm>
  );
}
