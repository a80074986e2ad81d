import type { ZaloDelivery, ZaloDeliveryStatus } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZALO_DELIVERY_STATUSES } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { RowActions } from '../../components/RowActions.tsx';
import { EmptyState, Notice } from '../../components/States.tsx';
import { zaloApi } from './zalo.api.ts';

const PAGE_SIZE = 25;

/** Codes the console explains in words; any other shows as the code with Zalo's own message. */
const EXPLAINED = [
  'CHANNEL_OFF',
  'TEMPLATE_MISSING',
  'NO_PHONE',
  'OPTED_OUT',
  'NOT_LINKED',
  'EXPIRED',
  'GONE',
  'NETWORK',
  'TIMEOUT',
  'NO_OA_TOKEN',
  'APP_NOT_CONFIGURED',
  'OA_TOKEN_UNREADABLE',
  'ZNS-108',
  'ZNS-109',
  'ZNS-112',
  'ZNS-115',
  'ZNS-124',
  'OA-213',
  'OA-230',
] as const;
type Explained = (typeof EXPLAINED)[number];
const isExplained = (code: string): code is Explained => (EXPLAINED as readonly string[]).includes(code);

const BADGE: Record<ZaloDeliveryStatus, string> = {
  sent: 'badge badge-on',
  pending: 'badge badge-warn',
  failed: 'badge badge-off',
  skipped: 'badge',
};

/** The delivery log: one line per notification of an opted-in citizen, newest first, phones masked. */
export function ZaloDeliveryLog() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ZaloDeliveryStatus | ''>('');
  const [retrying, setRetrying] = useState<ZaloDelivery | null>(null);
  const [notice, setNotice] = useState('');
  const load = useCallback(
    (signal: AbortSignal) => zaloApi.deliveries({ page, pageSize: PAGE_SIZE, status }, signal),
    [page, status],
  );
  const { data, error, loading, reload } = useQuery(load);

  const problem = (d: ZaloDelivery) => {
    if (!d.lastErrorCode) return t('common.emDash');
    const words = isExplained(d.lastErrorCode) ? t(`zalo.errors.${d.lastErrorCode}`) : d.lastError;
    return (
      <>
        <code>{d.lastErrorCode}</code>
        {words ? <span className="muted small"> {words}</span> : null}
      </>
    );
  };

  const columns: Column<ZaloDelivery>[] = [
    {
      key: 'created',
      header: t('zalo.log.createdAt'),
      className: 'cell-nowrap',
      cell: (d) => formatDateTime(d.createdAt),
    },
    { key: 'kind', header: t('zalo.log.kind'), cell: (d) => t(`zalo.kinds.${d.kind}`) },
    {
      key: 'subject',
      header: t('zalo.log.subject'),
      cell: (d) => <code>{d.reportCode ?? d.ticket ?? t('common.emDash')}</code>,
    },
    { key: 'recipient', header: t('zalo.log.recipient'), cell: (d) => d.recipient ?? t('common.emDash') },
    { key: 'channel', header: t('zalo.log.channel'), cell: (d) => t(`zalo.channels.${d.channel}`) },
    {
      key: 'status',
      header: t('common.status'),
      cell: (d) => <span className={BADGE[d.status]}>{t(`zalo.statuses.${d.status}`)}</span>,
    },
    { key: 'attempts', header: t('zalo.log.attempts'), className: 'cell-number', cell: (d) => d.attempts },
    { key: 'problem', header: t('zalo.log.problem'), cell: problem },
    {
      key: 'when',
      header: t('zalo.log.when'),
      className: 'cell-nowrap',
      cell: (d) =>
        d.sentAt
          ? t('zalo.log.sentAt', { time: formatDateTime(d.sentAt) })
          : d.nextAttemptAt
            ? t('zalo.log.nextAt', { time: formatDateTime(d.nextAttemptAt) })
            : t('common.emDash'),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (d) => (
        <RowActions
          name={d.reportCode ?? d.ticket ?? ''}
          actions={[d.status === 'failed' && { label: t('zalo.log.retry'), onClick: () => setRetrying(d) }]}
        />
      ),
    },
  ];

  return (
    <section aria-labelledby="zalo-log-title">
      <h2 id="zalo-log-title">{t('zalo.log.title')}</h2>
      <p>{t('zalo.log.intro')}</p>
      <div className="filters">
        <SelectField
          label={t('zalo.log.statusFilter')}
          value={status}
          onChange={(v) => {
            setStatus(v as ZaloDeliveryStatus | '');
            setPage(1);
          }}
          options={ZALO_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`zalo.statuses.${s}`) }))}
          placeholder={t('zalo.log.allStatuses')}
        />
        <button type="button" className="button filters-button" onClick={reload}>
          {t('zalo.log.refresh')}
        </button>
      </div>
      <Notice text={notice} />
      {data && data.total === 0 && !status ? (
        <EmptyState text={t('zalo.log.empty')} />
      ) : (
        <DataTable
          caption={t('zalo.log.caption')}
          columns={columns}
          rows={data?.items}
          rowKey={(d) => d.id}
          loading={loading}
          error={error}
          onRetry={reload}
          paging={data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined}
        />
      )}
      {retrying ? (
        <ConfirmDialog
          title={t('zalo.log.retryTitle')}
          onCancel={() => setRetrying(null)}
          onConfirm={async () => {
            await zaloApi.retry(retrying.id);
            setRetrying(null);
            setNotice(t('zalo.log.retried', { subject: retrying.reportCode ?? retrying.ticket ?? '' }));
            reload();
          }}
        >
          <p>
            {t('zalo.log.retryBody', {
              subject: retrying.reportCode ?? retrying.ticket ?? '',
              recipient: retrying.recipient ?? t('common.emDash'),
            })}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
