import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, Loading } from './States.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  className?: string;
}

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}

interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey(row: T): string;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  paging?: Paging;
}

/** A data table with a caption, loading/empty/error states and optional server-side paging. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  error,
  onRetry,
  paging,
}: DataTableProps<T>) {
  if (error) return <ErrorMessage error={error} onRetry={onRetry} />;
  if (!rows) return <Loading />;
  return (
    <>
      {loading ? <Loading /> : null}
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={loading || undefined}>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.className}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {paging ? <Pagination {...paging} /> : null}
    </>
  );
}

export function Pagination({ page, pageSize, total, onPage }: Paging) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t('table.pagination')}>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('table.previous')}
      </button>
      <span>
        {t('table.pageOf', { page, pages })} · {t('table.total', { count: total })}
      </span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('table.next')}
      </button>
    </nav>
  );
}
