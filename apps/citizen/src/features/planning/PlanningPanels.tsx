import type { LandUseCode, PublicPlanningDataset } from '@dltt/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { Icon } from '../../components/Icon.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { DatasetBadges, Swatch } from './PlanningBits.tsx';
import { type ParcelKey, useCommunes, useLandUseCodes } from './planning.api.ts';

/** The layer switch: every published plan, drafts and sample data labelled as such. */
export function LayerList({
  datasets,
  selectedId,
  onSelect,
}: {
  datasets: PublicPlanningDataset[];
  selectedId: string;
  onSelect: (dataset: PublicPlanningDataset) => void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="planning-layers">
      {datasets.map((dataset) => {
        const shown = dataset.id === selectedId;
        return (
          <li key={dataset.id}>
            <button
              type="button"
              className="planning-layer"
              aria-pressed={shown}
              onClick={() => onSelect(dataset)}
            >
              <span className="planning-layer-check" aria-hidden="true">
                {shown && <Icon name="check" size={24} />}
              </span>
              <span className="planning-layer-text">
                <span className="planning-layer-name">{dataset.name}</span>
                <span className="planning-plan-meta">
                  <span>{t(`planning.kinds.${dataset.kind}`)}</span>
                  {dataset.scale && <span>{t('planning.layers.scale', { scale: dataset.scale })}</span>}
                  {dataset.periodStart !== null && dataset.periodEnd !== null && (
                    <span>
                      {t('planning.layers.period', { start: dataset.periodStart, end: dataset.periodEnd })}
                    </span>
                  )}
                  <DatasetBadges dataset={dataset} />
                </span>
                {dataset.sample && <span className="hint">{t('planning.sampleNote')}</span>}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export interface LegendEntry {
  code: string;
  color: string;
}

/** The codes on screen: colour, code and the dictionary's name in the reader's language. */
export function Legend({ entries, zoomIn }: { entries: LegendEntry[]; zoomIn: boolean }) {
  const { t, i18n } = useTranslation();
  const codes = useLandUseCodes();
  if (zoomIn) return <p>{t('planning.legend.zoomIn')}</p>;
  if (entries.length === 0) return <p>{t('planning.legend.empty')}</p>;
  if (codes.state.status === 'loading') return <Loading />;
  if (codes.state.status === 'error') return <RequestError error={codes.state.error} onRetry={codes.retry} />;
  const english = i18n.resolvedLanguage === 'en';
  const names = new Map<string, string>(
    codes.state.data.map((c: LandUseCode) => [c.code, english ? c.nameEn : c.nameVi]),
  );
  return (
    <ul className="planning-legend" data-testid="planning-legend">
      {entries.map(({ code, color }) => (
        <li key={code}>
          <Swatch color={color} />
          <span>
            <span className="planning-code">{code}</span> {names.get(code) ?? ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Search by parcel: commune (the province's list, as the report form reads it), map sheet and parcel number, as
 * written on the land use right certificate. `notFound` is shown beside the form when the last search found none.
 */
export function ParcelSearch({
  initial,
  busy,
  notFound,
  onSearch,
}: {
  initial: ParcelKey | null;
  busy: boolean;
  notFound: boolean;
  onSearch: (key: ParcelKey) => void;
}) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const [key, setKey] = useState<ParcelKey>(initial ?? { communeCode: '', sheet: '', parcelNo: '' });
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!key.communeCode || !key.sheet.trim() || !key.parcelNo.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSearch(key);
  };
  if (communes.state.status === 'loading') return <Loading />;
  if (communes.state.status === 'error')
    return <RequestError error={communes.state.error} onRetry={communes.retry} />;
  return (
    <form className="planning-search" onSubmit={submit} noValidate>
      <p className="hint">{t('planning.search.hint')}</p>
      <label className="planning-field">
        <span>{t('planning.search.commune')}</span>
        <select
          value={key.communeCode}
          onChange={(event) => setKey({ ...key, communeCode: event.target.value })}
          aria-invalid={missing && !key.communeCode}
        >
          <option value="">{t('planning.search.choose')}</option>
          {communes.state.data.map((commune) => (
            <option key={commune.code} value={commune.code}>
              {commune.name}
            </option>
          ))}
        </select>
      </label>
      <div className="planning-field-row">
        <label className="planning-field">
          <span>{t('planning.search.sheet')}</span>
          <input
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            value={key.sheet}
            onChange={(event) => setKey({ ...key, sheet: event.target.value })}
            aria-invalid={missing && !key.sheet.trim()}
          />
        </label>
        <label className="planning-field">
          <span>{t('planning.search.parcel')}</span>
          <input
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            value={key.parcelNo}
            onChange={(event) => setKey({ ...key, parcelNo: event.target.value })}
            aria-invalid={missing && !key.parcelNo.trim()}
          />
        </label>
      </div>
      {(missing || notFound) && (
        <p className="planning-form-error" role="alert">
          <Icon name="alert" size={24} />
          {missing ? t('planning.search.missing') : t('planning.search.notFound')}
        </p>
      )}
      <Button htmlType="submit" size="large" fullWidth loading={busy} prefixIcon={<Icon name="search" />}>
        {busy ? t('planning.search.searching') : t('planning.search.submit')}
      </Button>
    </form>
  );
}
