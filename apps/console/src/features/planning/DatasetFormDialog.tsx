import type { PlanningDataset, PlanningKind, PlanningStatus } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.tsx';
import { isAgencyScoped, PLANNING_KINDS, PLANNING_STATUSES } from '../../app/domain.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { ErrorMessage } from '../../components/States.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { CommuneChoices } from './CommuneChoices.tsx';
import { planningApi } from './planning.api.ts';

const FIELD_OF_CODE = {
  AGENCY_REQUIRED: 'agency',
  AGENCY_NOT_FOUND: 'agency',
  AGENCY_INACTIVE: 'agency',
} as const;

/** The form's fields whose names are the body's (a VALIDATION_FAILED detail goes beside them). */
const BODY_FIELDS = [
  'name',
  'kind',
  'status',
  'decisionNumber',
  'decisionDate',
  'decisionAuthority',
  'decisionUrl',
  'scale',
  'periodStart',
  'periodEnd',
] as const;
type FormField = (typeof BODY_FIELDS)[number] | 'agency' | 'communeCodes';

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

function asKind(value: string): PlanningKind | '' {
  return PLANNING_KINDS.find((k) => k === value) ?? '';
}
function asStatus(value: string): PlanningStatus {
  return PLANNING_STATUSES.find((s) => s === value) ?? 'in_force';
}
function yearOf(text: string): number | null {
  return text.trim() ? Number(text.trim()) : null;
}
function badYear(text: string): boolean {
  const year = yearOf(text);
  return year !== null && (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX);
}
const orNull = (text: string) => text.trim() || null;

interface DatasetFormDialogProps {
  dataset?: PlanningDataset | undefined;
  onSaved(dataset: PlanningDataset, created: boolean): void;
  onCancel(): void;
}

export function DatasetFormDialog({ dataset, onSaved, onCancel }: DatasetFormDialogProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const choosesAgency = !dataset && !isAgencyScoped(user.role);
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const form = useDialogForm<
    {
      name: string;
      kind: PlanningKind | '';
      status: PlanningStatus;
      decisionNumber: string;
      decisionDate: string;
      decisionAuthority: string;
      decisionUrl: string;
      scale: string;
      periodStart: string;
      periodEnd: string;
      communeCodes: string[];
      agency: AgencyRef | null;
    },
    FormField
  >({
    initial: {
      name: dataset?.name ?? '',
      kind: dataset?.kind ?? '',
      status: dataset?.status ?? 'in_force',
      decisionNumber: dataset?.decision?.number ?? '',
      decisionDate: dataset?.decision?.date ?? '',
      decisionAuthority: dataset?.decision?.authority ?? '',
      decisionUrl: dataset?.decision?.url ?? '',
      scale: dataset?.scale ?? '',
      periodStart: dataset?.periodStart ? String(dataset.periodStart) : '',
      periodEnd: dataset?.periodEnd ? String(dataset.periodEnd) : '',
      communeCodes: dataset?.communeCodes ?? [],
      agency: null,
    },
    validate: (v) => {
      const start = yearOf(v.periodStart);
      const end = yearOf(v.periodEnd);
      return {
        name: v.name.trim() ? undefined : t('validation.required'),
        kind: v.kind ? undefined : t('validation.chooseOne'),
        decisionUrl:
          v.decisionUrl.trim() && !/^https?:\/\/\S+$/i.test(v.decisionUrl.trim())
            ? t('planning.urlInvalid')
            : undefined,
        periodStart: badYear(v.periodStart) ? t('planning.yearRange') : undefined,
        periodEnd: badYear(v.periodEnd)
          ? t('planning.yearRange')
          : start !== null && end !== null && end < start
            ? t('planning.periodOrder')
            : undefined,
        agency: choosesAgency && !v.agency ? t('validation.chooseOne') : undefined,
      };
    },
    fieldOfCode: FIELD_OF_CODE,
    fieldOfPath: (path) =>
      path === 'agencyId'
        ? 'agency'
        : path.startsWith('communeCodes')
          ? 'communeCodes'
          : BODY_FIELDS.find((f) => f === path),
    save: async (v) => {
      if (!v.kind) return;
      const body = {
        name: v.name.trim(),
        status: v.status,
        decisionNumber: orNull(v.decisionNumber),
        decisionDate: orNull(v.decisionDate),
        decisionAuthority: orNull(v.decisionAuthority),
        decisionUrl: orNull(v.decisionUrl),
        scale: orNull(v.scale),
        periodStart: yearOf(v.periodStart),
        periodEnd: yearOf(v.periodEnd),
        communeCodes: v.communeCodes,
      };
      if (dataset) onSaved(await planningApi.update(dataset.id, body), false);
      else
        onSaved(
          await planningApi.create({
            ...body,
            kind: v.kind,
            ...(choosesAgency && v.agency ? { agencyId: v.agency.id } : {}),
          }),
          true,
        );
    },
  });

  return (
    <DialogForm
      title={dataset ? t('planning.editTitle') : t('planning.createTitle')}
      form={form}
      onCancel={onCancel}
      wide
    >
      <TextField
        label={t('planning.name')}
        {...form.field('name')}
        required
        autoComplete="off"
        maxLength={200}
      />
      <div className="form-grid-2">
        {dataset ? (
          <div className="field">
            <p className="muted">
              {t('planning.kind')}: <strong>{t(`planning.kinds.${dataset.kind}`)}</strong>
              <br />
              {t('planning.kindFixed')}
            </p>
          </div>
        ) : (
          <SelectField
            label={t('planning.kind')}
            value={form.values.kind}
            onChange={(v) => form.set('kind', asKind(v))}
            options={PLANNING_KINDS.map((k) => ({ value: k, label: t(`planning.kinds.${k}`) }))}
            placeholder={t('planning.chooseKind')}
            required
            error={form.errors.kind}
          />
        )}
        <SelectField
          label={t('planning.status')}
          value={form.values.status}
          onChange={(v) => form.set('status', asStatus(v))}
          options={PLANNING_STATUSES.map((s) => ({ value: s, label: t(`planning.statuses.${s}`) }))}
          required
          error={form.errors.status}
        />
      </div>
      {choosesAgency ? (
        <AgencyPicker
          label={t('planning.agency')}
          value={form.values.agency}
          onChange={(v) => form.set('agency', v)}
          required
          error={form.errors.agency}
        />
      ) : null}
      <div className="form-grid-2">
        <TextField
          label={t('planning.decisionNumber')}
          {...form.field('decisionNumber')}
          autoComplete="off"
          maxLength={60}
        />
        <TextField label={t('planning.decisionDate')} type="date" {...form.field('decisionDate')} />
      </div>
      <TextField
        label={t('planning.decisionAuthority')}
        {...form.field('decisionAuthority')}
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        label={t('planning.decisionUrl')}
        {...form.field('decisionUrl')}
        autoComplete="off"
        maxLength={500}
        hint={t('planning.decisionUrlHint')}
      />
      <div className="form-grid-2">
        <TextField
          label={t('planning.scale')}
          {...form.field('scale')}
          autoComplete="off"
          maxLength={20}
          hint={t('planning.scaleHint')}
        />
        <TextField
          label={t('planning.periodStart')}
          type="number"
          min={YEAR_MIN}
          max={YEAR_MAX}
          {...form.field('periodStart')}
        />
        <TextField
          label={t('planning.periodEnd')}
          type="number"
          min={YEAR_MIN}
          max={YEAR_MAX}
          {...form.field('periodEnd')}
        />
      </div>
      {communes.error ? (
        <ErrorMessage error={communes.error} onRetry={communes.reload} />
      ) : (
        <CommuneChoices
          communes={communes.data ?? []}
          value={form.values.communeCodes}
          onChange={(codes) => form.set('communeCodes', codes)}
        />
      )}
      {form.errors.communeCodes ? <p className="field-error">{form.errors.communeCodes}</p> : null}
    </DialogForm>
  );
}
