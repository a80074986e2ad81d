import type { PlanningImport } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useSession } from '../../app/auth.tsx';
import { isAgencyScoped } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { EmptyState, ErrorMessage, Loading, Notice } from '../../components/States.tsx';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { DatasetFormDialog } from './DatasetFormDialog.tsx';
import {
  DatasetStatusBadge,
  decisionText,
  fileSize,
  ImportStatusBadge,
  periodText,
  SampleBadge,
} from './PlanningBits.tsx';
import { planningApi } from './planning.api.ts';
import './planning.css';

function noticeOf(state: unknown): string {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string'
    ? state.notice
    : '';
}

/** One dataset: what it is, what is published of it, and its imports; "Nhập dữ liệu" starts the wizard. */
export function DatasetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { user } = useSession();
  const [notice, setNotice] = useState(() => noticeOf(location.state));
  const [editing, setEditing] = useState(false);
  const dataset = useQuery(useCallback((signal: AbortSignal) => planningApi.get(id, signal), [id]));
  const imports = useQuery(useCallback((signal: AbortSignal) => planningApi.imports(id, signal), [id]));
  const communes = useQuery(useCallback(() => loadCommunes(), []));

  if (dataset.error) {
    return (
      <Page title={t('planning.title')}>
        <ErrorMessage error={dataset.error} onRetry={dataset.reload} />
        <p>
          <Link to="/planning">{t('planning.back')}</Link>
        </p>
      </Page>
    );
  }
  const d = dataset.data;
  if (!d) return <Loading />;

  const communeNames = d.communeCodes.map(
    (code) => communes.data?.find((c) => c.code === code)?.name ?? code,
  );
  const live = imports.data?.find((i) => i.id === d.liveImportId);

  const columns: Column<PlanningImport>[] = [
    {
      key: 'status',
      header: t('planning.importStatus'),
      cell: (i) => (
        <>
          <ImportStatusBadge status={i.status} />
          <br />
          <span className="muted small">{formatDateTime(i.createdAt)}</span>
        </>
      ),
    },
    {
      key: 'file',
      header: t('planning.file'),
      cell: (i) => (
        <>
          {i.fileName}
          <br />
          <span className="muted small">
            {fileSize(i.fileSize)}
            {i.createdBy ? ` · ${i.createdBy}` : ''}
          </span>
        </>
      ),
    },
    {
      key: 'counts',
      header: t('planning.counts'),
      cell: (i) =>
        i.report ? (
          <>
            {t('planning.countsValue', {
              accepted: formatNumber(i.report.accepted),
              total: formatNumber(i.report.total),
            })}
            {i.report.errors > 0 ? (
              <>
                <br />
                <span className="badge badge-danger">
                  {t('planning.errorsValue', { count: i.report.errors })}
                </span>
              </>
            ) : null}
            {i.report.warnings > 0 ? (
              <>
                <br />
                <span className="badge badge-warn">
                  {t('planning.warningsValue', { count: i.report.warnings })}
                </span>
              </>
            ) : null}
          </>
        ) : (
          t('common.emDash')
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (i) => (
        <RowActions
          name={i.fileName}
          actions={[
            {
              label:
                i.status === 'uploaded' || i.status === 'validated'
                  ? t('planning.continueImport')
                  : t('planning.viewImport'),
              to: `/planning/${d.id}/imports/${i.id}`,
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={d.name}
      actions={
        <div className="planning-head-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          <Link to={`/planning/${d.id}/import`} className="button button-primary">
            {t('planning.import')}
          </Link>
        </div>
      }
    >
      <p>
        <Link to="/planning">{t('planning.back')}</Link>
      </p>
      <Notice text={notice} />
      <h2>{t('planning.detailHeading')}</h2>
      <dl className="details card" data-testid="dataset-details">
        <dt>{t('planning.kind')}</dt>
        <dd>
          {t(`planning.kinds.${d.kind}`)}
          {d.sample ? <SampleBadge /> : null}
        </dd>
        <dt>{t('planning.status')}</dt>
        <dd>
          <DatasetStatusBadge status={d.status} />
        </dd>
        <dt>{t('planning.decision')}</dt>
        <dd>
          {decisionText(d, t) ?? t('common.emDash')}
          {d.decision?.authority ? ` — ${d.decision.authority}` : null}
          {d.decision?.url ? (
            <>
              {' '}
              <a href={d.decision.url} target="_blank" rel="noopener noreferrer">
                {t('planning.decisionUrl')}
              </a>
            </>
          ) : null}
        </dd>
        <dt>{t('planning.scale')}</dt>
        <dd>{d.scale ?? t('common.emDash')}</dd>
        <dt>{t('planning.period')}</dt>
        <dd>{periodText(d.periodStart, d.periodEnd) ?? t('common.emDash')}</dd>
        <dt>{t('planning.communes')}</dt>
        <dd>{communeNames.length ? communeNames.join(', ') : t('common.emDash')}</dd>
        {!isAgencyScoped(user.role) ? (
          <>
            <dt>{t('planning.agency')}</dt>
            <dd>{d.agencyName}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('planning.liveHeading')}</h2>
      {d.liveImportId ? (
        <dl className="details card" data-testid="dataset-live">
          <dt>{t('planning.features')}</dt>
          <dd>{formatNumber(d.featureCount)}</dd>
          <dt>{t('planning.publishedAt')}</dt>
          <dd>{d.publishedAt ? formatDateTime(d.publishedAt) : t('common.emDash')}</dd>
          {live ? (
            <>
              <dt>{t('planning.liveImport')}</dt>
              <dd>
                <Link to={`/planning/${d.id}/imports/${live.id}`}>{live.fileName}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t('planning.liveNone')}</p>
      )}
      <h2>{t('planning.historyHeading')}</h2>
      {imports.data && imports.data.length === 0 ? (
        <EmptyState text={t('planning.historyEmpty')} />
      ) : (
        <DataTable
          caption={t('planning.historyCaption')}
          columns={columns}
          rows={imports.data}
          rowKey={(i) => i.id}
          loading={imports.loading}
          error={imports.error}
          onRetry={imports.reload}
        />
      )}
      {editing ? (
        <DatasetFormDialog
          dataset={d}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            dataset.replace(saved);
            setNotice(t('planning.savedDone', { name: saved.name }));
          }}
        />
      ) : null}
    </Page>
  );
}
