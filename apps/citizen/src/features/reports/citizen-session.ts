import type { CitizenSession, ZaloSession } from '@dltt/contracts';
import { ApiError, apiBlob, apiGet, apiSend, type RequestOptions } from '../../app/api.ts';
import { platform } from '../../platform/index.ts';

/**
 * The citizen's bearer token for the report API. On the web the server makes an anonymous identity per device
 * (POST /citizen/session) once; the token then lives in platform storage, so "my reports" survive restarts.
 * In Zalo the app signs in with the Zalo user's token (POST /auth/zalo), sending the device's token along so
 * the server links what this device filed; if Zalo sign-in fails, the device identity carries on and the reason
 * is published for the Zalo notice (see {@link zaloSignInProblem}). It is tried once per app start.
 */
const SESSION_KEY = 'citizen-session';

/** What is kept: the session, and `zalo: true` when it came from a Zalo sign-in. */
type StoredSession = CitizenSession & { zalo?: boolean };

let creating: Promise<string> | null = null;
/** This visit's Zalo sign-in, kept once settled: its token, or null (failed, or nothing to sign in with). */
let zaloVisit: Promise<string | null> | null = null;
let problem: string | null = null;
const listeners = new Set<() => void>();

function setProblem(code: string | null) {
  problem = code;
  for (const listener of listeners) listener();
}

/** The error code of the last failed Zalo sign-in of this visit (ZALO_TOKEN_INVALID...), or null. */
export const zaloSignInProblem = (): string | null => problem;

/** Calls `listener` whenever {@link zaloSignInProblem} changes; returns the unsubscribe function. */
export function onZaloSignInProblem(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isSession(value: unknown): value is StoredSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    'token' in value &&
    typeof value.token === 'string' &&
    'citizenId' in value &&
    typeof value.citizenId === 'string'
  );
}

async function storedSession(): Promise<StoredSession | null> {
  const saved = await platform.storage.getItem<unknown>(SESSION_KEY).catch(() => null);
  return isSession(saved) ? saved : null;
}

/** The token kept on this device, or null when this device has never sent anything (no request is made). */
export async function storedCitizenToken(): Promise<string | null> {
  return (await storedSession())?.token ?? null;
}

/**
 * Signs in with the platform's credential when it is a Zalo one (never on the web). Resolves to the new token,
 * or null when there is nothing to sign in with or Zalo sign-in failed (the code goes to the problem store).
 */
async function zaloSignIn(deviceToken: string | null): Promise<string | null> {
  const credential = await platform.getSignInCredential();
  if (credential.kind !== 'zalo') return null;
  try {
    const session = await apiSend<ZaloSession>(
      'POST',
      '/auth/zalo',
      { accessToken: credential.accessToken },
      deviceToken ? { headers: { authorization: `Bearer ${deviceToken}` } } : {},
    );
    const stored: StoredSession = { citizenId: session.citizenId, token: session.token, zalo: true };
    await platform.storage.setItem(SESSION_KEY, stored);
    setProblem(null);
    return session.token;
  } catch (error) {
    setProblem(error instanceof ApiError ? error.code : 'NETWORK_ERROR');
    return null;
  }
}

/**
 * The Zalo session's token: the kept one, or this visit's sign-in (made once; callers during and after it, even
 * ones that read the device session just before it was replaced, get its outcome).
 */
function zaloToken(session: StoredSession | null): Promise<string | null> {
  if (session?.zalo) return Promise.resolve(session.token);
  zaloVisit ??= zaloSignIn(session?.token ?? null);
  return zaloVisit;
}

/**
 * Signs in with Zalo right away (the Zalo app does so at start) without making a device identity when that
 * fails; `retry` tries again after a failure (the notice's "Thử lại"). Resolves to whether the app is signed in
 * with Zalo.
 */
export async function startZaloSignIn(retry = false): Promise<boolean> {
  if (retry) zaloVisit = null;
  return (await zaloToken(await storedSession())) !== null;
}

/**
 * The token. In Zalo the first call of a visit signs in with Zalo unless the kept session already is a Zalo one;
 * otherwise (and on the web) it is this device's identity, created on the first call. Concurrent first calls
 * share one request.
 */
export async function citizenToken(): Promise<string> {
  const session = await storedSession();
  const zalo = await zaloToken(session);
  if (zalo) return zalo;
  if (session) return session.token;
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
    zaloVisit = null;
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

export function citizenPut<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return withCitizenToken((token) => apiSend<T>('PUT', path, body, bearer(token, options)));
}

export function citizenBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return withCitizenToken((token) => apiBlob(path, bearer(token, options)));
}
