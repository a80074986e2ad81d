import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchActiveAgencies } from '../lib/lookups.api.ts';
import { SelectField, TextField } from './Fields.tsx';
import { useDebounced, useQuery } from './hooks.ts';

export interface AgencyRef {
  id: string;
  name: string;
}

interface AgencyPickerProps {
  value: AgencyRef | null;
  onChange(value: AgencyRef | null): void;
  required?: boolean;
  error?: string | undefined;
  /** The select's label; "Cơ quan, đơn vị" by default. */
  label?: string;
  /** The search box's label; "Tìm theo tên đơn vị" by default. */
  searchLabel?: string;
  /** The empty choice ("— Chọn cơ quan, đơn vị —" by default; "Tất cả đơn vị" in a filter). */
  placeholder?: string;
  /** Leave out this agency (e.g. the one a report is transferred from). */
  excludeId?: string;
}

const PAGE_SIZE = 30;

/**
 * Chooses one active agency among ~220: a search box (server-side, diacritic-insensitive) narrows
 * the list of a plain <select>, which stays fully keyboard and screen-reader friendly.
 */
export function AgencyPicker({
  value,
  onChange,
  required,
  error,
  label,
  searchLabel,
  placeholder,
  excludeId,
}: AgencyPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const load = useCallback((signal: AbortSignal) => searchActiveAgencies(q, PAGE_SIZE, signal), [q]);
  const { data } = useQuery(load);

  const found = data?.items.filter((a) => a.id !== excludeId).map((a) => ({ id: a.id, name: a.name })) ?? [];
  const choices = value && !found.some((a) => a.id === value.id) ? [value, ...found] : found;

  let hint: string | undefined;
  if (data && data.total === 0) hint = t('agencyPicker.noMatch');
  else if (data && data.total > data.items.length) {
    hint = t('agencyPicker.showing', { shown: data.items.length, total: data.total });
  }

  return (
    <div className="picker">
      <TextField
        label={searchLabel ?? t('agencyPicker.search')}
        type="search"
        value={search}
        onChange={setSearch}
        hint={hint}
        autoComplete="off"
      />
      <SelectField
        label={label ?? t('staff.agency')}
        value={value?.id ?? ''}
        onChange={(id) => onChange(choices.find((a) => a.id === id) ?? null)}
        options={choices.map((a) => ({ value: a.id, label: a.name }))}
        placeholder={placeholder ?? t('agencyPicker.choose')}
        required={required}
        error={error}
      />
    </div>
  );
}
