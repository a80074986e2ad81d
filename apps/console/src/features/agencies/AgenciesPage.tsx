import type { Agency, Commune } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { AGENCY_KINDS } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FormError, SelectField, TextField } from '../../components/Fields.tsx';
import { useDebounced, useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { AgencyFormDialog } from './AgencyFormDialog.tsx';
import { agenciesApi } from './agencies.api.ts';

const PAGE_SIZE = 20;

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; agency: Agency }
  | { kind: 'deactivate'; agency: Agency }
  | null;

export function AgenciesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<string>();
  const q = useDebounced(search.trim());

  const load = useCallback(
    (signal: AbortSignal) =>
      agenciesApi.list(
        {
          page,
          pageSize: PAGE_SIZE,
          q,
          kind: AGENCY_KINDS.find((k) => k === kind) ?? '',
          active: status === 'true' || status === 'false' ? status : '',
        },
        signal,
      ),
    [page, q, kind, status],
  );
  const { data, error, loading, reload } = useQuery(load);
  const communes = useQuery(useCallback(() => loadCommunes(), []));
  const communeName = (code: string | null): string => {
    if (!code) return t('common.emDash');
    return communes.data?.find((c: Commune) => c.code === code)?.fullName ?? code;
  };

  const done = (message: string) => {
    setOpen(null);
    setActionError(undefined);
    setNotice(message);
    reload();
  };

  const reactivate = async (agency: Agency) => {
    setNotice('');
    try {
      await agenciesApi.update(agency.id, { active: true });
      done(t('agencies.reactivatedDone', { name: agency.name }));
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  const filter = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };

  const columns: Column<Agency>[] = [
    { key: 'code', header: t('agencies.code'), cell: (a) => <code>{a.code}</code> },
    { key: 'name', header: t('agencies.name'), cell: (a) => a.name },
    { key: 'kind', header: t('agencies.kind'), cell: (a) => t(`agencyKinds.${a.kind}`) },
    { key: 'commune', header: t('agencies.commune'), cell: (a) => communeName(a.communeCode) },
    { key: 'phone', header: t('agencies.phone'), cell: (a) => a.phone ?? t('common.emDash') },
    {
      key: 'status',
      header: t('common.status'),
      cell: (a) => (
        <span className={a.active ? 'badge badge-on' : 'badge badge-off'}>
          {a.active ? t('common.active') : t('common.inactive')}
        </span>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (a) => (
        <RowActions
          name={a.name}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', agency: a }) },
            a.active
              ? {
                  label: t('agencies.deactivate'),
                  danger: true,
                  onClick: () => setOpen({ kind: 'deactivate', agency: a }),
                }
              : { label: t('agencies.reactivate'), onClick: () => void reactivate(a) },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('agencies.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('agencies.add')}
        </button>
      }
    >
      <Notice text={notice} />
      <FormError message={actionError} />
      <div className="filters">
        <TextField
          label={t('agencies.searchLabel')}
          type="search"
          value={search}
          onChange={filter(setSearch)}
          autoComplete="off"
        />
        <SelectField
          label={t('agencies.kindFilter')}
          value={kind}
          onChange={filter(setKind)}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
          placeholder={t('agencies.allKinds')}
        />
        <SelectField
          label={t('agencies.statusFilter')}
          value={status}
          onChange={filter(setStatus)}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          placeholder={t('agencies.allStatuses')}
        />
      </div>
      <DataTable
        caption={t('agencies.tableCaption')}
        columns={columns}
        rows={data?.items}
        rowKey={(a) => a.id}
        loading={loading}
        error={error}
        onRetry={reload}
        paging={data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <AgencyFormDialog
          agency={open.kind === 'edit' ? open.agency : undefined}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) =>
            done(t(created ? 'agencies.createdDone' : 'agencies.savedDone', { name: saved.name }))
          }
        />
      ) : null}
      {open?.kind === 'deactivate' ? (
        <ConfirmDialog
          title={t('agencies.deactivateTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await agenciesApi.update(open.agency.id, { active: false });
            done(t('agencies.deactivatedDone', { name: open.agency.name }));
          }}
        >
          <p>{t('agencies.deactivateBody', { name: open.agency.name })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
