import type { TFunction } from 'i18next';
import { type ChangeEvent, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, validationIssues } from '../../app/api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { formatNumber } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorMessage, Notice } from '../../components/States.tsx';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { type BoundariesSummary, fileSize, readBoundaries } from './boundaries-file.ts';
import { communesApi } from './communes.api.ts';

/** Server problems listed under the error; the rest are counted. */
const MAX_ISSUES = 10;

type Picked =
  | { state: 'reading'; file: File }
  | { state: 'invalid'; file: File; problems: string[] }
  | { state: 'ready'; file: File; summary: BoundariesSummary };

/** The codes a 404 COMMUNE_NOT_FOUND names: in the file, but not communes of this province. */
function unknownCodes(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'COMMUNE_NOT_FOUND') return [];
  const details: unknown = error.details;
  if (typeof details !== 'object' || details === null || !('unknownCodes' in details)) return [];
  const codes: unknown = details.unknownCodes;
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [];
}

/** "body.features.3.geometry.coordinates" -> "Đối tượng số 4 (geometry.coordinates)". */
function issueText(path: string, message: string, t: TFunction): string {
  const match = /^body\.features\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return `${path.replace(/^body\.?/, '') || t('boundaries.wholeFile')}: ${message}`;
  const where = t('boundaries.featureNumber', { n: Number(match[1]) + 1 });
  return `${match[2] ? `${where} (${match[2]})` : where}: ${message}`;
}

function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const codes = unknownCodes(error);
  const issues = validationIssues(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="state state-error" role="alert">
      <p>{errorMessage(error)}</p>
      {codes.length > 0 ? (
        <p>
          {t('boundaries.unknownCodes')}{' '}
          {codes.map((c, i) => (
            <span key={c}>
              {i > 0 ? ', ' : ''}
              <code>{c}</code>
            </span>
          ))}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <ul className="issue-list">
          {issues.slice(0, MAX_ISSUES).map((issue) => (
            <li key={`${issue.path} ${issue.message}`}>{issueText(issue.path, issue.message, t)}</li>
          ))}
          {issues.length > MAX_ISSUES ? (
            <li>{t('boundaries.errors.more', { count: issues.length - MAX_ISSUES })}</li>
          ) : null}
        </ul>
      ) : null}
      {requestId ? <p className="muted small">{t('errors.requestId', { id: requestId })}</p> : null}
    </div>
  );
}

/**
 * "Ranh giới xã, phường": an administrator replaces commune boundaries from a GeoJSON file. They decide
 * which commune a report belongs to, and so which agency the routing rules send it to.
 */
export function CommuneBoundariesPage() {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const readCount = useRef(0);
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const [picked, setPicked] = useState<Picked | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [importError, setImportError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    const read = ++readCount.current;
    setNotice('');
    setImportError(undefined);
    if (!file) {
      setPicked(null);
      return;
    }
    setPicked({ state: 'reading', file });
    let text: string;
    try {
      text = await file.text();
    } catch {
      if (read === readCount.current)
        setPicked({ state: 'invalid', file, problems: [t('boundaries.errors.unreadable')] });
      return;
    }
    // A newer pick supersedes this one.
    if (read !== readCount.current) return;
    const result = readBoundaries(text, t);
    setPicked(
      result.ok
        ? { state: 'ready', file, summary: result.summary }
        : { state: 'invalid', file, problems: result.problems },
    );
  };

  const upload = async (file: File) => {
    try {
      const { communes: n } = await communesApi.importBoundaries(file);
      setNotice(t('boundaries.importedDone', { count: n }));
      setPicked(null);
      if (inputRef.current) inputRef.current.value = '';
    } catch (e) {
      setImportError(e);
    } finally {
      setConfirming(false);
    }
  };

  const ready = picked?.state === 'ready' ? picked : null;

  return (
    <Page title={t('boundaries.title')}>
      <p>{t('boundaries.intro')}</p>
      <p>{t('boundaries.format')}</p>
      {communes.error ? (
        <ErrorMessage error={communes.error} onRetry={communes.reload} />
      ) : communes.data ? (
        <p>{t('boundaries.communeCount', { count: communes.data.length })}</p>
      ) : null}
      <Notice text={notice} />
      <h2>{t('boundaries.importHeading')}</h2>
      <div className="field file-input">
        <label htmlFor={inputId}>{t('boundaries.fileLabel')}</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          aria-describedby={`${inputId}-hint`}
          disabled={confirming}
          onChange={(e) => void pick(e)}
        />
        <p id={`${inputId}-hint`} className="hint" aria-live="polite">
          {picked?.state === 'reading' ? t('boundaries.reading') : t('boundaries.fileHint')}
        </p>
      </div>
      {picked && picked.state !== 'reading' ? (
        <dl className="details card" data-testid="boundaries-summary">
          <dt>{t('boundaries.fileName')}</dt>
          <dd>{picked.file.name}</dd>
          <dt>{t('boundaries.fileSize')}</dt>
          <dd>{fileSize(picked.file.size, formatNumber)}</dd>
          {ready ? (
            <>
              <dt>{t('boundaries.features')}</dt>
              <dd>{formatNumber(ready.summary.features)}</dd>
              <dt>{t('boundaries.communes')}</dt>
              <dd>{formatNumber(ready.summary.codes.length)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {picked?.state === 'invalid' ? (
        <div className="state state-error" role="alert">
          <p>{t('boundaries.invalidFile')}</p>
          <ul className="issue-list">
            {picked.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {ready && ready.summary.codes.length !== ready.summary.features ? (
        <p className="hint">{t('boundaries.repeatedCodes')}</p>
      ) : null}
      {importError ? <ImportError error={importError} /> : null}
      {ready ? (
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={confirming}
            onClick={() => {
              setImportError(undefined);
              setNotice('');
              setConfirming(true);
            }}
          >
            {t('boundaries.import', { count: ready.summary.codes.length })}
          </button>
        </p>
      ) : null}
      {ready && confirming ? (
        <ConfirmDialog
          title={t('boundaries.confirmTitle', { count: ready.summary.codes.length })}
          onCancel={() => setConfirming(false)}
          onConfirm={() => upload(ready.file)}
        >
          <p>{t('boundaries.confirmBody', { file: ready.file.name })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
