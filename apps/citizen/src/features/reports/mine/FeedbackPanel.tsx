import type { MyReport } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { ApiError } from '../../../app/api.ts';
import { Icon } from '../../../components/Icon.tsx';
import { errorText } from '../../../components/RequestStatus.tsx';
import { formatDateTime } from '../../../lib/dates.ts';
import { rateReport, reportNotFixed } from '../reports.api.ts';

const MAX_NOTE = 2000;

function Star({ filled }: { filled: boolean }) {
  return (
    <svg width={40} height={40} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinejoin="round"
      />
    </svg>
  );
}

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : '');

/**
 * After the result is published, the reporter has a few days to rate it (1–5 stars) or to say it is not fixed,
 * which reopens the report. Saying "not fixed" asks for a short note and a confirmation first.
 */
export function FeedbackPanel({ report, onUpdated }: { report: MyReport; onUpdated: (r: MyReport) => void }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(0);
  const [mode, setMode] = useState<'rate' | 'note' | 'confirm'>('rate');
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (!report.feedbackUntil || new Date(report.feedbackUntil).getTime() <= Date.now()) return null;

  const run = (call: () => Promise<MyReport>) => {
    setBusy(true);
    setError(null);
    call().then(
      (updated) => {
        setBusy(false);
        onUpdated(updated);
      },
      (e: unknown) => {
        setBusy(false);
        setError(asApiError(e));
      },
    );
  };

  return (
    <section className="report-section feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('reports.feedback.title')}</h2>
      <p className="hint">{t('reports.feedback.until', { until: formatDateTime(report.feedbackUntil) })}</p>
      {error && (
        <p className="field-error" role="alert">
          {errorText(error, t)}
        </p>
      )}

      {mode === 'rate' && (
        <>
          <fieldset className="stars">
            <legend>{t('reports.feedback.rateLegend')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={`star${n <= rating ? ' star-on' : ''}`}>
                <input
                  type="radio"
                  name="rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => setRating(n)}
                  className="visually-hidden"
                />
                <Star filled={n <= rating} />
                <span className="visually-hidden">{t('reports.feedback.stars', { count: n })}</span>
              </label>
            ))}
          </fieldset>
          {rating > 0 && <p>{t(`reports.feedback.scale.${rating as 1 | 2 | 3 | 4 | 5}`)}</p>}
          <div className="button-stack">
            <Button
              size="large"
              fullWidth
              disabled={rating === 0 || busy}
              onClick={() => run(() => rateReport(report.code, rating))}
            >
              {busy ? t('reports.sending') : t('reports.feedback.sendRating')}
            </Button>
            <Button
              variant="secondary"
              size="large"
              fullWidth
              prefixIcon={<Icon name="alert" />}
              onClick={() => setMode('note')}
            >
              {t('reports.feedback.notFixed')}
            </Button>
          </div>
        </>
      )}

      {mode !== 'rate' && (
        <div className="form">
          <div className="field">
            <label htmlFor="not-fixed-note">{t('reports.feedback.noteLabel')}</label>
            <textarea
              id="not-fixed-note"
              rows={4}
              maxLength={MAX_NOTE}
              value={note}
              readOnly={mode === 'confirm'}
              aria-invalid={noteMissing || undefined}
              onChange={(e) => {
                setNote(e.target.value);
                setNoteMissing(false);
              }}
            />
            {noteMissing && (
              <p className="field-error" role="alert">
                {t('reports.feedback.noteRequired')}
              </p>
            )}
          </div>
          {mode === 'note' ? (
            <div className="button-stack">
              <Button
                size="large"
                fullWidth
                onClick={() => {
                  if (note.trim() === '') setNoteMissing(true);
                  else setMode('confirm');
                }}
              >
                {t('reports.feedback.continue')}
              </Button>
              <Button variant="tertiary" size="large" fullWidth onClick={() => setMode('rate')}>
                {t('reports.feedback.cancel')}
              </Button>
            </div>
          ) : (
            <section className="confirm-box" aria-labelledby="confirm-title" aria-describedby="confirm-body">
              <p id="confirm-title" className="confirm-title">
                {t('reports.feedback.confirmTitle')}
              </p>
              <p id="confirm-body">{t('reports.feedback.confirmBody')}</p>
              <div className="button-stack">
                <Button
                  size="large"
                  fullWidth
                  disabled={busy}
                  onClick={() => run(() => reportNotFixed(report.code, note.trim()))}
                >
                  {busy ? t('reports.sending') : t('reports.feedback.confirmSend')}
                </Button>
                <Button
                  variant="tertiary"
                  size="large"
                  fullWidth
                  disabled={busy}
                  onClick={() => setMode('note')}
                >
                  {t('reports.feedback.cancel')}
                </Button>
              </div>
            </section>
          )}
        </div>
      )}
    </section>
  );
}
