import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import pino from 'pino';
import { LOG_REDACT, loggerOptions } from './app.ts';

/** Credentials as they would sit in a request someone logs; none may reach a log line. */
const SECRETS = {
  authorization: 'Bearer citizen-token-1f2e3d4c5b6a7f8e9d0c',
  cookie: 'dltt_sid=staff-session-9a8b7c6d5e4f3a2b',
  csrf: 'csrf-token-0a1b2c3d4e5f6a7b',
  accessToken: 'zalo-user-access-token-5e6f7a8b9c0d',
  code: 'zalo-single-use-code-3c4d5e6f7a8b',
  secretKey: 'zalo-app-secret-7b8c9d0e1f2a',
  password: 'staff-password-4d5e6f7a8b9c',
  appSecret: 'config-app-secret-2a3b4c5d6e7f',
  oaRefreshToken: 'config-oa-refresh-token-6f7a8b9c0d1e',
};

/** A request-like object carrying every credential, under each name LOG_REDACT knows. */
function requestLike() {
  const headers = {
    authorization: SECRETS.authorization,
    cookie: SECRETS.cookie,
    'x-csrf-token': SECRETS.csrf,
    access_token: SECRETS.accessToken,
    code: SECRETS.code,
    secret_key: SECRETS.secretKey,
    'user-agent': 'Zalo/24.1',
  };
  const body = { accessToken: SECRETS.accessToken, code: SECRETS.code, password: SECRETS.password };
  return {
    req: { method: 'POST', url: '/api/v1/citizen/zalo/phone', headers, body },
    headers,
    body,
    zalo: { appSecret: SECRETS.appSecret, oaRefreshToken: SECRETS.oaRefreshToken },
  };
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

const leaked = (lines: string[]) =>
  Object.entries(SECRETS).flatMap(([name, value]) => (lines.join('\n').includes(value) ? [name] : []));

describe("the app's logger configuration", () => {
  test('censors credentials in request headers and bodies, and the Zalo settings', () => {
    const { lines, stream } = capture();
    const options = loggerOptions({ level: 'trace' }, 'info') as pino.LoggerOptions;
    pino(options, stream).info(requestLike(), 'a request, logged whole by mistake');
    assert.equal(lines.length, 1);
    assert.deepEqual(leaked(lines), []);
    const line = JSON.parse(lines[0] ?? '{}');
    assert.equal(line.req.headers.secret_key, '[redacted]');
    assert.equal(line.req.headers.access_token, '[redacted]');
    assert.equal(line.req.body.accessToken, '[redacted]');
    assert.equal(line.req.body.code, '[redacted]');
    assert.equal(line.req.headers.authorization, '[redacted]');
    assert.equal(line.req.headers.cookie, '[redacted]');
    assert.equal(line.zalo.appSecret, '[redacted]');
    assert.equal(line.req.headers['user-agent'], 'Zalo/24.1', 'what is not a credential stays readable');
  });

  test('the same object through a logger without LOG_REDACT shows every credential (the test can fail)', () => {
    const { lines, stream } = capture();
    pino({ level: 'trace' }, stream).info(requestLike(), 'unredacted');
    assert.deepEqual(leaked(lines).sort(), Object.keys(SECRETS).sort());
  });

  test("Fastify's logger built from these options censors headers and bodies logged beside a message", async () => {
    const { lines, stream } = capture();
    const app = Fastify({ logger: loggerOptions({ level: 'trace', stream }, 'info') as object });
    try {
      const { headers, body } = requestLike();
      app.log.warn({ headers, body }, 'zalo answered oddly');
      app.log.child({ route: 'zalo' }).error({ req: { headers, body } }, 'in a child logger');
      assert.ok(lines.some((l) => l.includes('zalo answered oddly')));
      assert.deepEqual(leaked(lines), []);
    } finally {
      await app.close();
    }
  });

  test('every credential name the Zalo code handles is on the list', () => {
    for (const path of [
      'req.headers.secret_key',
      'req.headers.access_token',
      'req.body.accessToken',
      'req.body.code',
      'req.headers.authorization',
      'req.headers.cookie',
    ])
      assert.ok(LOG_REDACT.includes(path), path);
  });
});
