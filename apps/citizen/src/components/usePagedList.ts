import type { Page } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../app/api.ts';

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; items: T[]; total: number; page: number; more: 'idle' | 'loading' | ApiError };

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : '');

/**
 * A list read page by page ("Xem thêm" appends the next one). `load` must be stable (useCallback); a new `load`
 * (new filters) starts again from page 1.
 */
export function usePagedList<T>(load: (page: number, signal: AbortSignal) => Promise<Page<T>>) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger for a new try.
  useEffect(() => {
    const controller = new AbortController();
    more.current?.abort();
    setState({ status: 'loading' });
    load(1, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({ status: 'success', items: page.items, total: page.total, page: 1, more: 'idle' });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  useEffect(() => () => more.current?.abort(), []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'success' || state.more === 'loading') return;
    const controller = new AbortController();
    more.current = controller;
    const nextPage = state.page + 1;
    setState({ ...state, more: 'loading' });
    load(nextPage, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
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
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.status === 'success' ? { ...s, more: asApiError(error) } : s));
      },
    );
  }, [load, state]);

  const hasMore = state.status === 'success' && state.items.length < state.total;
  return { state, retry, loadMore, hasMore };
}

export type PagedListApi<T> = ReturnType<typeof usePagedList<T>>;
