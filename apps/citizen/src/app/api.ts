import type { ErrorBody } from '@dltt/contracts';
import { currentLanguage } from '../i18n/index.ts';

/** Codes made on this side when no error body came back; the server's own codes pass through unchanged. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE';

/** An API call that failed: `code` is stable for the program, `message` is the server's Vietnamese text (if any). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** What the server added to the code, e.g. `{ until }` for BOOKING_BLOCKED; shape depends on the code. */
  readonly details: unknown;
  constructor(code: string, message: string, status = 0, requestId?: string, details?: unknown) {
    super(message);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
  }
}

/**
 * Where the API is: the page's own server on the web; the Zalo build runs on Zalo's host (h5.zdn.vn), so it is
 * built with VITE_API_ORIGIN naming our server (docs/ZALO.md).
 */
export const API_BASE = `${import.meta.env.VITE_API_ORIGIN ?? ''}/api/v1`;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

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

/** The {@link ApiError} for a failed response, from its parsed body (undefined when it was not JSON). */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body))
    return new ApiError(
      body.error.code,
      body.error.message,
      status,
      body.error.requestId,
      body.error.details,
    );
  return new ApiError('BAD_RESPONSE', `HTTP ${status}`, status);
}

/** The server words its error messages in the language the app shows. */
export function languageHeaders(): Record<string, string> {
  return { 'accept-language': currentLanguage() };
}

async function request(
  method: string,
  path: string,
  init: { body?: BodyInit; contentType?: string; accept: string },
  options: RequestOptions,
): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const headers: Record<string, string> = { accept: init.accept, ...languageHeaders(), ...options.headers };
    if (init.contentType) headers['content-type'] = init.contentType;
    let response: Response;
    try {
      response = await fetch(API_BASE + path, {
        method,
        headers,
        body: init.body ?? null,
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) throw new ApiError('TIMEOUT', 'Request timed out');
      if (options.signal?.aborted) throw error;
      throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      throw errorFromResponse(response.status, body);
    }
    return response;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function json<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('BAD_RESPONSE', 'Response is not JSON', response.status);
  }
}

/**
 * GETs `/api/v1<path>` and returns the parsed JSON. Rejects with an {@link ApiError} on any failure: the server's
 * error body when there is one, else NETWORK_ERROR, TIMEOUT or BAD_RESPONSE. The body is trusted to match the
 * contract's type (the server validates its responses), so no schema library ships to the phone.
 */
export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return json<T>(await request('GET', path, { accept: 'application/json' }, options));
}

/** Sends `body` as JSON (no body at all when undefined) and returns the parsed JSON answer; errors as {@link apiGet}. */
export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const init =
    body === undefined
      ? { accept: 'application/json' }
      : { accept: 'application/json', body: JSON.stringify(body), contentType: 'application/json' };
  return json<T>(await request(method, path, init, options));
}

/** GETs a file (a photo) as a Blob; errors as {@link apiGet}. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await request('GET', path, { accept: '*/*' }, options);
  try {
    return await response.blob();
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Download interrupted', response.status);
  }
}
