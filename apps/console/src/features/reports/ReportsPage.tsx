import type { BulkAcceptResult, StaffReportSummary } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api.ts';
import { useSession } from '../../app/auth.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { FormError } from '../../components/Fields.tsx';
import { formatDateTimeShort } from '../../components/format.ts';
import { useDebounced, useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, Notice } from '../../components/States.tsx';
import { CurrentDeadline, PriorityText, StatusBadge } from './ReportBits.tsx';
import { type InboxFilters, ReportFilters, rememberedFilters, rememberFilters } from './ReportFilters.tsx';
import { photoUrl, reportsApi } from './reports.api.ts';
import { awaitsAcceptance, REPORT_STATUSES } from './reports.domain.ts';
import { useCategoryName } from './useCategoryName.ts';
import { useInboxLive } from './useInboxLive.ts';

const PAGE_SIZE = 20;

/** The inbox: the reports this user may handle, filtered, sorted, paged; accept several at once. */
export function ReportsPage() {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const { user, can } = useSession();
  const seesAll = can('reports.all');
  const [filters, setFilters] = useState<InboxFilters>(() => rememberedFilters(user.id));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [accepting, setAccepting] = useState(false);
  const [notice, setNotice] = useState('');
  const [failures, setFailures] = useState<BulkAcceptResult['failed']>([]);
  const [actionError, setActionError] = useState<string>();
  const q = useDebounced(filters.search.trim());

  useEffect(() => rememberFilters(user.id, filters), [user.id, filters]);

  const { page, status, categoryId, communeCode, agency, overdueOnly, mineOnly, sort } = filters;
  const load = useCallback(
    (signal: AbortSignal) =>
      reportsApi.list(
        {
          page,
          pageSize: PAGE_SIZE,
          status: REPORT_STATUSES.find((s) => s === status) ?? '',
          categoryId,
          communeCode,
          agencyId: seesAll ? agency?.id : undefined,
          assignedOfficerId: mineOnly ? user.id : undefined,
          overdue: overdueOnly ? 'true' : '',
          q,
          sort,
        },
        signal,
      ),
    [page, status, categoryId, communeCode, agency, overdueOnly, mineOnly, sort, q, seesAll, user.id],
  );
  const { data, error, loading, reload, replace } = useQuery(load);

  // Live: when reports of my scope are filed or change, the page on screen is read again quietly, keeping the
  // filters, the page, the scroll position and the ticked rows (no loading state, no reset).
  const quiet = useRef<AbortController | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a quiet refresh of older filters must not land.
  useEffect(() => () => quiet.current?.abort(), [load]);
  const refreshQuietly = useCallback(() => {
    quiet.current?.abort();
    const controller = new AbortController();
    quiet.current = controller;
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) replace(value);
      },
      () => undefined,
    );
  }, [load, replace]);
  const live = useInboxLive(refreshQuietly);

  // A selection only makes sense for the rows on screen.
  useEffect(() => {
    const visible = new Set((data?.items ?? []).filter((r) => awaitsAcceptance(r.status)).map((r) => r.code));
    setSelected((prev) => {
      const kept = [...prev].filter((c) => visible.has(c));
      return kept.length === prev.size ? prev : new Set(kept);
    });
  }, [data]);

  const acceptable = (data?.items ?? []).filter((r) => awaitsAcceptance(r.status));
  const allSelected = acceptable.length > 0 && acceptable.every((r) => selected.has(r.code));

  const toggle = (code: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });

  const bulkAccept = async () => {
    setAccepting(true);
    setNotice('');
    setFailures([]);
    setActionError(undefined);
    try {
      const result = await reportsApi.bulkAccept([...selected]);
      setNotice(t('reports.bulkAcceptDone', { count: result.accepted.length }));
      setFailures(result.failed);
      setSelected(new Set(result.failed.map((f) => f.code)));
      reload();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setAccepting(false);
    }
  };

  const columns: Column<StaffReportSummary>[] = [
    {
      key: 'select',
      className: 'cell-select',
      header: (
        <input
          type="checkbox"
          aria-label={t('reports.selectAll')}
          checked={allSelected}
          disabled={acceptable.length === 0}
          onChange={(e) => setSelected(e.target.checked ? new Set(acceptable.map((r) => r.code)) : new Set())}
        />
      ),
      cell: (r) =>
        awaitsAcceptance(r.status) ? (
          <input
            type="checkbox"
            aria-label={t('reports.selectRow', { code: r.code })}
            checked={selected.has(r.code)}
            onChange={(e) => toggle(r.code, e.target.checked)}
          />
        ) : null,
    },
    {
      key: 'code',
      header: t('reports.code'),
      cell: (r) => (
        <div className="report-code">
          {r.thumbnailPhotoId ? (
            <img className="report-thumb" src={photoUrl(r.thumbnailPhotoId, 'thumb')} alt="" loading="lazy" />
          ) : null}
          <div>
            <Link to={`/reports/${r.code}`}>{r.code}</Link>
            <span className="excerpt">{r.excerpt}</span>
          </div>
        </div>
      ),
    },
    // Short values never wrap and names get room for a few words a line; status and priority, category and
    // commune share a column so that the dispatcher's table still fits a 1366 px laptop screen.
    {
      key: 'status',
      header: t('reports.statusPriority'),
      className: 'cell-nowrap',
      cell: (r) => (
        <div className="cell-stack">
          <StatusBadge status={r.status} />
          <PriorityText priority={r.priority} />
        </div>
      ),
    },
    {
      key: 'deadline',
      header: t('reports.deadline'),
      className: 'cell-deadline',
      cell: (r) => <CurrentDeadline report={r} />,
    },
    {
      key: 'category',
      header: t('reports.categoryCommune'),
      className: 'cell-name',
      cell: (r) => (
        <div className="cell-stack">
          <span>{categoryName(r.categoryId, r.categoryName)}</span>
          <span className="muted">{r.communeName}</span>
        </div>
      ),
    },
    ...(seesAll
      ? [
          {
            key: 'agency',
            header: t('reports.agency'),
            className: 'cell-name',
            cell: (r: StaffReportSummary) => r.agencyName,
          },
        ]
      : []),
    {
      key: 'officer',
      header: t('reports.officer'),
      className: 'cell-name',
      cell: (r) => r.assignedOfficerName ?? <span className="muted">{t('reports.unassigned')}</span>,
    },
    {
      key: 'created',
      header: t('reports.createdAt'),
      className: 'cell-created',
      cell: (r) => <time dateTime={r.createdAt}>{formatDateTimeShort(r.createdAt)}</time>,
    },
  ];

  return (
    <Page
      title={t('reports.title')}
      actions={
        <button type="button" className="button" onClick={reload}>
          {t('reports.refresh')}
        </button>
      }
    >
      <Notice text={notice} />
      <FormError message={actionError} />
      {failures.length > 0 ? (
        <div className="form-error" role="alert" data-testid="bulk-failures">
          {t('reports.bulkAcceptFailed')}
          <ul className="failures">
            {failures.map((f) => (
              <li key={f.code}>
                <strong>{f.code}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="inbox-news" role="status">
        {live.newCount > 0 ? (
          <>
            <strong>{t('reports.newReports', { count: live.newCount })}</strong>
            <button type="button" className="button" onClick={live.markSeen}>
              {t('reports.markSeen')}
            </button>
          </>
        ) : null}
      </div>
      <ReportFilters
        value={filters}
        seesAll={seesAll}
        onChange={(next) => {
          setFilters({ ...next, page: 1 });
          setNotice('');
          setFailures([]);
        }}
      />
      <div className="bulk-bar">
        <button
          type="button"
          className="button button-primary"
          disabled={selected.size === 0 || accepting}
          onClick={() => void bulkAccept()}
        >
          {accepting ? t('reports.bulkAccepting') : t('reports.bulkAccept')}
        </button>
        <span role="status">{t('reports.selected', { count: selected.size })}</span>
      </div>
      {data && data.total === 0 && !loading && !error ? (
        <EmptyState text={t('reports.empty')} />
      ) : (
        <div className="inbox" data-testid="inbox">
          <DataTable
            caption={t('reports.tableCaption')}
            columns={columns}
            rows={data?.items}
            rowKey={(r) => r.id}
            loading={loading}
            error={error}
            onRetry={reload}
            paging={
              data
                ? {
                    page,
                    pageSize: PAGE_SIZE,
                    total: data.total,
                    onPage: (p) => setFilters((f) => ({ ...f, page: p })),
                  }
                : undefined
            }
          />
        </div>
      )}
    </Page>
  );
}
