import type { ErrorBody } from '@dltt/contracts';

/** Codes made on this side when no error body came back; the server's own codes pass through unchanged. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE';

/** An API call that failed: `code` is stable for the program, `message` is the server's Vietnamese text (if any). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  constructor(code: string, message: string, status = 0, requestId?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

const API_BASE = '/api/v1';
const DEFAULT_TIMEOUT_MS = 15_000;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/**
 * GETs `/api/v1<path>` and returns the parsed JSON. Rejects with an {@link ApiError} on any failure: the server's
 * error body when there is one, else NETWORK_ERROR, TIMEOUT or BAD_RESPONSE. The body is trusted to match the
 * contract's type (the server validates its responses), so no schema library ships to the phone.
 */
export async function apiGet<T>(
  path: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    let response: Response;
    try {
      response = await fetch(API_BASE + path, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) throw new ApiError('TIMEOUT', 'Request timed out');
      if (options.signal?.aborted) throw error;
      throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      if (isErrorBody(body)) {
        throw new ApiError(body.error.code, body.error.message, response.status, body.error.requestId);
      }
      throw new ApiError('BAD_RESPONSE', `HTTP ${response.status}`, response.status);
    }
    if (body === undefined) throw new ApiError('BAD_RESPONSE', 'Response is not JSON', response.status);
    return body as T;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
