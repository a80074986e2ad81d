import type {
  PlanningDatasetSummary,
  PlanningParcel,
  PlanningParcelResult,
  PlanningPointResult,
  PlanningZone,
} from '@dltt/contracts';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { formatDate } from '../../lib/dates.ts';
import { platform } from '../../platform/index.ts';

/** Numbers as the citizen reads them (1.234,5 in Vietnamese). */
export function useNumber(): (n: number, digits?: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'vi-VN';
  return (n, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A square of the zone's map colour; the code beside it carries the meaning. */
export function Swatch({ color }: { color: string }) {
  return <span className="planning-swatch" style={{ background: color }} aria-hidden="true" />;
}

/** "Dự thảo lấy ý kiến" and "Dữ liệu mẫu", where they apply: never to be mistaken for a plan in force. */
export function DatasetBadges({ dataset }: { dataset: Pick<PlanningDatasetSummary, 'status' | 'sample'> }) {
  const { t } = useTranslation();
  return (
    <>
      {dataset.status === 'draft' && <span className="planning-badge draft">{t('planning.draft')}</span>}
      {dataset.sample && <span className="planning-badge sample">{t('planning.sample')}</span>}
    </>
  );
}

/**
 * A panel over the lower part of the map (the thumb's reach), with its title and a large close button. Not a
 * modal: the map stays usable above it. Focus moves to the title when it opens, so screen readers read it. The
 * notice that the answer is for reference stays in view under it (the page hides its own while a sheet is open).
 */
export function Sheet({
  id,
  title,
  onClose,
  children,
}: {
  id: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new sheet (another id) takes the focus again.
  useEffect(() => {
    heading.current?.focus();
  }, [id]);
  return (
    <section className="planning-sheet" aria-labelledby={`${id}-title`} data-testid="planning-sheet">
      <div className="planning-sheet-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button
          type="button"
          className="planning-close"
          aria-label={t('planning.sheet.close')}
          onClick={onClose}
        >
          <Icon name="close" size={28} />
        </button>
      </div>
      <div className="planning-sheet-body">{children}</div>
      <p className="planning-notice planning-sheet-notice">{t('planning.notice')}</p>
    </section>
  );
}

function Decision({ dataset }: { dataset: PlanningDatasetSummary }) {
  const { t } = useTranslation();
  const decision = dataset.decision;
  return (
    <div className="planning-decision">
      <p className="planning-label">{t('planning.result.decision')}</p>
      {decision ? (
        <>
          <p>
            {t('planning.result.decisionLine', {
              number: decision.number,
              date: formatDate(decision.date),
              authority: decision.authority,
            })}
          </p>
          {decision.url && (
            <a
              className="text-link"
              href={decision.url}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(event) => {
                // Inside Zalo a new browser tab does not open: the platform opens the page its own way.
                event.preventDefault();
                void platform.openExternal(event.currentTarget.href).catch(() => undefined);
              }}
            >
              {t('planning.result.decisionLink')}
              <Icon name="external" size={20} />
            </a>
          )}
        </>
      ) : (
        <p>{t('planning.result.noDecision')}</p>
      )}
    </div>
  );
}

function ZoneCard({ zone, areaInside }: { zone: PlanningZone; areaInside?: number }) {
  const { t } = useTranslation();
  const number = useNumber();
  const rows: [string, string][] = [];
  if (zone.function) rows.push([t('planning.result.function'), zone.function]);
  if (zone.densityPct !== null)
    rows.push([
      t('planning.result.density'),
      t('planning.result.densityValue', { n: number(zone.densityPct) }),
    ]);
  if (zone.maxFloors !== null)
    rows.push([t('planning.result.floors'), t('planning.result.floorsValue', { n: zone.maxFloors })]);
  if (zone.maxHeightM !== null)
    rows.push([
      t('planning.result.height'),
      t('planning.result.heightValue', { n: number(zone.maxHeightM) }),
    ]);
  if (zone.setback) rows.push([t('planning.result.setback'), zone.setback]);
  if (zone.areaM2 !== null)
    rows.push([t('planning.result.area'), t('planning.result.areaValue', { n: number(zone.areaM2, 0) })]);
  if (areaInside !== undefined)
    rows.push([
      t('planning.result.areaInside'),
      t('planning.result.areaValue', { n: number(areaInside, 0) }),
    ]);
  if (zone.note) rows.push([t('planning.result.note'), zone.note]);
  return (
    <article className="planning-zone" data-testid="planning-zone" data-code={zone.code}>
      <h4 className="planning-zone-title">
        <Swatch color={zone.color} />
        <span>
          <span className="planning-code">{zone.code}</span> {zone.codeName ?? ''}
        </span>
      </h4>
      {zone.name && <p className="planning-zone-name">{zone.name}</p>}
      {rows.length > 0 && (
        <dl className="planning-facts">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}

/** Each plan's zones at the place, with the plan's name, badges and approving decision. */
function PlanResults({
  results,
}: {
  results: { dataset: PlanningDatasetSummary; zones: (PlanningZone & { areaInsideM2?: number })[] }[];
}) {
  const { t } = useTranslation();
  if (results.length === 0) return <p>{t('planning.result.none')}</p>;
  return (
    <>
      {results.map(({ dataset, zones }) => (
        <section key={dataset.id} className="planning-plan" aria-labelledby={`plan-${dataset.id}`}>
          <h3 id={`plan-${dataset.id}`} className="planning-plan-title">
            {dataset.name}
          </h3>
          <p className="planning-plan-meta">
            <span>{t(`planning.kinds.${dataset.kind}`)}</span>
            <DatasetBadges dataset={dataset} />
          </p>
          {zones.map((zone) => (
            <ZoneCard key={zone.id} zone={zone} areaInside={zone.areaInsideM2} />
          ))}
          <Decision dataset={dataset} />
        </section>
      ))}
    </>
  );
}

function ParcelFacts({ parcel }: { parcel: PlanningParcel }) {
  const { t } = useTranslation();
  const number = useNumber();
  const rows: [string, string][] = [];
  if (parcel.communeName) rows.push([t('planning.result.commune'), parcel.communeName]);
  if (parcel.areaM2 !== null)
    rows.push([t('planning.result.area'), t('planning.result.areaValue', { n: number(parcel.areaM2, 1) })]);
  if (parcel.landType) rows.push([t('planning.result.landType'), parcel.landType]);
  if (parcel.address) rows.push([t('planning.result.address'), parcel.address]);
  return (
    <section
      className="planning-parcel"
      aria-labelledby="planning-parcel-title"
      data-testid="planning-parcel"
    >
      <h3 id="planning-parcel-title" className="planning-plan-title">
        {t('planning.result.parcel', { parcelNo: parcel.parcelNo, sheet: parcel.sheet })}
      </h3>
      <dl className="planning-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function PointResultView({ result }: { result: PlanningPointResult }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">
        {t('planning.result.coordinates', { lat: result.lat.toFixed(5), lon: result.lon.toFixed(5) })}
      </p>
      {result.parcel && <ParcelFacts parcel={result.parcel} />}
      <PlanResults results={result.results} />
    </>
  );
}

export function ParcelResultView({ result }: { result: PlanningParcelResult }) {
  return (
    <>
      <ParcelFacts parcel={result.parcel} />
      <PlanResults results={result.results} />
    </>
  );
}
