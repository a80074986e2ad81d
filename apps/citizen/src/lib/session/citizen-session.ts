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

/**
 * What is kept: the session, and for one from a Zalo sign-in `zalo: true` and the Zalo user it belongs to
 * (`zaloUserId`, null when Zalo did not tell), so another Zalo account on the same phone never reuses it.
 */
type StoredSession = CitizenSession & { zalo?: boolean; zaloUserId?: string | null };

let creating: Promise<string> | null = null;
/** This visit's Zalo sign-in, kept once settled: its token, or null (failed, or nothing to sign in with). */
let zaloVisit: Promise<string | null> | null = null;
/** The recovery from a token the server no longer knows, shared by every request that failed meanwhile. */
let recovering: Promise<string> | null = null;
let problem: string | null = null;
const listeners = new Set<() => void>();

function setProblem(code: string | null) {
  problem = code;
  for (const listener of listeners) listener();
}

/**
 * The error code of the last failed Zalo sign-in of this visit, or null: the server's (ZALO_TOKEN_INVALID...),
 * NETWORK_ERROR, or ZALO_SDK_DENIED / ZALO_SDK_UNAVAILABLE when zmp-sdk gave no access token at all.
 */
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

/** The Zalo user using the app now (getUserID), or null where Zalo does not tell. */
async function currentZaloUser(): Promise<string | null> {
  const identity = await platform.getIdentity().catch(() => null);
  return identity?.kind === 'zalo' ? identity.id : null;
}

/**
 * The token this device may use, or null when it has none yet (no identity is made). In Zalo it waits for the
 * visit's sign-in, so a phone that has never used the app lists the Zalo user's reports and bookings at once.
 */
export async function storedCitizenToken(): Promise<string | null> {
  const session = await storedSession();
  return (await zaloToken(session)) ?? session?.token ?? null;
}

/**
 * Signs in with the platform's credential when it is a Zalo one (never on the web). Resolves to the new token,
 * or null when there is nothing to sign in with or Zalo sign-in failed (the code goes to the problem store).
 */
async function zaloSignIn(deviceToken: string | null): Promise<string | null> {
  const credential = await platform.getSignInCredential();
  if (credential.kind === 'device') return null;
  if (credential.kind === 'zalo-failed') {
    setProblem(credential.reason === 'denied' ? 'ZALO_SDK_DENIED' : 'ZALO_SDK_UNAVAILABLE');
    return null;
  }
  try {
    const [session, zaloUserId] = await Promise.all([
      apiSend<ZaloSession>(
        'POST',
        '/auth/zalo',
        { accessToken: credential.accessToken },
        deviceToken ? { headers: { authorization: `Bearer ${deviceToken}` } } : {},
      ),
      currentZaloUser(),
    ]);
    const stored: StoredSession = {
      citizenId: session.citizenId,
      token: session.token,
      zalo: true,
      zaloUserId,
    };
    await platform.storage.setItem(SESSION_KEY, stored);
    setProblem(null);
    return session.token;
  } catch (error) {
    setProblem(error instanceof ApiError ? error.code : 'NETWORK_ERROR');
    return null;
  }
}

/**
 * The Zalo session's token: the kept one when it belongs to the Zalo user using the app now, or this visit's
 * sign-in (made once; callers during and after it, even ones that read the device session just before it was
 * replaced, get its outcome). A kept session of another Zalo account is dropped, and its token is not sent.
 */
async function zaloToken(session: StoredSession | null): Promise<string | null> {
  if (session?.zalo) {
    if ((session.zaloUserId ?? null) === (await currentZaloUser())) return session.token;
    zaloVisit ??= platform.storage.removeItem(SESSION_KEY).then(() => zaloSignIn(null));
    return zaloVisit;
  }
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
 * The token. In Zalo the first call of a visit signs in with Zalo unless the kept session already is this Zalo
 * user's; otherwise (and on the web) it is this device's identity, created on the first call. Concurrent first
 * calls share one request.
 */
export async function citizenToken(): Promise<string> {
  const session = await storedSession();
  const zalo = await zaloToken(session);
  if (zalo) return zalo;
  // A kept session of another Zalo account was dropped above: it is not this person's.
  const current = session?.zalo ? await storedSession() : session;
  if (current) return current.token;
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
 * After `failed` was refused (CITIZEN_UNAUTHENTICATED), the token to try again with. Only a session that still
 * holds `failed` is dropped, and this visit's Zalo sign-in is forgotten only if it gave `failed`: a request that
 * went out with a token replaced meanwhile (the device token a Zalo sign-in revoked) just takes the current one.
 * Concurrent failures share one recovery, hence at most one new sign-in and one identity.
 */
function recoverFrom(failed: string): Promise<string> {
  recovering ??= (async () => {
    if ((await storedSession())?.token === failed) await platform.storage.removeItem(SESSION_KEY);
    if (zaloVisit && (await zaloVisit) === failed) zaloVisit = null;
    return citizenToken();
  })().finally(() => {
    recovering = null;
  });
  return recovering;
}

/**
 * Runs `call` with the token. A token the server no longer knows (CITIZEN_UNAUTHENTICATED) is dropped and the
 * call tried once more with the current token, or a new identity: the old one cannot be recovered, and a dead
 * end helps nobody.
 */
export async function withCitizenToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = await citizenToken();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CITIZEN_UNAUTHENTICATED') throw error;
    return call(await recoverFrom(token));
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
