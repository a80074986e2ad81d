import type { AuditEntry } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useAuditLabels } from './labels.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <p className="muted">{t('audit.noData')}</p>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditDetailDialog({ entry, onClose }: { entry: AuditEntry; onClose(): void }) {
  const { t } = useTranslation();
  const { actionLabel, entityLabel } = useAuditLabels();
  return (
    <Dialog title={t('audit.detailTitle')} onClose={onClose}>
      <dl className="details">
        <dt>{t('audit.time')}</dt>
        <dd>{formatDateTime(entry.at)}</dd>
        <dt>{t('audit.actor')}</dt>
        <dd>{entry.actorUsername ?? t('audit.system')}</dd>
        <dt>{t('audit.action')}</dt>
        <dd>
          {actionLabel(entry.action)} (<code>{entry.action}</code>)
        </dd>
        <dt>{t('audit.entity')}</dt>
        <dd>{entityLabel(entry.entityType)}</dd>
        <dt>{t('audit.entityId')}</dt>
        <dd>
          <code>{entry.entityId ?? t('common.emDash')}</code>
        </dd>
        <dt>{t('audit.requestId')}</dt>
        <dd>
          <code>{entry.requestId ?? t('common.emDash')}</code>
        </dd>
      </dl>
      <div className="diff">
        <section>
          <h3>{t('audit.before')}</h3>
          <Json value={entry.before} />
        </section>
        <section>
          <h3>{t('audit.after')}</h3>
          <Json value={entry.after} />
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus="" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
