import type { CitizenSession } from '@dltt/contracts';
import { ApiError, apiBlob, apiGet, apiSend, type RequestOptions } from '../../app/api.ts';
import { platform } from '../../platform/index.ts';

/**
 * The citizen's bearer token for the report API. On the web the server makes an anonymous identity per device
 * (POST /citizen/session) once; the token then lives in platform storage, so "my reports" survive restarts.
 */
const SESSION_KEY = 'citizen-session';

let creating: Promise<string> | null = null;

function isSession(value: unknown): value is CitizenSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    'token' in value &&
    typeof value.token === 'string' &&
    'citizenId' in value &&
    typeof value.citizenId === 'string'
  );
}

/** The token kept on this device, or null when this device has never sent anything (no request is made). */
export async function storedCitizenToken(): Promise<string | null> {
  const saved = await platform.storage.getItem<unknown>(SESSION_KEY).catch(() => null);
  return isSession(saved) ? saved.token : null;
}

/** The token, creating this device's identity on the first call. Concurrent first calls share one request. */
export async function citizenToken(): Promise<string> {
  const saved = await storedCitizenToken();
  if (saved) return saved;
  creating ??= apiSend<CitizenSession>('POST', '/citizen/session')
    .then(async (session) => {
      await platform.storage.setItem(SESSION_KEY, session);
      return session.token;
    })
    .finally(() => {
      creating = null;
    });
  return creating;
}

/**
 * Runs `call` with the token. A token the server no longer knows (CITIZEN_UNAUTHENTICATED) is dropped and the
 * call tried once more with a new identity: the old one cannot be recovered, and a dead end helps nobody.
 */
export async function withCitizenToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = await citizenToken();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CITIZEN_UNAUTHENTICATED') throw error;
    await platform.storage.removeItem(SESSION_KEY);
    return call(await citizenToken());
  }
}

const bearer = (token: string, options: RequestOptions): RequestOptions => ({
  ...options,
  headers: { ...options.headers, authorization: `Bearer ${token}` },
});

export function citizenGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return withCitizenToken((token) => apiGet<T>(path, bearer(token, options)));
}

export function citizenPost<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return withCitizenToken((token) => apiSend<T>('POST', path, body, bearer(token, options)));
}

export function citizenBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return withCitizenToken((token) => apiBlob(path, bearer(token, options)));
}
