import type { Page } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../app/api.ts';
import { settle, useRetryingEffect } from '../app/useRequest.ts';

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; items: T[]; total: number; page: number; more: 'idle' | 'loading' | ApiError };

/**
 * A list read page by page ("Xem thêm" appends the next one). `load` must be stable (useCallback); a new `load`
 * (new filters) starts again from page 1.
 */
export function usePagedList<T>(load: (page: number, signal: AbortSignal) => Promise<Page<T>>) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' });
  const more = useRef<AbortController | null>(null);

  const retry = useRetryingEffect(
    (signal) => {
      more.current?.abort();
      setState({ status: 'loading' });
      settle(
        load(1, signal),
        signal,
        (page) =>
          setState({ status: 'success', items: page.items, total: page.total, page: 1, more: 'idle' }),
        (error) => setState({ status: 'error', error }),
      );
      return undefined;
    },
    [load],
  );

  useEffect(() => () => more.current?.abort(), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'success' || state.more === 'loading') return;
    const controller = new AbortController();
    more.current = controller;
    const nextPage = state.page + 1;
    setState({ ...state, more: 'loading' });
    settle(
      load(nextPage, controller.signal),
      controller.signal,
      (page) =>
        setState((s) =>
          s.status === 'success'
            ? {
                status: 'success',
                items: [...s.items, ...page.items],
                total: page.total,
                page: nextPage,
                more: 'idle',
              }
            : s,
        ),
      (error) => setState((s) => (s.status === 'success' ? { ...s, more: error } : s)),
    );
  }, [load, state]);

  const hasMore = state.status === 'success' && state.items.length < state.total;
  return { state, retry, loadMore, hasMore };
}

export type PagedListApi<T> = ReturnType<typeof usePagedList<T>>;
