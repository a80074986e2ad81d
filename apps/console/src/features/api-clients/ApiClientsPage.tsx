import type { ApiClient, IssuedApiClient } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { ApiClientFormDialog } from './ApiClientFormDialog.tsx';
import { apiClientsApi } from './api-clients.api.ts';
import { IssuedKeyDialog } from './IssuedKeyDialog.tsx';
import { open311Base } from './open311.ts';

type Open =
  | { kind: 'create' }
  | { kind: 'issued'; client: IssuedApiClient }
  | { kind: 'revoke'; client: ApiClient }
  | null;

/** Keys in use first, then the newest. */
function byStatusThenNewest(a: ApiClient, b: ApiClient): number {
  if ((a.revokedAt === null) !== (b.revokedAt === null)) return a.revokedAt === null ? -1 : 1;
  return b.createdAt.localeCompare(a.createdAt);
}

/**
 * "Ứng dụng kết nối": the systems (an operations centre, a civic-tech app) that file reports through the
 * Open311 API, each with its own key that can be revoked on its own.
 */
export function ApiClientsPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(useCallback((signal) => apiClientsApi.list(signal), []));
  const rows = data ? [...data].sort(byStatusThenNewest) : undefined;
  const base = open311Base();

  const columns: Column<ApiClient>[] = [
    { key: 'name', header: t('apiClients.name'), cell: (c) => <strong>{c.name}</strong> },
    { key: 'contact', header: t('apiClients.contact'), cell: (c) => c.contact ?? t('common.emDash') },
    {
      key: 'prefix',
      header: t('apiClients.keyPrefix'),
      cell: (c) => <code>{t('apiClients.prefixValue', { prefix: c.keyPrefix })}</code>,
    },
    {
      key: 'created',
      header: t('apiClients.createdAt'),
      className: 'cell-nowrap',
      cell: (c) => formatDateTime(c.createdAt),
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (c) =>
        c.revokedAt === null ? (
          <span className="badge badge-on">{t('apiClients.statusActive')}</span>
        ) : (
          <span className="badge badge-off">
            {t('apiClients.statusRevoked', { date: formatDateTime(c.revokedAt) })}
          </span>
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (c) => (
        <RowActions
          name={c.name}
          actions={[
            c.revokedAt === null && {
              label: t('apiClients.revoke'),
              danger: true,
              onClick: () => setOpen({ kind: 'revoke', client: c }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('apiClients.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('apiClients.add')}
        </button>
      }
    >
      <p>{t('apiClients.intro')}</p>
      <p>
        {t('apiClients.baseUrl')} <code>{base}</code>{' '}
        <a href={`${base}discovery.json`}>{t('apiClients.discovery')}</a>
      </p>
      <Notice text={notice} />
      <DataTable
        caption={t('apiClients.tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' ? (
        <ApiClientFormDialog
          onCancel={() => setOpen(null)}
          onIssued={(client) => {
            setOpen({ kind: 'issued', client });
            setNotice(t('apiClients.issuedDone', { name: client.name }));
            reload();
          }}
        />
      ) : null}
      {open?.kind === 'issued' ? (
        <IssuedKeyDialog client={open.client} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'revoke' ? (
        <ConfirmDialog
          title={t('apiClients.revokeTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await apiClientsApi.revoke(open.client.id);
            setOpen(null);
            setNotice(t('apiClients.revokedDone', { name: open.client.name }));
            reload();
          }}
        >
          <p>
            {t('apiClients.revokeBody', {
              name: open.client.name,
              prefix: t('apiClients.prefixValue', { prefix: open.client.keyPrefix }),
            })}
          </p>
          <p>
            <strong>{t('apiClients.revokeIrreversible')}</strong>
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
