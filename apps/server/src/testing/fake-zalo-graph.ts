// Test support: a fake graph.zalo.me on loopback speaking Zalo's header protocol, for server tests and browser
// journeys. Point ZALO_GRAPH_URL at `url`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The error numbers the fake answers with (HTTP 200, `{ error, message }`, as Zalo does). The token ones are
 * Zalo's documented numbers; Zalo documents none for codes, the secret or the proof, so those are the fake's
 * choice.
 */
export const FAKE_ZALO_ERRORS = {
  invalidToken: -501,
  expiredToken: -124,
  invalidSecret: -14003,
  invalidProof: -14004,
  invalidCode: -2002,
} as const;

/**
 * What zmp-sdk answers in development mode (a page on localhost outside Zalo): `getAccessToken()` resolves "",
 * `getUserInfo()` this id and name, `getLocation()` `{ token: "" }`. Register them to sign in from such a page.
 */
export const ZMP_DEV_MOCK = { accessToken: '', userId: '3368637342326461234', name: 'User Name' } as const;

export interface FakeZaloRequest {
  method: string;
  path: string;
  /** The headers of Zalo's protocol as received (undefined when absent). */
  accessToken: string | undefined;
  code: string | undefined;
  secretKey: string | undefined;
  appSecretProof: string | undefined;
}

interface TokenEntry {
  userId: string;
  name: string;
  expired: boolean;
}
type CodeData = Record<string, string | number>;
interface CodeEntry {
  userId: string;
  data: CodeData;
  expiresAt: number;
  used: boolean;
}

export interface FakeZaloGraph {
  url: string;
  /** Every request received, in order. */
  requests: FakeZaloRequest[];
  /** A valid user access token (any string, "" included) of Zalo user `userId`. */
  addToken(accessToken: string, user: { userId: string; name?: string }): void;
  /** Makes a registered token answer "expired" from now on. */
  expireToken(accessToken: string): void;
  /** A single-use getPhoneNumber() code of `userId`; `number` as Zalo gives it ("84912345678"). */
  addPhoneCode(code: string, grant: { userId: string; number: string; expired?: boolean }): void;
  /** A single-use getLocation() code of `userId`. */
  addLocationCode(
    code: string,
    grant: { userId: string; latitude: string | number; longitude: string | number; expired?: boolean },
  ): void;
  /** Until reset with null: answer every request with HTTP 500, or with a body that is not JSON. */
  failWith(mode: 'http500' | 'not_json' | null): void;
  /**
   * Until reset with null: /me/info answers this Zalo error number whatever the request (as Zalo does for an
   * app that is disabled or lacks the permission).
   */
  failInfoWith(zaloError: number | null): void;
  close(): Promise<void>;
}

/** Codes from the SDK live about two minutes. */
const CODE_TTL_MS = 2 * 60_000;

export async function startFakeZaloGraph(options: { appSecret: string }): Promise<FakeZaloGraph> {
  const tokens = new Map<string, TokenEntry>();
  const codes = new Map<string, CodeEntry>();
  const requests: FakeZaloRequest[] = [];
  let failMode: 'http500' | 'not_json' | null = null;
  let infoError: number | null = null;

  const header = (req: IncomingMessage, name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, code: number, message: string) => json(res, { error: code, message });
  /** `appsecret_proof` must be the HMAC-SHA256 (hex) of the access token keyed with the app secret. */
  const proofOk = (seen: FakeZaloRequest): boolean => {
    if (seen.accessToken === undefined || seen.appSecretProof === undefined) return false;
    const expected = createHmac('sha256', options.appSecret).update(seen.accessToken).digest();
    const given = Buffer.from(seen.appSecretProof, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** The token's user, or answers the error and returns undefined. */
  const userOf = (res: ServerResponse, accessToken: string | undefined): TokenEntry | undefined => {
    const entry = accessToken === undefined ? undefined : tokens.get(accessToken);
    if (!entry) error(res, FAKE_ZALO_ERRORS.invalidToken, 'Invalid access token');
    else if (entry.expired) error(res, FAKE_ZALO_ERRORS.expiredToken, 'Access token is expired');
    else return entry;
    return undefined;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const seen: FakeZaloRequest = {
      method: req.method ?? '',
      path: url.pathname,
      accessToken: header(req, 'access_token'),
      code: header(req, 'code'),
      secretKey: header(req, 'secret_key'),
      appSecretProof: header(req, 'appsecret_proof'),
    };
    requests.push(seen);
    if (failMode === 'http500') return json(res, { error: -1, message: 'Internal error' }, 500);
    if (failMode === 'not_json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>maintenance</html>');
    }
    if (req.method !== 'GET') return json(res, { error: -1, message: 'Method not allowed' }, 405);

    if (url.pathname === '/v2.0/me') {
      if (!proofOk(seen)) return error(res, FAKE_ZALO_ERRORS.invalidProof, 'Invalid appsecret_proof');
      const user = userOf(res, seen.accessToken);
      if (!user) return;
      return json(res, {
        id: user.userId,
        name: user.name,
        picture: { data: { url: `https://s120.avatar.talk.zdn.vn/fake/${user.userId}.jpg` } },
      });
    }
    if (url.pathname === '/v2.0/me/info') {
      if (infoError !== null) return error(res, infoError, 'Application is not allowed to call this API');
      if (seen.secretKey !== options.appSecret)
        return error(res, FAKE_ZALO_ERRORS.invalidSecret, 'Invalid secret key');
      if (!proofOk(seen)) return error(res, FAKE_ZALO_ERRORS.invalidProof, 'Invalid appsecret_proof');
      const user = userOf(res, seen.accessToken);
      if (!user) return;
      const grant = seen.code === undefined ? undefined : codes.get(seen.code);
      if (!grant || grant.used || grant.expiresAt <= Date.now() || grant.userId !== user.userId)
        return error(res, FAKE_ZALO_ERRORS.invalidCode, 'Invalid code');
      grant.used = true;
      return json(res, { data: grant.data, error: 0, message: 'Success' });
    }
    return json(res, { error: -1, message: 'Unknown endpoint' }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const addCode = (code: string, userId: string, data: CodeData, expired = false) => {
    codes.set(code, { userId, data, used: false, expiresAt: expired ? 0 : Date.now() + CODE_TTL_MS });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addToken(accessToken, user) {
      tokens.set(accessToken, { userId: user.userId, name: user.name ?? 'Người dùng Zalo', expired: false });
    },
    expireToken(accessToken) {
      const entry = tokens.get(accessToken);
      if (entry) entry.expired = true;
    },
    addPhoneCode(code, grant) {
      addCode(code, grant.userId, { number: grant.number }, grant.expired);
    },
    addLocationCode(code, grant) {
      addCode(
        code,
        grant.userId,
        {
          provider: 'gps',
          latitude: grant.latitude,
          longitude: grant.longitude,
          timestamp: String(Date.now()),
        },
        grant.expired,
      );
    },
    failWith(mode) {
      failMode = mode;
    },
    failInfoWith(zaloError) {
      infoError = zaloError;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
