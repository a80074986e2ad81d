import type { PlanningCrs, PlanningEncoding, PlanningImport, PlanningImportPreview } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { PLANNING_CRS, PLANNING_ENCODINGS } from '../../app/domain.ts';
import { SelectField } from '../../components/Fields.tsx';
import { formatNumber } from '../../components/format.ts';
import type { QueryState } from '../../components/hooks.ts';
import { EmptyState, ErrorMessage, Loading } from '../../components/States.tsx';
import { fileSize } from './PlanningBits.tsx';

/** i18next reads ':' as a namespace separator, so the catalogue keys the systems without it. */
const CRS_KEY = {
  'EPSG:4326': 'epsg4326',
  'EPSG:9218': 'epsg9218',
  'EPSG:3405': 'epsg3405',
  'EPSG:3406': 'epsg3406',
} as const satisfies Record<PlanningCrs, string>;

export interface ImportChoices {
  crs: PlanningCrs | '';
  encoding: PlanningEncoding | '';
}

interface ImportSettingsStepProps {
  item: PlanningImport;
  choices: ImportChoices;
  onChange(choices: ImportChoices): void;
  preview: QueryState<PlanningImportPreview>;
  /** The fields left unchosen after "Tiếp tục" was pressed. */
  errors: Partial<Record<keyof ImportChoices, string>>;
}

/** The first records as the server decodes them, so wrong diacritics show before anything is imported. */
export function PreviewTable({ preview }: { preview: QueryState<PlanningImportPreview> }) {
  const { t } = useTranslation();
  if (preview.error) return <ErrorMessage error={preview.error} onRetry={preview.reload} />;
  if (!preview.data) return <Loading label={t('planningImport.previewLoading')} />;
  const { columns, rows } = preview.data;
  if (rows.length === 0) return <EmptyState text={t('planningImport.previewEmpty')} />;
  return (
    <>
      {preview.loading ? <Loading label={t('planningImport.previewLoading')} /> : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="table-wrap" tabIndex={0} aria-label={t('planningImport.previewCaption')}>
        <table
          className="table preview-table"
          data-testid="planning-preview"
          aria-busy={preview.loading || undefined}
        >
          <caption className="sr-only">{t('planningImport.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: records have no id; their order is the file's
              <tr key={index}>
                <td>{index + 1}</td>
                {columns.map((c) => (
                  <td key={c} title={String(row[c] ?? '')}>
                    {row[c] === null || row[c] === undefined ? '' : String(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Step 2: what the file holds, its coordinate system and (for a Shapefile) its text encoding, with a preview. */
export function ImportSettingsStep({ item, choices, onChange, preview, errors }: ImportSettingsStepProps) {
  const { t } = useTranslation();
  const { detected } = item;
  const shapefile = detected.format === 'shapefile';
  const crsName = (crs: PlanningCrs) => t(`planningImport.crsNames.${CRS_KEY[crs]}`);
  const encodingName = (e: PlanningEncoding) => t(`planningImport.encodings.${e}`);

  let crsHint: string;
  if (detected.crsFromFile) {
    crsHint = t(shapefile ? 'planningImport.crsFromFile' : 'planningImport.crsFromGeojson', {
      name: crsName(detected.crsFromFile),
    });
  } else if (!shapefile && !detected.unknownPrj) crsHint = t('planningImport.crsGeojsonDefault');
  else crsHint = t('planningImport.crsUnknown');

  return (
    <>
      <h3>{t('planningImport.detectedHeading')}</h3>
      <dl className="details card" data-testid="planning-detected">
        <dt>{t('planning.file')}</dt>
        <dd>
          {item.fileName} ({fileSize(item.fileSize)})
        </dd>
        <dt>{t('planningImport.format')}</dt>
        <dd>{t(`planningImport.formats.${detected.format}`)}</dd>
        {shapefile ? (
          <>
            <dt>{t('planningImport.files')}</dt>
            <dd>{detected.files.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('planningImport.featureCount')}</dt>
        <dd>
          {detected.featureCount === null
            ? t('planningImport.featureCountUnknown')
            : formatNumber(detected.featureCount)}
        </dd>
        <dt>{t('planningImport.columns')}</dt>
        <dd>{detected.columns.join(', ') || t('common.emDash')}</dd>
      </dl>
      <div className="form-grid-2">
        <SelectField
          label={t('planningImport.crs')}
          value={choices.crs}
          onChange={(v) => onChange({ ...choices, crs: PLANNING_CRS.find((c) => c === v) ?? '' })}
          options={PLANNING_CRS.map((c) => ({ value: c, label: crsName(c) }))}
          required
          hint={crsHint}
          error={errors.crs}
        />
        {shapefile ? (
          <SelectField
            label={t('planningImport.encoding')}
            value={choices.encoding}
            onChange={(v) =>
              onChange({ ...choices, encoding: PLANNING_ENCODINGS.find((e) => e === v) ?? '' })
            }
            options={PLANNING_ENCODINGS.map((e) => ({ value: e, label: encodingName(e) }))}
            placeholder={detected.encodingFromCpg ? undefined : t('planningImport.chooseEncoding')}
            required
            hint={
              detected.encodingFromCpg
                ? t('planningImport.encodingFromCpg', { name: encodingName(detected.encodingFromCpg) })
                : t('planningImport.encodingUnknown')
            }
            error={errors.encoding}
          />
        ) : null}
      </div>
      {!detected.crsFromFile && detected.unknownPrj ? (
        <div className="field">
          <strong>{t('planningImport.prjText')}</strong>
          <pre className="prj-text" data-testid="planning-prj">
            {detected.unknownPrj}
          </pre>
        </div>
      ) : null}
      <h3>{t('planningImport.previewHeading')}</h3>
      <p className="hint">{t('planningImport.previewHint')}</p>
      <PreviewTable preview={preview} />
    </>
  );
}
