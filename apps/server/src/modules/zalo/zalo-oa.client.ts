import type { ZaloConfig } from '../../config.ts';

/**
 * What to do about a failed call:
 * - `token`: the OA access token is invalid or expired — refresh once, then send again;
 * - `retry`: worth trying later (quota, Zalo down, network, timeout, an error number we do not know);
 * - `template`: the ZNS template id or its data is wrong — retried with backoff, since an administrator may fix
 *   the template id in the console meanwhile, until the attempts run out;
 * - `permanent`: this message will never reach this person (invalid phone, not an OA follower...).
 */
export type FailureKind = 'token' | 'retry' | 'template' | 'permanent';

export interface ZaloFailure {
  kind: FailureKind;
  /** Stable and searchable: `ZNS-115`, `OA-213`, `OAUTH-14014`, `HTTP-502`, `NETWORK`, `TIMEOUT`... */
  code: string;
  /** Zalo's own words (digits runs removed), for the delivery log. Never a token, a secret or a phone. */
  message: string;
}

export type ZaloResult<T> = { ok: true; value: T } | { ok: false; failure: ZaloFailure };

/** A Zalo user as the Official Account knows them (OA user detail). */
export interface OaUserDetail {
  /** The OA-scoped id (what OA messages are sent to). */
  userId: string;
  /** The same person's id for the app linked to the OA (what /v2.0/me gives); null when Zalo did not say. */
  userIdByApp: string | null;
  /** null when Zalo did not say. */
  isFollower: boolean | null;
}

export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/**
 * ZNS error numbers (business.openapi.zalo.me/message/template; zalo.cloud "Cách xử lý mã lỗi"). -100..-112 are
 * checked against that table; the rest follow Zalo's developer documentation as we know it. An unknown number
 * is retried with backoff, which is also what a wrong classification here would cost at worst.
 */
const ZNS_ERRORS: Readonly<Record<number, FailureKind>> = {
  [-108]: 'permanent', // phone number invalid
  [-109]: 'template', // template id invalid
  [-111]: 'template', // template data empty
  [-112]: 'template', // template data invalid
  [-114]: 'permanent', // user inactive, refuses ZNS, or an outdated Zalo
  [-115]: 'retry', // out of quota (ZNS balance)
  [-117]: 'template', // the OA or app may not use this template
  [-118]: 'permanent', // no Zalo account for this phone
  [-119]: 'permanent', // the account cannot receive ZNS
  [-124]: 'token', // access token invalid or expired
  [-131]: 'template', // template not approved
  [-133]: 'retry', // this template type is not sent at night
  [-144]: 'retry', // the OA's daily quota is used up
  [-147]: 'retry', // the template's daily quota is used up
};

/** OA API v3 error numbers (openapi.zalo.me/v3.0/oa/...). */
const OA_ERRORS: Readonly<Record<number, FailureKind>> = {
  [-201]: 'permanent', // invalid parameters (e.g. an unknown user id)
  [-211]: 'retry', // out of quota
  [-213]: 'permanent', // the user does not follow the OA
  [-216]: 'token', // access token invalid
  [-220]: 'token', // access token expired
  [-230]: 'permanent', // the user has not talked to the OA in the last 7 days (consultation window closed)
};

type Body = Record<string, unknown>;

/** Zalo's text without long digit runs (a phone or an id it might echo), cut to a readable length. */
export function safeText(text: unknown, fallback: string): string {
  if (typeof text !== 'string' || !text.trim()) return fallback;
  return text.replace(/\d{7,}/g, '…').slice(0, 200);
}

function errorNumber(value: unknown): number | null {
  if (value === undefined || value === null || value === 0 || value === '0') return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

const fail = (kind: FailureKind, code: string, message: string): { ok: false; failure: ZaloFailure } => ({
  ok: false,
  failure: { kind, code, message },
});

/**
 * The Official Account side of Zalo: OA tokens (oauth.zaloapp.com), ZNS template messages
 * (business.openapi.zalo.me) and OA consultation messages (openapi.zalo.me). Calls never throw: every outcome is
 * a ZaloResult, so the delivery job can decide between retrying and giving up. The app secret and tokens travel
 * only in headers and form bodies and never reach a failure message.
 */
export function createZaloOaClient(zalo: ZaloConfig) {
  async function call(url: string, init: RequestInit): Promise<ZaloResult<Body>> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        redirect: 'error',
        signal: AbortSignal.timeout(zalo.timeoutMs),
      });
    } catch (error) {
      // Not the error's own message: it could quote the request.
      return (error as Error)?.name === 'TimeoutError'
        ? fail('retry', 'TIMEOUT', 'Zalo did not answer in time')
        : fail('retry', 'NETWORK', 'Zalo could not be reached');
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      return fail('retry', 'NETWORK', 'The answer from Zalo was cut off');
    }
    if (!response.ok)
      return fail('retry', `HTTP-${response.status}`, `Zalo answered HTTP ${response.status}`);
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body === 'object' && body !== null && !Array.isArray(body))
        return { ok: true, value: body as Body };
    } catch {
      // handled below
    }
    return fail('retry', 'BAD_RESPONSE', 'Zalo answered something other than a JSON object');
  }

  /** Zalo's `{ error: <non-zero>, message }` as a failure of the given family, or null on success. */
  function zaloError(body: Body, prefix: 'ZNS' | 'OA', table: Readonly<Record<number, FailureKind>>) {
    const n = errorNumber(body.error);
    if (n === 0) return null;
    if (n === null) return fail('retry', `${prefix}-UNKNOWN`, 'Zalo reported an error of an unknown shape');
    return fail(table[n] ?? 'retry', `${prefix}${n}`, safeText(body.message, `Zalo error ${n}`));
  }

  return {
    /** The app id and secret are set: OA tokens can be obtained. */
    configured: Boolean(zalo.appId && zalo.appSecret),

    /**
     * Exchanges a refresh token for a new access token AND a new refresh token (the old one stops working).
     * A rejection by Zalo is `permanent` (the token is wrong, used or expired); transport problems are `retry`.
     */
    async refresh(refreshToken: string): Promise<ZaloResult<OaTokenPair>> {
      if (!zalo.appId || !zalo.appSecret)
        return fail('retry', 'APP_NOT_CONFIGURED', 'ZALO_APP_ID/SECRET not set');
      const result = await call(`${zalo.oauthUrl}/v4/oa/access_token`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
          secret_key: zalo.appSecret,
        },
        body: new URLSearchParams({
          app_id: zalo.appId,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        }),
      });
      if (!result.ok) return result;
      const body = result.value;
      const n = errorNumber(body.error);
      if (n !== 0) {
        const description = safeText(body.error_description ?? body.error_name ?? body.message, 'refused');
        return fail('permanent', `OAUTH${n ?? '-UNKNOWN'}`, description);
      }
      const expires = Number(body.expires_in);
      if (typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string' || !(expires > 0))
        return fail(
          'retry',
          'BAD_RESPONSE',
          'The token answer lacks access_token, refresh_token or expires_in',
        );
      return {
        ok: true,
        value: {
          accessToken: body.access_token,
          refreshToken: body.refresh_token,
          expiresInSeconds: expires,
        },
      };
    },

    /** A ZNS template message to a phone in the international form 84xxxxxxxxx. */
    async sendZns(
      accessToken: string,
      message: {
        phone: string;
        templateId: string;
        templateData: Record<string, string | number>;
        trackingId: string;
      },
    ): Promise<ZaloResult<{ messageId: string }>> {
      const result = await call(`${zalo.znsUrl}/message/template`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          access_token: accessToken,
        },
        body: JSON.stringify({
          phone: message.phone,
          template_id: message.templateId,
          template_data: message.templateData,
          tracking_id: message.trackingId,
        }),
      });
      if (!result.ok) return result;
      const error = zaloError(result.value, 'ZNS', ZNS_ERRORS);
      if (error) return error;
      const data = result.value.data as Body | undefined;
      const id = data?.msg_id;
      if (typeof id !== 'string' && typeof id !== 'number')
        return fail('retry', 'BAD_RESPONSE', 'The ZNS answer has no msg_id');
      return { ok: true, value: { messageId: String(id) } };
    },

    /**
     * The OA's view of one of its users: `GET /v3.0/oa/user/detail?data={"user_id":"…"}`. Failures are classified
     * with the OA table (unknown user -201 and non-follower -213 are `permanent`).
     */
    async userDetail(accessToken: string, oaUserId: string): Promise<ZaloResult<OaUserDetail>> {
      const query = new URLSearchParams({ data: JSON.stringify({ user_id: oaUserId }) });
      const result = await call(`${zalo.oaUrl}/v3.0/oa/user/detail?${query}`, {
        method: 'GET',
        headers: { accept: 'application/json', access_token: accessToken },
      });
      if (!result.ok) return result;
      const error = zaloError(result.value, 'OA', OA_ERRORS);
      if (error) return error;
      const data = result.value.data as Body | undefined;
      const id = (v: unknown) =>
        (typeof v === 'string' && /^\d{1,32}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v))
          ? String(v)
          : null;
      const userId = id(data?.user_id);
      if (!userId) return fail('retry', 'BAD_RESPONSE', 'The OA user detail has no user_id');
      const follower = data?.user_is_follower;
      return {
        ok: true,
        value: {
          userId,
          userIdByApp: id(data?.user_id_by_app),
          isFollower: typeof follower === 'boolean' ? follower : null,
        },
      };
    },

    /** An OA consultation text message to a Zalo user (their OA-scoped id). */
    async sendOaText(
      accessToken: string,
      message: { userId: string; text: string },
    ): Promise<ZaloResult<{ messageId: string }>> {
      const result = await call(`${zalo.oaUrl}/v3.0/oa/message/cs`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          access_token: accessToken,
        },
        body: JSON.stringify({ recipient: { user_id: message.userId }, message: { text: message.text } }),
      });
      if (!result.ok) return result;
      const error = zaloError(result.value, 'OA', OA_ERRORS);
      if (error) return error;
      const data = result.value.data as Body | undefined;
      const id = data?.message_id;
      if (typeof id !== 'string' && typeof id !== 'number')
        return fail('retry', 'BAD_RESPONSE', 'The OA answer has no message_id');
      return { ok: true, value: { messageId: String(id) } };
    },
  };
}
export type ZaloOaClient = ReturnType<typeof createZaloOaClient>;
