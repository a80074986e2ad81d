import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { Loading, RequestError } from './RequestStatus.tsx';
import type { PagedListApi } from './usePagedList.ts';

/** Loading, error, empty, the items, and "Xem thêm" while there are more: the same for every list here. */
export function PagedList<T>({
  list,
  empty,
  label,
  renderItem,
}: {
  list: PagedListApi<T>;
  empty: ReactNode;
  label: string;
  renderItem: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { state, retry, loadMore, hasMore } = list;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <RequestError error={state.error} onRetry={retry} />;
  if (state.items.length === 0) return <>{empty}</>;
  return (
    <>
      <ul className="report-list" aria-label={label}>
        {state.items.map(renderItem)}
      </ul>
      <p className="hint list-count">
        {t('reports.list.shown', { shown: state.items.length, total: state.total })}
      </p>
      {state.more !== 'idle' && state.more !== 'loading' && (
        <RequestError error={state.more} onRetry={loadMore} />
      )}
      {hasMore && state.more === 'idle' && (
        <Button variant="secondary" size="large" fullWidth onClick={loadMore}>
          {t('reports.list.more')}
        </Button>
      )}
      {state.more === 'loading' && <Loading />}
    </>
  );
}
