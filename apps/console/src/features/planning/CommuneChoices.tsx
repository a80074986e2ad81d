import type { Commune } from '@dltt/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Fields.tsx';

interface CommuneChoicesProps {
  communes: readonly Commune[];
  value: readonly string[];
  onChange(codes: string[]): void;
}

/** Folds diacritics so "buon ma" finds "Buôn Ma Thuột". */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/**
 * Several communes out of ~100: a filter box and a list of check boxes in a fieldset (plain controls that a
 * keyboard and a screen reader handle without help), the count chosen announced under it.
 */
export function CommuneChoices({ communes, value, onChange }: CommuneChoicesProps) {
  const { t } = useTranslation();
  const countId = useId();
  const [filter, setFilter] = useState('');
  const chosen = new Set(value);
  const wanted = folded(filter.trim());
  // Chosen communes stay at the top so a filter never hides what is already ticked.
  const shown = communes
    .filter((c) => !wanted || chosen.has(c.code) || folded(c.name).includes(wanted))
    .sort((a, b) => Number(chosen.has(b.code)) - Number(chosen.has(a.code)));

  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(communes.filter((c) => next.has(c.code)).map((c) => c.code));
  };

  return (
    <fieldset className="commune-choices" aria-describedby={countId}>
      <legend>{t('planning.communes')}</legend>
      <TextField
        label={t('planning.communesSearch')}
        type="search"
        value={filter}
        onChange={setFilter}
        autoComplete="off"
      />
      {shown.length === 0 ? (
        <p className="muted">{t('planning.communesNoMatch')}</p>
      ) : (
        <ul className="commune-list">
          {shown.map((c) => (
            <li key={c.code}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(c.code)}
                  onChange={(e) => toggle(c.code, e.target.checked)}
                />
                {c.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <p id={countId} className="hint" aria-live="polite">
        {value.length === 0
          ? t('planning.communesNone')
          : t('planning.communesChosen', { count: value.length })}
      </p>
    </fieldset>
  );
}
