import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, RequestError } from '../../../components/RequestStatus.tsx';
import { foldText } from '../../../lib/text.ts';
import { useCommunes } from '../reports.api.ts';

/** How many communes to list before the person narrows them down by typing. */
const SHOWN = 30;

/**
 * Choose the commune or ward where it happened: a search box over the province's ~100 communes and a list of
 * large radio buttons. Used when the server cannot place the point itself (COMMUNE_REQUIRED).
 */
export function CommunePicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { state, retry } = useCommunes();
  const [search, setSearch] = useState('');
  const id = useId();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <RequestError error={state.error} onRetry={retry} />;

  const needle = foldText(search.trim());
  const matches = needle
    ? state.data.filter((c) => foldText(c.fullName).includes(needle) || foldText(c.name).includes(needle))
    : state.data;
  const chosen = state.data.find((c) => c.code === value);
  // The chosen one stays visible whatever is typed.
  const shown = matches.slice(0, SHOWN);
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);

  return (
    <div className="commune-picker">
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('reports.commune.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          autoComplete="off"
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <fieldset className="radio-list">
        <legend className="visually-hidden">{t('reports.commune.legend')}</legend>
        {shown.map((commune) => (
          <label key={commune.code} className="radio-option">
            <input
              type="radio"
              name={`${id}-commune`}
              value={commune.code}
              checked={commune.code === value}
              onChange={() => onChange(commune.code)}
            />
            <span>{commune.fullName}</span>
          </label>
        ))}
      </fieldset>
      {matches.length === 0 && <p>{t('reports.commune.none')}</p>}
      {matches.length > SHOWN && (
        <p className="hint">{t('reports.commune.more', { count: matches.length - SHOWN })}</p>
      )}
    </div>
  );
}
