import type { PlanningImport } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { formatNumber } from '../../components/format.ts';
import { planningApi } from './planning.api.ts';

interface ImportProgressStepProps {
  item: PlanningImport;
  onChanged(item: PlanningImport): void;
}

/** Step 4: the background check's progress (the page polls the import), with "Hủy nhập". */
export function ImportProgressStep({ item, onChanged }: ImportProgressStepProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const total = item.total ?? item.detected.featureCount;
  const processed = formatNumber(item.processed);
  const text =
    item.status === 'queued'
      ? t('planningImport.queued')
      : total
        ? t('planningImport.progress', { processed, total: formatNumber(total) })
        : t('planningImport.progressUnknownTotal', { processed });

  return (
    <>
      <p>{t('planningImport.checkIntro')}</p>
      <div className="progress-block" data-testid="planning-progress">
        {total && item.status === 'running' ? (
          <progress
            aria-label={t('planningImport.progressLabel')}
            max={total}
            value={Math.min(item.processed, total)}
          />
        ) : (
          <progress aria-label={t('planningImport.progressLabel')} />
        )}
        <p role="status">{item.cancelRequested ? t('planningImport.cancelRequested') : text}</p>
      </div>
      <div className="wizard-actions">
        <button
          type="button"
          className="button button-danger-outline"
          disabled={item.cancelRequested}
          onClick={() => setConfirming(true)}
        >
          {t('planningImport.cancel')}
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('planningImport.cancelTitle')}
          confirmLabel={t('planningImport.cancel')}
          cancelLabel={t('planningImport.previous')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            onChanged(await planningApi.cancel(item.id));
            setConfirming(false);
          }}
        >
          <p>{t('planningImport.cancelBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
