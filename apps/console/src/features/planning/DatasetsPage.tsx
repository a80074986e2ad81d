import type { PlanningDataset, PublicPlanningDataset } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/auth.tsx';
import { isAgencyScoped, PLANNING_STATUSES } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { useDebounced, useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { EmptyState, Notice } from '../../components/States.tsx';
import { DatasetFormDialog } from './DatasetFormDialog.tsx';
import { DatasetStatusBadge, decisionText, SampleBadge } from './PlanningBits.tsx';
import { planningApi } from './planning.api.ts';
import './planning.css';

const PAGE_SIZE = 20;

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; dataset: PlanningDataset }
  | { kind: 'delete'; dataset: PlanningDataset }
  | { kind: 'removeSample' }
  | null;

/** "Dữ liệu quy hoạch": the approved plans an agency publishes for citizens to look up. */
export function DatasetsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const admin = !isAgencyScoped(user.role);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const q = useDebounced(search.trim());

  const load = useCallback(
    (signal: AbortSignal) =>
      planningApi.list(
        { page, pageSize: PAGE_SIZE, q, status: PLANNING_STATUSES.find((s) => s === status) ?? '' },
        signal,
      ),
    [page, q, status],
  );
  const { data, error, loading, reload } = useQuery(load);
  // Sample datasets are published ones, so the public list (one small request) says whether any is left.
  const published = useQuery(
    useCallback(
      (signal: AbortSignal) => api<PublicPlanningDataset[]>('GET', '/planning/datasets', { signal }),
      [],
    ),
  );
  const hasSample =
    admin && (published.data?.some((d) => d.sample) || data?.items.some((d) => d.sample) || false);

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
    published.reload();
  };

  const columns: Column<PlanningDataset>[] = [
    {
      key: 'name',
      header: t('planning.name'),
      cell: (d) => (
        <>
          <Link to={`/planning/${d.id}`}>
            <strong>{d.name}</strong>
          </Link>
          {d.sample ? <SampleBadge /> : null}
          <br />
          <span className="muted small">{t(`planning.kinds.${d.kind}`)}</span>
        </>
      ),
    },
    { key: 'status', header: t('planning.status'), cell: (d) => <DatasetStatusBadge status={d.status} /> },
    {
      key: 'decision',
      header: t('planning.decision'),
      cell: (d) => decisionText(d, t) ?? t('common.emDash'),
    },
    {
      key: 'published',
      header: t('planning.liveHeading'),
      cell: (d) =>
        d.publishedAt ? (
          <>
            {t('planning.featureCount', { count: d.featureCount, formatted: formatNumber(d.featureCount) })}
            <br />
            <span className="muted small">{formatDateTime(d.publishedAt)}</span>
          </>
        ) : (
          <span className="muted">{t('planning.notPublished')}</span>
        ),
    },
    ...(admin
      ? [{ key: 'agency', header: t('planning.agency'), cell: (d: PlanningDataset) => d.agencyName }]
      : []),
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (d) => (
        <RowActions
          name={d.name}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', dataset: d }) },
            {
              label: t('planning.delete'),
              danger: true,
              onClick: () => setOpen({ kind: 'delete', dataset: d }),
            },
          ]}
        />
      ),
    },
  ];

  const filtered = q !== '' || status !== '';

  return (
    <Page
      title={t('planning.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('planning.add')}
        </button>
      }
    >
      <Notice text={notice} />
      {hasSample ? (
        <div className="planning-sample-bar warning-box">
          <p>{t('planning.sampleNote')}</p>
          <button
            type="button"
            className="button button-small button-danger-outline"
            onClick={() => setOpen({ kind: 'removeSample' })}
          >
            {t('planning.removeSample')}
          </button>
        </div>
      ) : null}
      <div className="filters">
        <TextField
          label={t('planning.searchLabel')}
          type="search"
          value={search}
          onChange={(v) => {
            setSearch(v);
            setPage(1);
          }}
          autoComplete="off"
        />
        <SelectField
          label={t('planning.statusFilter')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={PLANNING_STATUSES.map((s) => ({ value: s, label: t(`planning.statuses.${s}`) }))}
          placeholder={t('planning.allStatuses')}
        />
      </div>
      {data && data.total === 0 && !error ? (
        <EmptyState text={filtered ? t('planning.emptyFiltered') : t('planning.empty')} />
      ) : (
        <DataTable
          caption={t('planning.tableCaption')}
          columns={columns}
          rows={data?.items}
          rowKey={(d) => d.id}
          loading={loading}
          error={error}
          onRetry={reload}
          paging={data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined}
        />
      )}
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <DatasetFormDialog
          dataset={open.kind === 'edit' ? open.dataset : undefined}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) => {
            if (created) {
              // The next step of a new dataset is its first import.
              navigate(`/planning/${saved.id}`, {
                state: { notice: t('planning.createdDone', { name: saved.name }) },
              });
              return;
            }
            done(t('planning.savedDone', { name: saved.name }));
          }}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('planning.deleteTitle')}
          confirmLabel={t('planning.delete')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await planningApi.remove(open.dataset.id);
            done(t('planning.deletedDone', { name: open.dataset.name }));
          }}
        >
          <p>
            {t('planning.deleteBody', {
              name: open.dataset.name,
              features: formatNumber(open.dataset.featureCount),
            })}
          </p>
        </ConfirmDialog>
      ) : null}
      {open?.kind === 'removeSample' ? (
        <ConfirmDialog
          title={t('planning.removeSampleTitle')}
          confirmLabel={t('planning.removeSample')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            const { removed } = await planningApi.removeSample();
            setPage(1);
            done(t('planning.removeSampleDone', { count: removed }));
          }}
        >
          <p>{t('planning.removeSampleBody')}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
