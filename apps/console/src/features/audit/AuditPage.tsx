import type { AuditEntry } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { AuditDetailDialog } from './AuditDetailDialog.tsx';
import { auditApi } from './audit.api.ts';
import { useAuditLabels } from './labels.ts';

const PAGE_SIZE = 25;

export function AuditPage() {
  const { t } = useTranslation();
  const { actionLabel, entityLabel } = useAuditLabels();
  const [page, setPage] = useState(1);
  const [entityType, setEntityType] = useState('');
  const [action, setAction] = useState('');
  const [shown, setShown] = useState<AuditEntry | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => auditApi.list({ page, pageSize: PAGE_SIZE, entityType, action }, signal),
    [page, entityType, action],
  );
  const { data, error, loading, reload } = useQuery(load);

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.time'), cell: (e) => formatDateTime(e.at), className: 'cell-nowrap' },
    { key: 'actor', header: t('audit.actor'), cell: (e) => e.actorUsername ?? t('audit.system') },
    { key: 'action', header: t('audit.action'), cell: (e) => actionLabel(e.action) },
    { key: 'entity', header: t('audit.entity'), cell: (e) => entityLabel(e.entityType) },
    {
      key: 'entityId',
      header: t('audit.entityId'),
      cell: (e) => <code className="id">{e.entityId ?? t('common.emDash')}</code>,
    },
    {
      key: 'details',
      header: t('audit.details'),
      className: 'cell-actions',
      cell: (e) => (
        <RowActions
          name={`${actionLabel(e.action)} ${formatDateTime(e.at)}`}
          actions={[{ label: t('audit.viewDetails'), onClick: () => setShown(e) }]}
        />
      ),
    },
  ];

  return (
    <Page title={t('audit.title')}>
      <div className="filters">
        <SelectField
          label={t('audit.entityFilter')}
          value={entityType}
          onChange={(v) => {
            setEntityType(v);
            setPage(1);
          }}
          options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e) }))}
          placeholder={t('audit.allEntities')}
        />
        <SelectField
          label={t('audit.actionFilter')}
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          placeholder={t('audit.allActions')}
        />
        <button type="button" className="button filters-button" onClick={reload}>
          {t('audit.refresh')}
        </button>
      </div>
      <DataTable
        caption={t('audit.tableCaption')}
        columns={columns}
        rows={data?.items}
        rowKey={(e) => e.id}
        loading={loading}
        error={error}
        onRetry={reload}
        paging={data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined}
      />
      {shown ? <AuditDetailDialog entry={shown} onClose={() => setShown(null)} /> : null}
    </Page>
  );
}
