import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { loadActiveCategories, loadCommunes } from '../../lib/lookups.api.ts';
import type { ReportSort } from './reports.api.ts';
import { REPORT_STATUSES } from './reports.domain.ts';

export interface InboxFilters {
  page: number;
  search: string;
  status: string;
  categoryId: string;
  communeCode: string;
  agency: AgencyRef | null;
  overdueOnly: boolean;
  mineOnly: boolean;
  sort: ReportSort;
}

const DEFAULT_FILTERS: InboxFilters = {
  page: 1,
  search: '',
  status: '',
  categoryId: '',
  communeCode: '',
  agency: null,
  overdueOnly: false,
  mineOnly: false,
  sort: 'deadline',
};

// The inbox comes back as it was left (opening a report and returning keeps the filters and the page),
// for the same user, until the page is reloaded.
let remembered: { userId: string; filters: InboxFilters } | null = null;

export function rememberedFilters(userId: string): InboxFilters {
  return remembered?.userId === userId ? remembered.filters : DEFAULT_FILTERS;
}

export function rememberFilters(userId: string, filters: InboxFilters): void {
  remembered = { userId, filters };
}

interface ReportFiltersProps {
  value: InboxFilters;
  /** Dispatchers and admins may filter by agency; others only ever see their own. */
  seesAll: boolean;
  onChange(next: InboxFilters): void;
}

export function ReportFilters({ value, seesAll, onChange }: ReportFiltersProps) {
  const { t, i18n } = useTranslation();
  const categories = useQuery(useCallback(() => loadActiveCategories(), []));
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const set =
    <K extends keyof InboxFilters>(key: K) =>
    (v: InboxFilters[K]) =>
      onChange({ ...value, [key]: v });

  return (
    <search>
      <div className="filters">
        <TextField
          label={t('reports.searchLabel')}
          type="search"
          value={value.search}
          onChange={set('search')}
          autoComplete="off"
        />
        <SelectField
          label={t('reports.statusFilter')}
          value={value.status}
          onChange={set('status')}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reportStatus.${s}`) }))}
          placeholder={t('reports.allStatuses')}
        />
        <SelectField
          label={t('reports.categoryFilter')}
          value={value.categoryId}
          onChange={set('categoryId')}
          options={(categories.data ?? []).map((c) => ({
            value: c.id,
            label: i18n.language === 'en' ? c.nameEn : c.nameVi,
          }))}
          placeholder={t('reports.allCategories')}
        />
        <SelectField
          label={t('reports.communeFilter')}
          value={value.communeCode}
          onChange={set('communeCode')}
          options={(communes.data ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
          placeholder={t('reports.allCommunes')}
        />
        <SelectField
          label={t('reports.sort')}
          value={value.sort}
          onChange={(v) => set('sort')(v === 'newest' ? 'newest' : 'deadline')}
          options={[
            { value: 'deadline', label: t('reports.sortDeadline') },
            { value: 'newest', label: t('reports.sortNewest') },
          ]}
        />
      </div>
      {seesAll ? (
        <div className="filters">
          <AgencyPicker
            value={value.agency}
            onChange={set('agency')}
            label={t('reports.agencyFilter')}
            searchLabel={t('reports.agencySearch')}
            placeholder={t('reports.allAgencies')}
          />
        </div>
      ) : null}
      <div className="filters-checks">
        <CheckboxField
          label={t('reports.overdueOnly')}
          checked={value.overdueOnly}
          onChange={set('overdueOnly')}
        />
        <CheckboxField label={t('reports.mineOnly')} checked={value.mineOnly} onChange={set('mineOnly')} />
      </div>
    </search>
  );
}
