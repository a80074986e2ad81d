// Test support: a fake of Zalo's Official Account side on loopback — OA token refresh (oauth.zaloapp.com), ZNS
// template messages (business.openapi.zalo.me), OA messages and OA user detail (openapi.zalo.me) — with Zalo's
// protocol and error shapes. Point ZALO_OAUTH_URL, ZALO_ZNS_URL and ZALO_OA_URL at `url`.
// Like Zalo, it knows each user by two ids: the app-scoped one (/v2.0/me, citizens.zalo_id) and the OA-scoped one
// (getUserInfo().idByOA); OA messages only go to the OA-scoped id of a follower.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The error numbers the fake answers with (HTTP 200 and `{ error, message }`, as Zalo does). */
export const FAKE_OA_ERRORS = {
  invalidPhone: -108,
  templateIdInvalid: -109,
  templateDataEmpty: -111,
  templateDataInvalid: -112,
  outOfQuota: -115,
  znsTokenInvalid: -124,
  oaInvalidUser: -201,
  oaNotFollower: -213,
  oaTokenInvalid: -216,
  oauthInvalidRefreshToken: -14014,
  oauthInvalidSecret: -14003,
} as const;

/** A failure the next call(s) to an endpoint answer with, whatever the request. */
export type FakeOaFailure =
  | 'quota'
  | 'template'
  | 'invalid_phone'
  | 'expired_token'
  | 'not_follower'
  | 'http500';
export type FakeOaEndpoint = 'oauth' | 'zns' | 'oa' | 'user';

export interface FakeOaRequest {
  endpoint: FakeOaEndpoint | 'other';
  method: string;
  path: string;
  accessToken: string | undefined;
  secretKey: string | undefined;
  /** The JSON body (ZNS, OA) or the form fields (OAuth). */
  body: Record<string, unknown>;
}

export interface FakeZnsMessage {
  phone: string;
  templateId: string;
  templateData: Record<string, unknown>;
  trackingId: string;
  msgId: string;
}

export interface FakeOaMessage {
  userId: string;
  text: string;
  messageId: string;
}

export interface FakeZaloOa {
  url: string;
  /** Every request received, in order. */
  requests: FakeOaRequest[];
  /** Messages Zalo accepted. */
  zns: FakeZnsMessage[];
  oa: FakeOaMessage[];
  /** Refresh tokens issued so far (the current one of each chain is the last). */
  issuedRefreshTokens: string[];
  /** A refresh token as the OA authorisation would give it; single-use like every Zalo refresh token. */
  addRefreshToken(token: string): void;
  /** The next `times` calls to `endpoint` fail this way. `expired_token` also expires every access token. */
  failNext(endpoint: FakeOaEndpoint, failure: FakeOaFailure, times?: number): void;
  /** Every access token handed out so far stops working (Zalo's -124 / -216) until the next refresh. */
  expireAccessTokens(): void;
  /**
   * A Zalo user, by their app-scoped id, who follows the OA; returns their OA-scoped id (a different number, as
   * with Zalo). OA messages go to that id only: an app-scoped or unknown id answers -201.
   */
  addFollower(appUserId: string): string;
  /** The user stops following the OA (messages answer -213; the user detail says so). */
  unfollow(oaUserId: string): void;
  close(): Promise<void>;
}

/** Zalo's OA access tokens last 25 hours; expires_in comes as a string. */
const ACCESS_TTL_SECONDS = '90000';

export async function startFakeZaloOa(options: {
  appId: string;
  appSecret: string;
  /** When given, a ZNS template id outside this list answers -109. */
  templates?: string[];
}): Promise<FakeZaloOa> {
  const refreshTokens = new Set<string>();
  const accessTokens = new Map<string, { expired: boolean }>();
  /** OA-scoped id -> the user. */
  const users = new Map<string, { appUserId: string; follower: boolean }>();
  const failures: Record<FakeOaEndpoint, FakeOaFailure[]> = { oauth: [], zns: [], oa: [], user: [] };
  const requests: FakeOaRequest[] = [];
  const zns: FakeZnsMessage[] = [];
  const oa: FakeOaMessage[] = [];
  const issuedRefreshTokens: string[] = [];
  let counter = 0;
  let oaUserSeq = 0;

  const header = (req: IncomingMessage, name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const parse = (text: string, type: string | undefined): Record<string, unknown> => {
    if (type?.startsWith('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(text));
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const tokenOk = (token: string | undefined) =>
    token !== undefined && accessTokens.get(token)?.expired === false;
  const expireAll = () => {
    for (const entry of accessTokens.values()) entry.expired = true;
  };

  const FAILURE_BODIES: Record<Exclude<FakeOaFailure, 'http500'>, { error: number; message: string }> = {
    quota: { error: FAKE_OA_ERRORS.outOfQuota, message: 'Out of quota' },
    template: { error: FAKE_OA_ERRORS.templateDataInvalid, message: 'Template data invalid' },
    invalid_phone: { error: FAKE_OA_ERRORS.invalidPhone, message: 'Phone number invalid' },
    expired_token: { error: FAKE_OA_ERRORS.znsTokenInvalid, message: 'Access token invalid' },
    not_follower: { error: FAKE_OA_ERRORS.oaNotFollower, message: 'User has not followed OA' },
  };

  /** Answers a programmed failure, if one is queued for this endpoint. */
  function programmed(endpoint: FakeOaEndpoint, res: ServerResponse): boolean {
    const failure = failures[endpoint].shift();
    if (!failure) return false;
    if (failure === 'http500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>500 Internal Server Error</h1>');
      return true;
    }
    if (failure === 'expired_token') expireAll();
    const body = FAILURE_BODIES[failure];
    json(
      res,
      (endpoint === 'oa' || endpoint === 'user') && failure === 'expired_token'
        ? { error: FAKE_OA_ERRORS.oaTokenInvalid, message: 'Access token is invalid' }
        : body,
    );
    return true;
  }

  function refresh(body: Record<string, unknown>, secretKey: string | undefined, res: ServerResponse) {
    if (secretKey !== options.appSecret)
      return json(res, {
        error: FAKE_OA_ERRORS.oauthInvalidSecret,
        error_name: 'Invalid parameter',
        error_description: 'Invalid secret key',
      });
    const token = body.refresh_token;
    if (
      body.app_id !== options.appId ||
      body.grant_type !== 'refresh_token' ||
      typeof token !== 'string' ||
      !refreshTokens.has(token)
    )
      return json(res, {
        error: FAKE_OA_ERRORS.oauthInvalidRefreshToken,
        error_name: 'Invalid parameter',
        error_reason: 'Invalid refresh token',
        error_description: 'Refresh token is invalid or already used',
      });
    // Rotation: the refresh token is spent; the answer carries the next one.
    refreshTokens.delete(token);
    counter++;
    const accessToken = `fake-oa-access-${counter}-${randomBytes(6).toString('hex')}`;
    const refreshToken = `fake-oa-refresh-${counter}-${randomBytes(6).toString('hex')}`;
    accessTokens.set(accessToken, { expired: false });
    refreshTokens.add(refreshToken);
    issuedRefreshTokens.push(refreshToken);
    json(res, { access_token: accessToken, refresh_token: refreshToken, expires_in: ACCESS_TTL_SECONDS });
  }

  function sendZns(body: Record<string, unknown>, accessToken: string | undefined, res: ServerResponse) {
    if (!tokenOk(accessToken))
      return json(res, { error: FAKE_OA_ERRORS.znsTokenInvalid, message: 'Access token invalid' });
    const { phone, template_id, template_data, tracking_id } = body;
    if (typeof phone !== 'string' || !/^84[0-9]{9}$/.test(phone))
      return json(res, { error: FAKE_OA_ERRORS.invalidPhone, message: 'Phone number invalid' });
    if (typeof template_id !== 'string' || (options.templates && !options.templates.includes(template_id)))
      return json(res, { error: FAKE_OA_ERRORS.templateIdInvalid, message: 'Template ID invalid' });
    if (
      typeof template_data !== 'object' ||
      template_data === null ||
      Object.keys(template_data).length === 0
    )
      return json(res, { error: FAKE_OA_ERRORS.templateDataEmpty, message: 'Template data empty' });
    const msgId = randomBytes(16).toString('hex');
    zns.push({
      phone,
      templateId: template_id,
      templateData: template_data as Record<string, unknown>,
      trackingId: String(tracking_id ?? ''),
      msgId,
    });
    json(res, {
      error: 0,
      message: 'Success',
      data: {
        msg_id: msgId,
        sent_time: String(Date.now()),
        quota: { dailyQuota: '500', remainingQuota: '499' },
      },
    });
  }

  function sendOa(body: Record<string, unknown>, accessToken: string | undefined, res: ServerResponse) {
    if (!tokenOk(accessToken))
      return json(res, { error: FAKE_OA_ERRORS.oaTokenInvalid, message: 'Access token is invalid' });
    const recipient = body.recipient as { user_id?: unknown } | undefined;
    const message = body.message as { text?: unknown } | undefined;
    const userId = recipient?.user_id;
    if (typeof userId !== 'string' || typeof message?.text !== 'string' || !message.text)
      return json(res, { error: -201, message: 'Parameters are invalid' });
    const user = users.get(userId);
    if (!user) return json(res, { error: FAKE_OA_ERRORS.oaInvalidUser, message: 'user_id is invalid' });
    if (!user.follower)
      return json(res, { error: FAKE_OA_ERRORS.oaNotFollower, message: 'User has not followed OA' });
    const messageId = randomBytes(16).toString('hex');
    oa.push({ userId, text: message.text, messageId });
    json(res, { error: 0, message: 'Success', data: { message_id: messageId, user_id: userId } });
  }

  function userDetail(query: string | null, accessToken: string | undefined, res: ServerResponse) {
    if (!tokenOk(accessToken))
      return json(res, { error: FAKE_OA_ERRORS.oaTokenInvalid, message: 'Access token is invalid' });
    const data = parse(query ?? '', 'application/json');
    const userId = typeof data.user_id === 'string' ? data.user_id : '';
    const user = users.get(userId);
    if (!user) return json(res, { error: FAKE_OA_ERRORS.oaInvalidUser, message: 'user_id is invalid' });
    json(res, {
      error: 0,
      message: 'Success',
      data: {
        user_id: userId,
        user_id_by_app: user.appUserId,
        display_name: 'Người dùng Zalo',
        user_is_follower: user.follower,
        avatar: `https://s240-ava-talk.zadn.vn/fake/${userId}.jpg`,
      },
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = parse(await readBody(req), header(req, 'content-type'));
      const route = `${req.method} ${url.pathname}`;
      const endpoint: FakeOaEndpoint | 'other' =
        route === 'POST /v4/oa/access_token'
          ? 'oauth'
          : route === 'POST /message/template'
            ? 'zns'
            : route === 'POST /v3.0/oa/message/cs'
              ? 'oa'
              : route === 'GET /v3.0/oa/user/detail'
                ? 'user'
                : 'other';
      const accessToken = header(req, 'access_token');
      const secretKey = header(req, 'secret_key');
      requests.push({ endpoint, method: req.method ?? '', path: url.pathname, accessToken, secretKey, body });
      if (endpoint === 'other') return json(res, { error: -404, message: 'Not found' }, 404);
      if (programmed(endpoint, res)) return;
      if (endpoint === 'oauth') return refresh(body, secretKey, res);
      if (endpoint === 'zns') return sendZns(body, accessToken, res);
      if (endpoint === 'user') return userDetail(url.searchParams.get('data'), accessToken, res);
      return sendOa(body, accessToken, res);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    zns,
    oa,
    issuedRefreshTokens,
    addRefreshToken: (token) => {
      refreshTokens.add(token);
    },
    failNext: (endpoint, failure, times = 1) => {
      for (let i = 0; i < times; i++) failures[endpoint].push(failure);
    },
    expireAccessTokens: expireAll,
    addFollower: (appUserId) => {
      // A number of the OA's own, unlike the app-scoped ids the tests use (which start with 9).
      const oaUserId = `7${String(++oaUserSeq).padStart(17, '0')}`;
      users.set(oaUserId, { appUserId, follower: true });
      return oaUserId;
    },
    unfollow: (oaUserId) => {
      const user = users.get(oaUserId);
      if (user) user.follower = false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
