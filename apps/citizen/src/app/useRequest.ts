import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

/** Any failure as an ApiError: the request helpers' own errors as they are, anything else as BAD_RESPONSE. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : '');
}

/**
 * Hands the outcome of `promise` to `onData` or `onError` (as an ApiError), unless `signal` was aborted
 * meanwhile: a component that moved on or unmounted is never updated by a request it no longer waits for.
 */
export function settle<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onData: (data: T) => void,
  onError: (error: ApiError) => void,
): void {
  promise.then(
    (data) => {
      if (!signal.aborted) onData(data);
    },
    (error: unknown) => {
      if (!signal.aborted) onError(asApiError(error));
    },
  );
}

/**
 * The fetch-with-retry loop of every screen that loads something: runs `run` after render, and again when one
 * of `deps` changes or the returned `retry` is called. Each run gets a signal that is aborted when the next run
 * starts or the component unmounts; `run` may return more to clean up (a timer, an object URL, a stream).
 * `deps` lists what `run` uses, as for useEffect.
 */
export function useRetryingEffect(
  run: (signal: AbortSignal) => undefined | (() => void),
  deps: DependencyList,
): () => void {
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps`, and `attempt`, the trigger of a new try.
  useEffect(() => {
    const controller = new AbortController();
    const cleanUp = run(controller.signal);
    return () => {
      controller.abort();
      cleanUp?.();
    };
  }, [...deps, attempt]);
  return useCallback(() => setAttempt((n) => n + 1), []);
}

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
  const retry = useRetryingEffect(
    (signal) => {
      setState({ status: 'loading' });
      settle(
        load(signal),
        signal,
        (data) => setState({ status: 'success', data }),
        (error) => setState({ status: 'error', error }),
      );
      return undefined;
    },
    [load],
  );
  return { state, retry };
}

/**
 * A blob that needs the citizen's token (a private photo, a booking's QR code) shown from an object URL: `url`
 * once it has loaded, `failed` when it could not be (until `retry`). Each URL is freed when the next load starts
 * or the component unmounts. `load` and `deps` as for {@link useRetryingEffect}.
 */
export function useObjectUrl(
  load: (signal: AbortSignal) => Promise<Blob>,
  deps: DependencyList,
): { url: string | null; failed: boolean; retry: () => void } {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const run = (signal: AbortSignal) => {
    let objectUrl: string | null = null;
    setFailed(false);
    settle(
      load(signal),
      signal,
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => setFailed(true),
    );
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` say when `load` changes.
  const retry = useRetryingEffect(run, deps);
  return { url, failed, retry };
}
