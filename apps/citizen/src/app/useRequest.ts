import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; data: T };

/**
 * Runs `load` when the component mounts (and again on `retry`), cancelling it on unmount.
 * `load` must be stable (define it at module level or with useCallback).
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>): {
  state: RequestState<T>;
  retry: () => void;
} {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger for a new try.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : '');
        setState({ status: 'error', error: apiError });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
