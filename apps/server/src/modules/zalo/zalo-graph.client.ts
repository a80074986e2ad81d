import { createHmac } from 'node:crypto';
import type { ZaloConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';

/** The Zalo user behind an access token (the id is per app: the same person has another id in another app). */
export interface ZaloProfile {
  id: string;
  name: string;
}

/**
 * Zalo's error numbers that mean "this user access token is not valid (any more)". Zalo answers failures with
 * HTTP 200 and `{ error: <non-zero>, message }`:
 * - -124: access token invalid or expired (Social API);
 * - -216: access token invalid;
 * - -501: invalid access token (seen from the Mini App endpoints).
 */
export const ZALO_TOKEN_ERRORS: ReadonlySet<number> = new Set([-124, -216, -501]);

/**
 * Error numbers of /me/info that mean "this single-use code is not good" (expired after about two minutes,
 * already used, or another user's). Zalo documents none; -2002 is the one our fake Graph server answers. A
 * number seen in production for a bad code belongs here: until then it is reported as ZALO_UNAVAILABLE.
 */
export const ZALO_CODE_ERRORS: ReadonlySet<number> = new Set([-2002]);

/** `appsecret_proof`: HMAC-SHA256 of the access token keyed with the app secret, hex. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

type Body = Record<string, unknown>;

/**
 * Calls to graph.zalo.me with a user's access token. Tokens, codes and the app secret travel only in request
 * headers and never reach an error message, error details or a log line: errors carry Zalo's error number or
 * a fixed reason only. Every call carries `appsecret_proof`, so a token stolen from the mini app is of no use
 * to another server without our app secret; the secret itself is sent only where Zalo requires it (/me/info).
 */
export function createZaloGraphClient(zalo: ZaloConfig) {
  const secret = (): string => {
    if (!zalo.appSecret) throw new AppError('ZALO_NOT_CONFIGURED');
    return zalo.appSecret;
  };

  async function get(path: string, headers: Record<string, string>): Promise<Body> {
    let response: Response;
    try {
      response = await fetch(`${zalo.graphUrl}${path}`, {
        headers: { accept: 'application/json', ...headers },
        redirect: 'error',
        signal: AbortSignal.timeout(zalo.timeoutMs),
      });
    } catch (error) {
      // Deliberately not the error itself: its message could quote a header value.
      const reason = (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'network';
      throw new AppError('ZALO_UNAVAILABLE', { reason });
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new AppError('ZALO_UNAVAILABLE', { reason: 'network' });
    }
    if (response.status >= 500)
      throw new AppError('ZALO_UNAVAILABLE', { reason: 'http', status: response.status });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('ZALO_UNAVAILABLE', { reason: 'not_json', status: response.status });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new AppError('ZALO_UNAVAILABLE', { reason: 'bad_response', status: response.status });
    return body as Body;
  }

  /** 0 for success; Zalo's number for an error; NaN for an error of another shape (`{ error: { code } }`). */
  const errorNumber = (body: Body): number => {
    const e = body.error;
    if (e === undefined || e === null || e === 0 || e === '0') return 0;
    if (typeof e === 'number') return e;
    if (typeof e === 'string' && /^-?\d+$/.test(e)) return Number(e);
    if (typeof e === 'object' && typeof (e as Body).code === 'number') return (e as Body).code as number;
    return Number.NaN;
  };
  const safeNumber = (n: number) => (Number.isFinite(n) ? n : null);

  return {
    /**
     * Verifies a user access token: `GET /v2.0/me`. Any error means the token is not accepted; by number
     * (`details.zaloError`): {@link ZALO_TOKEN_ERRORS} are 401 ZALO_TOKEN_INVALID (the app gets a new token);
     * any other number or shape — a wrong app secret fails the `appsecret_proof`, the app is disabled... — is our
     * configuration, 502 ZALO_UNAVAILABLE, logged with the number for the operator.
     */
    async me(accessToken: string): Promise<ZaloProfile> {
      const body = await get('/v2.0/me?fields=id,name,picture', {
        access_token: accessToken,
        appsecret_proof: appSecretProof(accessToken, secret()),
      });
      const error = errorNumber(body);
      if (error !== 0) {
        const details = { zaloError: safeNumber(error) };
        if (ZALO_TOKEN_ERRORS.has(error)) throw new AppError('ZALO_TOKEN_INVALID', details);
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'zalo_error', ...details });
      }
      const id = typeof body.id === 'number' ? String(body.id) : body.id;
      if (typeof id !== 'string' || !/^\d{1,32}$/.test(id))
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'bad_response' });
      return { id, name: typeof body.name === 'string' ? body.name : '' };
    },

    /**
     * Exchanges a single-use code from `getPhoneNumber()` / `getLocation()`: `GET /v2.0/me/info`. Returns Zalo's
     * `data` object as is (phone: `number` "84912345678"; location: `latitude`, `longitude`, strings or numbers).
     * Zalo's errors, by number (`details.zaloError`):
     * - {@link ZALO_TOKEN_ERRORS}: 401 ZALO_TOKEN_INVALID (the app gets a new access token);
     * - {@link ZALO_CODE_ERRORS}: 400 ZALO_CODE_INVALID (the citizen tries again, with a new code);
     * - any other number or shape (a wrong app secret or proof, the app disabled or lacking the permission...):
     *   our configuration, not the citizen's doing — 502 ZALO_UNAVAILABLE, logged with the number (never the
     *   secret) for the operator.
     */
    async info(accessToken: string, code: string): Promise<Body> {
      const appSecret = secret();
      const body = await get('/v2.0/me/info', {
        access_token: accessToken,
        code,
        secret_key: appSecret,
        appsecret_proof: appSecretProof(accessToken, appSecret),
      });
      const error = errorNumber(body);
      if (error !== 0) {
        const details = { zaloError: safeNumber(error) };
        if (ZALO_TOKEN_ERRORS.has(error)) throw new AppError('ZALO_TOKEN_INVALID', details);
        if (ZALO_CODE_ERRORS.has(error)) throw new AppError('ZALO_CODE_INVALID', details);
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'zalo_error', ...details });
      }
      const data = body.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data))
        throw new AppError('ZALO_UNAVAILABLE', { reason: 'bad_response' });
      return data as Body;
    },
  };
}
export type ZaloGraphClient = ReturnType<typeof createZaloGraphClient>;
