import type { ErrorBody, SessionBody } from '@dltt/contracts';
import i18n from '../i18n/index.ts';
import { ApiError } from '../lib/api-error.ts';

export { ApiError, type ValidationIssue, validationIssues } from '../lib/api-error.ts';

const BASE = '/api/v1';

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Raw bytes sent as they are (a photo), with the file's own content type, instead of JSON `body`. */
  file?: Blob;
  signal?: AbortSignal;
}

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

/** Remembers the CSRF token of the latest SessionBody; every write sends it back. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server answers 401 UNAUTHENTICATED (session expired, revoked or signed out). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** The address of an API resource for use as a link or an <img src> (the session cookie goes along). */
export function apiUrl(path: string, query?: Query): string {
  return urlOf(path, query);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language === 'en' ? 'en' : 'vi',
  };
  let body: string | Blob | undefined;
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    if (options.file) {
      headers['content-type'] = options.file.type || 'application/octet-stream';
      body = options.file;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body ?? {});
    }
  }
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
}

function errorOf(status: number, payload: unknown): ApiError {
  if (isErrorBody(payload)) {
    const e = payload.error;
    return new ApiError(status, e.code, e.message, e.details, e.requestId);
  }
  return new ApiError(status, 'UNEXPECTED', i18n.t('errors.unexpected', { status }));
}

async function toError(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  return errorOf(response.status, payload);
}

/** Fetches a fresh session (and CSRF token); null when signed out. */
async function reloadSession(): Promise<SessionBody | null> {
  const response = await send('GET', '/auth/session', {});
  if (!response.ok) return null;
  const session = (await response.json()) as SessionBody;
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * Calls the JSON API. Resolves with the parsed body; rejects with ApiError. A stale CSRF token is
 * renewed once and the write retried; a 401 signs the console out.
 */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 403 && method !== 'GET') {
    const error = await toError(response.clone());
    if (error.code === 'CSRF_INVALID' && (await reloadSession())) {
      response = await send(method, path, options);
    }
  }
  if (!response.ok) {
    const error = await toError(response);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  // 204 No Content (deletions) has no body to parse.
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

interface UploadOptions {
  query?: Query;
  /** The body's content type (the file's own type is often empty or wrong for .zip and .geojson). */
  contentType: string;
  /** The share of the file sent so far, 0..1. */
  onProgress?(sent: number): void;
  signal?: AbortSignal;
}

function xhrSend(
  path: string,
  file: Blob,
  options: UploadOptions,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf(path, options.query));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language === 'en' ? 'en' : 'vi');
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * Sends a file as the raw body of a POST, with upload progress (fetch reports none), the CSRF token and its
 * renewal as api() does. Resolves with the parsed answer; rejects with ApiError.
 */
export async function uploadFile<T>(path: string, file: Blob, options: UploadOptions): Promise<T> {
  let answer = await xhrSend(path, file, options);
  if (answer.status === 403 && errorOf(403, answer.body).code === 'CSRF_INVALID' && (await reloadSession())) {
    answer = await xhrSend(path, file, options);
  }
  if (answer.status < 200 || answer.status >= 300) {
    const error = errorOf(answer.status, answer.body);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  return answer.body as T;
}

/** The message to show for any error thrown by an API call or a page. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return i18n.t('errors.unexpected', { status: 0 });
}
