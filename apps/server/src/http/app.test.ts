import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import { ADMIN, login, startTestApp, type TestContext } from '../testing/harness.ts';
import { makeJpeg } from '../testing/photos.ts';
import { buildApp, DEFAULT_BODY_LIMIT } from './app.ts';
import { metricsAllowList } from './observability.ts';

describe('HTTP platform', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('/healthz and /readyz answer, /readyz names the database', async () => {
    const health = await t.app.inject('/healthz');
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    assert.equal(ready.json().database, t.database.kind);
  });

  test('/readyz reports 503 when the database is gone', async () => {
    const other = await startTestApp();
    await other.database.close();
    try {
      const ready = await other.app.inject('/readyz');
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().status, 'unavailable');
    } finally {
      await other.close();
    }
  });

  test('/metrics exposes Prometheus text with request durations by route pattern', async () => {
    await t.app.inject('/api/v1/categories');
    const res = await t.app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(
      res.body,
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/categories",status="200"\}/,
    );
  });

  test('/metrics answers only the allowed addresses (loopback by default) or the token', async () => {
    assert.equal((await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode, 200);
    const token = 'metrics-token-0123456789abcdef';
    const other = await startTestApp({
      env: { METRICS_ALLOW: '10.0.0.0/8, 192.0.2.7', METRICS_TOKEN: token },
    });
    try {
      const get = (remoteAddress: string, authorization?: string) =>
        other.app.inject({ url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });
      assert.equal((await get('10.20.30.40')).statusCode, 200, 'in the range');
      assert.equal((await get('192.0.2.7')).statusCode, 200, 'the address');
      assert.equal((await get('::ffff:10.1.1.1')).statusCode, 200, 'IPv4 mapped into IPv6');
      assert.equal((await get('127.0.0.1')).statusCode, 403, 'loopback is not in this list');
      const refused = await get('203.0.113.9', 'Bearer wrong-token-0123456789abc');
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'FORBIDDEN');
      assert.equal((await get('203.0.113.9', `Bearer ${token}`)).statusCode, 200, 'the token, from anywhere');
    } finally {
      await other.close();
    }
    assert.throws(() => metricsAllowList(['10.0.0.0/8', 'intranet']), /METRICS_ALLOW: "intranet"/);
  });

  test('OpenAPI document lists the API and /docs serves the reference', async () => {
    const spec = await t.app.inject('/openapi.json');
    assert.equal(spec.statusCode, 200);
    const doc = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    assert.match(doc.openapi, /^3\./);
    // A real OpenAPI 3 validator (schema + references), not just a shape check.
    await SwaggerParser.validate(
      structuredClone(doc) as unknown as Parameters<typeof SwaggerParser.validate>[0],
    );
    for (const p of ['/api/v1/auth/login', '/api/v1/staff-users', '/api/v1/agencies', '/api/v1/categories']) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    assert.equal(doc.paths['/healthz'], undefined, 'operational endpoints stay out of the API reference');
    const docs = await t.app.inject('/docs/');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  test('security headers: CSP, nosniff, frame protection; no CORS by default', async () => {
    const res = await t.app.inject({
      url: '/api/v1/categories',
      headers: { origin: 'https://evil.example' },
    });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test('CORS: the Zalo Mini App origins may call the API with a bearer token, without cookies; others may not', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/zalo',
      headers: {
        origin: 'https://h5.zdn.vn',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://h5.zdn.vn');
    assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /idempotency-key/);
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
    const get = await t.app.inject({ url: '/api/v1/categories', headers: { origin: 'https://h5.zadn.vn' } });
    assert.equal(get.headers['access-control-allow-origin'], 'https://h5.zadn.vn');
    const evil = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/zalo',
      headers: { origin: 'https://h5.zdn.vn.evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
  });

  test('every response carries a request id; a sane incoming one is kept', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-1234567' } });
    assert.equal(res.headers['x-request-id'], 'trace-1234567');
    const bad = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('only public answers may be cached: staff and citizen answers (errors too) say no-store', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const citizen = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
    const bearer = { authorization: `Bearer ${citizen.json().token}` };
    const photo = await t.app.inject({
      method: 'POST',
      url: '/api/v1/report-photos',
      headers: { ...bearer, 'content-type': 'image/jpeg' },
      payload: await makeJpeg({ width: 64, height: 48 }),
    });
    assert.equal(photo.statusCode, 201, photo.body);
    const privateAnswers = [
      { url: '/api/v1/staff/reports', headers: admin.headers, status: 200 },
      { url: '/api/v1/staff-users', headers: admin.headers, status: 200 },
      { url: '/api/v1/staff/reports', headers: {}, status: 401 },
      { url: '/api/v1/me/reports', headers: bearer, status: 200 },
      { url: `/api/v1/me/report-photos/${photo.json().id}/thumb`, headers: bearer, status: 200 },
      { url: '/api/v1/me/reports', headers: {}, status: 401 },
      { url: '/api/v1/nope', headers: {}, status: 404 },
    ];
    for (const { url, headers, status } of privateAnswers) {
      const res = await t.app.inject({ url, headers });
      assert.equal(res.statusCode, status, `${url}: ${res.body}`);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    // Public answers keep what their route chose.
    const site = await t.app.inject('/api/v1/config');
    assert.equal(site.headers['cache-control'], 'public, max-age=300');
  });

  test('unknown API route: JSON 404 with a stable code and a Vietnamese message', async () => {
    const res = await t.app.inject('/api/v1/nope');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND');
    assert.equal(res.json().error.message, 'Không tìm thấy địa chỉ yêu cầu.');
    assert.ok(res.json().error.requestId);
    const en = await t.app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(en.json().error.message, 'No such endpoint.');
  });

  test('malformed JSON is a 400 INVALID_JSON, an oversized body a 413', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INVALID_JSON');
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('bodies are limited to what the routes take; a body for no route is never parsed', async () => {
    const json = { 'content-type': 'application/json' };
    // Just over the default limit: refused before parsing, whatever it holds.
    const nested = '['.repeat(DEFAULT_BODY_LIMIT / 2 + 1) + ']'.repeat(DEFAULT_BODY_LIMIT / 2 + 1);
    const over = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: json,
      payload: nested,
    });
    assert.equal(over.statusCode, 413, over.body);
    // The largest report a citizen can write (4000 three-byte letters, address, phone) is well within it.
    const report = JSON.stringify({ description: 'ể'.repeat(4000), address: 'ở'.repeat(500) });
    assert.ok(Buffer.byteLength(report) < DEFAULT_BODY_LIMIT / 4);
    // No route: 404 at once, the body unread (broken JSON would otherwise be a 400 INVALID_JSON).
    for (const url of ['/api/v1/nope', '/api/v1/reports/x/y/z', '/open311/v2/nope.json', '/elsewhere']) {
      const res = await t.app.inject({ method: 'POST', url, headers: json, payload: '{"broken":' });
      assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
    }
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/nope',
      headers: json,
      payload: nested,
    });
    assert.equal(unknown.json().error.code, 'ROUTE_NOT_FOUND', 'not PAYLOAD_TOO_LARGE: never read');
  });

  test('schema violations are 400 VALIDATION_FAILED with the failing fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a' } });
    assert.equal(res.statusCode, 400);
    const err = res.json().error;
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.ok(
      (err.details as { path: string }[]).some((d) => d.path.includes('password')),
      JSON.stringify(err.details),
    );
  });

  test('a route without an access rule cannot be registered', async () => {
    const app = await buildApp({
      config: t.config,
      database: t.database,
      secretKey: Buffer.alloc(32),
      logger: false,
    });
    try {
      assert.throws(() => app.get('/api/v1/unguarded', async () => ({})), /declares no access rule/);
      app.get('/api/v1/guarded', { config: { access: 'public' } }, async () => ({}));
    } finally {
      await app.close();
    }
  });

  test('public write endpoints are rate-limited per client address by default', async () => {
    const app = await buildApp({
      config: { ...t.config, rateLimitPublicWrites: 3 },
      database: t.database,
      secretKey: Buffer.alloc(32),
      logger: false,
    });
    app.post('/api/v1/test-public-write', { config: { access: 'public' } }, async () => ({ ok: true }));
    app.get('/api/v1/test-public-read', { config: { access: 'public' } }, async () => ({ ok: true }));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/test-public-write',
          remoteAddress: '198.51.100.1',
        });
        codes.push(res.statusCode);
      }
      assert.deepEqual(codes, [200, 200, 200, 429, 429]);
      const other = await app.inject({
        method: 'POST',
        url: '/api/v1/test-public-write',
        remoteAddress: '198.51.100.2',
      });
      assert.equal(other.statusCode, 200);
      for (let i = 0; i < 5; i++) {
        const read = await app.inject({ url: '/api/v1/test-public-read', remoteAddress: '198.51.100.1' });
        assert.equal(read.statusCode, 200, 'reads are not limited by the write limit');
      }
    } finally {
      await app.close();
    }
  });

  test('every /api route in the running app declares access (public or a permission)', async () => {
    const session = await login(t.app, ADMIN.username, ADMIN.password);
    const doc = (await t.app.inject('/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const Paths = z.record(z.string(), z.record(z.string(), z.unknown()));
    const paths = Paths.parse(doc.paths);
    // Without a session, only public routes answer something other than 401.
    const publicOk = new Set([
      '/api/v1/auth/login',
      '/api/v1/categories',
      '/api/v1/communes',
      '/api/v1/province',
      '/api/v1/public/reports',
      '/api/v1/centres',
      '/api/v1/config',
      '/api/v1/land-use-codes',
      '/api/v1/planning/datasets',
      '/api/v1/planning/lookup',
      '/api/v1/planning/parcels',
    ]);
    for (const [p, methods] of Object.entries(paths)) {
      for (const method of Object.keys(methods)) {
        if (method !== 'get' || p.includes('{') || !p.startsWith('/api/')) continue;
        const anon = await t.app.inject({ method: 'GET', url: p });
        if (publicOk.has(p)) assert.notEqual(anon.statusCode, 401, p);
        else assert.equal(anon.statusCode, 401, `${p} must need a session`);
        // A live stream never ends (inject would wait for ever): the stream tests read them over a socket.
        if (p.endsWith('/stream')) continue;
        const signed = await t.app.inject({ method: 'GET', url: p, headers: session.headers });
        assert.ok(signed.statusCode < 500, `${p}: ${signed.statusCode}`);
      }
    }
  });

  test('closing the app lets an in-flight request finish and refuses new ones', async () => {
    const app = await buildApp({
      config: t.config,
      database: t.database,
      secretKey: Buffer.alloc(32),
      logger: false,
    });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    app.get('/slow-for-test', async () => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const pending = fetch(`http://127.0.0.1:${port}/slow-for-test`);
      await inHandler;
      const closing = app.close();
      const res = await pending;
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { done: true });
      await closing;
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
    } finally {
      await app.close();
    }
  });

  test('plugin and framework errors keep their meaning and our error shape', async () => {
    const badUrl = await t.app.inject('/%E0%A4%A');
    assert.equal(badUrl.statusCode, 400);
    assert.equal(badUrl.json().error.code, 'BAD_REQUEST');
    const missingAsset = await t.app.inject('/assets/does-not-exist.js');
    assert.equal(missingAsset.statusCode, 404);
    const docsCsp = String((await t.app.inject('/docs/')).headers['content-security-policy']);
    assert.doesNotMatch(docsCsp, /upgrade-insecure-requests/, 'plain-http deployments can open /docs');
  });

  test('GET for an app page falls back to the SPA (or the "not built" page), API paths never do', async () => {
    const page = await t.app.inject({ url: '/reports/new', headers: { accept: 'text/html' } });
    assert.ok([200, 503].includes(page.statusCode));
    assert.match(String(page.headers['content-type']), /text\/html/);
    const api = await t.app.inject({ url: '/api/v1/missing', headers: { accept: 'text/html' } });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'ROUTE_NOT_FOUND');
  });
});
