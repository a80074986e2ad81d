import type { PlanningImport } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api.ts';
import { FormError } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { ImportMappingStep } from './ImportMappingStep.tsx';
import { ImportProgressStep } from './ImportProgressStep.tsx';
import { ImportReportStep } from './ImportReportStep.tsx';
import { type ImportChoices, ImportSettingsStep } from './ImportSettingsStep.tsx';
import { ImportUploadStep } from './ImportUploadStep.tsx';
import { planningApi } from './planning.api.ts';
import {
  defaultCrs,
  guessMapping,
  IMPORT_STEPS,
  type ImportStep,
  isInProgress,
  layerOf,
  missingRequired,
  stepOfStatus,
  toMapping,
} from './planning.domain.ts';
import './planning.css';

function uploadedHere(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'uploaded' in state && state.uploaded === true;
}

/** How often the page asks for a running import's progress. */
const POLL_MS = 1000;

function Steps({ current }: { current: ImportStep }) {
  const { t } = useTranslation();
  const at = IMPORT_STEPS.indexOf(current);
  return (
    <ol className="wizard-steps" aria-label={t('planningImport.stepsLabel')}>
      {IMPORT_STEPS.map((step, index) => (
        <li
          key={step}
          aria-current={index === at ? 'step' : undefined}
          className={index < at ? 'step-done' : undefined}
        >
          {t(`planningImport.steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}

/**
 * "Nhập dữ liệu": one step at a time — the file, its coordinate system and encoding (with a preview), the column
 * mapping, the background check, the report and publishing. Without an import id it starts at the file; with one
 * the step follows the import's status, so a page reload or a later visit lands where the import is.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { id = '', importId } = useParams();
  const dataset = useQuery(useCallback((signal: AbortSignal) => planningApi.get(id, signal), [id]));
  const loadImport = useCallback(
    (signal: AbortSignal) =>
      importId ? planningApi.getImport(importId, signal) : Promise.resolve<PlanningImport | null>(null),
    [importId],
  );
  const imported = useQuery(loadImport);
  const item = imported.data ?? null;
  const { replace: replaceItem } = imported;
  const reloadDataset = dataset.reload;

  // The settings and mapping the officer is choosing for an uploaded file (kept when going back a step).
  const [stage, setStage] = useState<'settings' | 'mapping'>('settings');
  const [choices, setChoices] = useState<ImportChoices>({ crs: '', encoding: '' });
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [tried, setTried] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // An uploaded import's first choices: the file's own (or the usual) system and encoding, the remembered mapping.
  const preparedFor = useRef<string>('');
  useEffect(() => {
    if (item?.status !== 'uploaded' || !dataset.data || preparedFor.current === item.id) return;
    preparedFor.current = item.id;
    setChoices({ crs: defaultCrs(item), encoding: item.encoding ?? item.detected.encodingFromCpg ?? '' });
    setMapping(guessMapping(layerOf(dataset.data.kind), item.detected.columns, dataset.data.mapping));
  }, [item, dataset.data]);

  const previewEncoding = item?.detected.format === 'shapefile' ? choices.encoding || undefined : undefined;
  const previewId = item?.status === 'uploaded' ? item.id : '';
  const preview = useQuery(
    useCallback(
      (signal: AbortSignal) =>
        previewId ? planningApi.preview(previewId, previewEncoding, signal) : new Promise<never>(() => {}),
      [previewId, previewEncoding],
    ),
  );

  // While the job runs, ask for its progress every second; a published import changes the dataset's live data.
  const status = item?.status;
  useEffect(() => {
    if (!importId || !status || !isInProgress(status)) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      planningApi.getImport(importId, controller.signal).then(replaceItem, () => {});
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [importId, status, replaceItem]);
  useEffect(() => {
    if (status === 'published') reloadDataset();
  }, [status, reloadDataset]);

  const step: ImportStep = !importId
    ? 'file'
    : !item
      ? 'settings'
      : item.status === 'uploaded'
        ? stage
        : stepOfStatus(item.status);
  // A new step is announced by moving the focus to its heading.
  // The first step shown is announced only when the upload led here (the page itself is new otherwise).
  const firstStep = useRef(!uploadedHere(location.state));
  const ready = dataset.data !== undefined && (!importId || item !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: step is the trigger
  useEffect(() => {
    if (!ready) return;
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step, ready]);

  if (dataset.error || imported.error) {
    return (
      <Page title={t('planningImport.title')}>
        <ErrorMessage
          error={dataset.error ?? imported.error}
          onRetry={() => {
            dataset.reload();
            imported.reload();
          }}
        />
        <p>
          <Link to="/planning">{t('planning.back')}</Link>
        </p>
      </Page>
    );
  }
  const d = dataset.data;
  if (!d || (importId && !item)) return <Loading />;
  const layer = layerOf(d.kind);
  const missing = tried && mapping ? missingRequired(layer, mapping) : [];

  const settingsErrors = tried
    ? {
        crs: choices.crs ? undefined : t('validation.chooseOne'),
        encoding:
          item?.detected.format === 'shapefile' && !choices.encoding ? t('validation.chooseOne') : undefined,
      }
    : {};

  const next = () => {
    setTried(true);
    if (!choices.crs || (item?.detected.format === 'shapefile' && !choices.encoding)) return;
    setTried(false);
    setStage('mapping');
  };

  const start = async () => {
    if (!item || !mapping || !choices.crs) return;
    setTried(true);
    if (missingRequired(layer, mapping).length > 0) {
      setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setStarting(true);
    setStartError(undefined);
    try {
      const started = await planningApi.start(item.id, {
        crs: choices.crs,
        ...(item.detected.format === 'shapefile' && choices.encoding ? { encoding: choices.encoding } : {}),
        mapping: toMapping(layer, mapping),
      });
      replaceItem(started);
      setTried(false);
    } catch (e) {
      setStartError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const stepNumber = IMPORT_STEPS.indexOf(step) + 1;

  return (
    <Page title={t('planningImport.title')}>
      <p>
        {t('planningImport.datasetLine', { name: d.name })} ·{' '}
        <Link to={`/planning/${d.id}`}>{t('planningImport.backToDataset')}</Link>
      </p>
      <Steps current={step} />
      <h2 ref={headingRef} tabIndex={-1} data-testid="planning-step">
        <span className="sr-only">
          {t('planningImport.stepOf', { n: stepNumber, total: IMPORT_STEPS.length })}:{' '}
        </span>
        {t(`planningImport.steps.${step}`)}
      </h2>
      {step === 'file' ? (
        <ImportUploadStep
          datasetId={d.id}
          onUploaded={(created) =>
            navigate(`/planning/${d.id}/imports/${created.id}`, { replace: true, state: { uploaded: true } })
          }
        />
      ) : null}
      {item && step === 'settings' ? (
        <>
          <ImportSettingsStep
            item={item}
            choices={choices}
            onChange={setChoices}
            preview={preview}
            errors={settingsErrors}
          />
          <div className="wizard-actions">
            <button type="button" className="button button-primary" onClick={next}>
              {t('planningImport.next')}
            </button>
          </div>
        </>
      ) : null}
      {item && step === 'mapping' && mapping ? (
        <>
          <ImportMappingStep
            layer={layer}
            columns={item.detected.columns}
            value={mapping}
            onChange={setMapping}
            firstRow={preview.data?.rows[0]}
            missing={missing}
          />
          {missing.length > 0 ? (
            <FormError
              message={t('planningImport.requiredMissing', {
                fields: missing
                  .map((f) =>
                    layer === 'parcel'
                      ? t(`planningImport.parcelFields.${f as 'sheet'}`)
                      : t(`planningImport.zoneFields.${f as 'code'}`),
                  )
                  .join(', '),
              })}
            />
          ) : null}
          <FormError message={startError} />
          <div className="wizard-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={starting}
              onClick={() => void start()}
            >
              {starting ? t('planningImport.starting') : t('planningImport.start')}
            </button>
            <button
              type="button"
              className="button"
              disabled={starting}
              onClick={() => {
                setTried(false);
                setStage('settings');
              }}
            >
              {t('planningImport.previous')}
            </button>
          </div>
        </>
      ) : null}
      {item && step === 'check' ? <ImportProgressStep item={item} onChanged={replaceItem} /> : null}
      {item && step === 'report' ? (
        <ImportReportStep dataset={d} item={item} onChanged={replaceItem} />
      ) : null}
    </Page>
  );
}
