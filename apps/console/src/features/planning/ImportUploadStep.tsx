import type { PlanningImport } from '@dltt/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { fileSize } from './PlanningBits.tsx';
import { planningApi } from './planning.api.ts';

const ACCEPTED = /\.(zip|geojson|json)$/i;

/** What to say about a refused upload: too large (413) and unreadable (422) in the officer's words. */
function uploadError(error: unknown, t: (key: 'planningImport.tooLarge') => string): string {
  if (error instanceof ApiError && error.status === 413) return t('planningImport.tooLarge');
  return errorMessage(error);
}

interface ImportUploadStepProps {
  datasetId: string;
  onUploaded(item: PlanningImport): void;
}

/** Step 1: choose the file and send it, with the share sent so far. */
export function ImportUploadStep({ datasetId, onUploaded }: ImportUploadStepProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string>();
  const [sent, setSent] = useState<number | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    if (!file) {
      setProblem(t('planningImport.chooseFile'));
      inputRef.current?.focus();
      return;
    }
    if (!ACCEPTED.test(file.name)) {
      setProblem(t('planningImport.fileWrongType'));
      inputRef.current?.focus();
      return;
    }
    setSent(0);
    try {
      onUploaded(await planningApi.upload(datasetId, file, setSent));
    } catch (e) {
      setProblem(uploadError(e, t));
      setSent(null);
    }
  };

  const busy = sent !== null;
  const percent = Math.round((sent ?? 0) * 100);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className={problem ? 'field file-input field-invalid' : 'field file-input'}>
        <label htmlFor={inputId}>{t('planningImport.fileLabel')}</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".zip,.geojson,.json,application/zip,application/geo+json,application/json"
          aria-describedby={problem ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
          aria-invalid={problem ? true : undefined}
          disabled={busy}
          data-testid="planning-file"
          onChange={(e) => {
            setProblem(undefined);
            setFile(e.currentTarget.files?.[0] ?? null);
          }}
        />
        <p id={`${inputId}-hint`} className="hint">
          {t('planningImport.fileHint')}
        </p>
        {problem ? (
          <p id={`${inputId}-error`} className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {file ? (
        <p className="muted">
          {file.name} ({fileSize(file.size)})
        </p>
      ) : null}
      {busy ? (
        <div className="progress-block">
          <progress aria-label={t('planningImport.uploadProgress')} max={100} value={percent} />
          <p role="status">{t('planningImport.uploading', { percent })}</p>
        </div>
      ) : null}
      <div className="wizard-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('planningImport.upload')}
        </button>
      </div>
    </form>
  );
}
