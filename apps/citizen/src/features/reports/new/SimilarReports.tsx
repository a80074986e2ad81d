import type { NearbyReport } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { ApiError } from '../../../app/api.ts';
import { Icon } from '../../../components/Icon.tsx';
import { errorText } from '../../../components/RequestStatus.tsx';
import { formatDate } from '../../../lib/dates.ts';
import { useSentCodes } from '../../../lib/sent-reports.ts';
import { PublicPhoto, StatusBadge } from '../ReportBits.tsx';
import { followReport, useCategoryLabel } from '../reports.api.ts';

/**
 * "Có phải sự việc này?": open reports of the same category a few steps away. Following one instead of sending
 * a copy spares the agency a duplicate and still brings the person every update.
 */
export function SimilarReports({
  reports,
  onFollowed,
  onNotThese,
}: {
  reports: NearbyReport[];
  /** `own`: the person sent that report themselves (the server refuses to let them follow it). */
  onFollowed: (code: string, own: boolean) => void;
  onNotThese: () => void;
}) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const own = useSentCodes();

  const follow = (code: string) => {
    setBusy(code);
    setError(null);
    followReport(code).then(
      () => onFollowed(code, false),
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'OWN_REPORT') {
          onFollowed(code, true);
          return;
        }
        setBusy(null);
        setError(e instanceof ApiError ? e : new ApiError('NETWORK_ERROR', ''));
      },
    );
  };

  return (
    <section className="step-body" aria-labelledby="similar-title">
      <h2 id="similar-title" className="step-title">
        {t('reports.similar.title')}
      </h2>
      <p>{t('reports.similar.intro')}</p>
      {error && (
        <p className="field-error" role="alert">
          {errorText(error, t)}
        </p>
      )}
      <ul className="similar-list">
        {reports.map((report) => {
          const photo = report.photos.find((p) => p.kind === 'before');
          return (
            <li key={report.code}>
              <article className="similar-card" aria-labelledby={`similar-${report.code}`}>
                {photo && (
                  <PublicPhoto id={photo.id} size="thumb" alt={t('reports.photos.beforeAlt', { n: 1 })} />
                )}
                <div className="similar-body">
                  <h3>{categoryLabel(report)}</h3>
                  <p id={`similar-${report.code}`} className="similar-code">
                    {report.code}
                  </p>
                  <p className="meta">
                    <StatusBadge status={report.status} />
                    <span>{t('reports.similar.distance', { metres: Math.round(report.distanceM) })}</span>
                    <span>{formatDate(report.createdAt)}</span>
                  </p>
                  <p className="excerpt">{report.description}</p>
                  {report.address && <p className="hint">{report.address}</p>}
                  {own.has(report.code) ? (
                    <>
                      <p className="own-tag">{t('reports.similar.yours')}</p>
                      <Button
                        size="large"
                        fullWidth
                        disabled={busy !== null}
                        prefixIcon={<Icon name="check" />}
                        aria-describedby={`similar-${report.code}`}
                        onClick={() => onFollowed(report.code, true)}
                      >
                        {t('reports.similar.isMine')}
                      </Button>
                    </>
                  ) : (
                    <Button
                      size="large"
                      fullWidth
                      disabled={busy !== null}
                      prefixIcon={<Icon name="bell" />}
                      aria-describedby={`similar-${report.code}`}
                      onClick={() => follow(report.code)}
                    >
                      {busy === report.code ? t('reports.sending') : t('reports.similar.follow')}
                    </Button>
                  )}
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('reports.similar.followHint')}</p>
      <Button variant="secondary" size="large" fullWidth disabled={busy !== null} onClick={onNotThese}>
        {t('reports.similar.notThese')}
      </Button>
    </section>
  );
}
