import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import sharp from 'sharp';
import { ADMIN, agencyId, login, startTestApp, type TestContext } from '../testing/harness.ts';
import { registerCompression } from './compression.ts';

const BR = { 'accept-encoding': 'br' };
const GZIP = { 'accept-encoding': 'gzip' };
const BOTH = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** A built app as Vite leaves it: index.html, a hashed script, and its .br and .gz beside it. */
async function fakeBuild(dir: string, script: string) {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="vi"><div id="root"></div><script type="module" src="/assets/index-Abc123.js"></script></html>',
  );
  const file = path.join(dir, 'assets/index-Abc123.js');
  await writeFile(file, script);
  await writeFile(`${file}.br`, brotliCompressSync(script));
  await writeFile(`${file}.gz`, gzipSync(script));
}

describe('compression on the wire', () => {
  const script = `export const tiles = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `tile-${i}`))};\n`;
  let dir: string;
  let t: TestContext;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-static-'));
    await fakeBuild(path.join(dir, 'citizen'), script);
    await fakeBuild(path.join(dir, 'console'), script);
    t = await startTestApp({
      env: {
        STATIC_DIR_CITIZEN: path.join(dir, 'citizen'),
        STATIC_DIR_CONSOLE: path.join(dir, 'console'),
        RATE_LIMIT_PUBLIC_WRITES: '1000',
      },
    });
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a hashed asset goes out as the precompressed brotli or gzip file, or plain, and says it varies', async () => {
    for (const prefix of ['/', '/console/']) {
      const url = `${prefix}assets/index-Abc123.js`;
      const br = await t.app.inject({ url, headers: BOTH });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br', url);
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
      assert.deepEqual(br.rawPayload, brotliCompressSync(script), 'the file made at build time, as it is');
      assert.match(String(br.headers['content-type']), /javascript/);
      assert.match(String(br.headers.vary), /accept-encoding/i);
      assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');

      const onlyBr = await t.app.inject({ url, headers: BR });
      assert.equal(onlyBr.headers['content-encoding'], 'br', url);

      const gz = await t.app.inject({ url, headers: GZIP });
      assert.equal(gz.headers['content-encoding'], 'gzip', url);
      assert.equal(gunzipSync(gz.rawPayload).toString(), script);
      assert.deepEqual(gz.rawPayload, gzipSync(script));
      assert.match(String(gz.headers.vary), /accept-encoding/i);

      for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'zstd' }]) {
        const plain = await t.app.inject({ url, headers });
        assert.equal(plain.statusCode, 200);
        assert.equal(plain.headers['content-encoding'], undefined, JSON.stringify(headers));
        assert.equal(plain.body, script);
        assert.match(String(plain.headers.vary), /accept-encoding/i);
        assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
      }
    }
  });

  test('index.html is revalidated, and deep links still get it', async () => {
    for (const url of ['/', '/reports/new', '/appointments/ticket/abc', '/console/', '/console/reports/x']) {
      const page = await t.app.inject({ url, headers: { ...BOTH, accept: 'text/html' } });
      assert.equal(page.statusCode, 200, url);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.equal(page.headers['cache-control'], 'no-cache', url);
      assert.match(page.body, /<div id="root">/);
    }
    const missing = await t.app.inject({ url: '/assets/index-Gone99.js', headers: BOTH });
    assert.equal(missing.statusCode, 404);
  });

  test("a browser's /favicon.ico (asked on a page without an icon link) goes to the app's icon", async () => {
    const ico = await t.app.inject({ url: '/favicon.ico' });
    assert.equal(ico.statusCode, 301);
    assert.equal(ico.headers.location, '/favicon.svg');
  });

  test("the citizen app's service worker and its Workbox runtime are revalidated, so a new version is seen", async () => {
    // As vite-plugin-pwa writes them beside index.html (apps/citizen/vite.config.ts).
    await writeFile(path.join(dir, 'citizen/sw.js'), 'importScripts("workbox-0a1b2c3d.js");\n');
    await writeFile(path.join(dir, 'citizen/workbox-0a1b2c3d.js'), 'self.workbox = {};\n');
    for (const url of ['/sw.js', '/workbox-0a1b2c3d.js']) {
      const res = await t.app.inject({ url, headers: BOTH });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /javascript/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.ok(res.headers.etag, `${url}: an ETag to revalidate against`);
    }
  });

  test('a JSON list above 1 kB is compressed on the fly; a small answer is not', async () => {
    const plain = await t.app.inject('/api/v1/communes');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.rawPayload.length > 1024, 'the list is big enough to be worth compressing');

    const br = await t.app.inject({ url: '/api/v1/communes', headers: BOTH });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), plain.json());
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);

    const gz = await t.app.inject({ url: '/api/v1/communes', headers: GZIP });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), plain.json());

    const small = await t.app.inject({ url: '/healthz', headers: BOTH });
    assert.equal(small.headers['content-encoding'], undefined);
  });

  test('a photo is sent as it is stored, never compressed again', async () => {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
    const auth = { authorization: `Bearer ${session.json().token}` };
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/report-photos',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      // Noise, like a real photo: a flat colour would shrink below the threshold and prove nothing.
      payload: await sharp({
        create: {
          width: 800,
          height: 600,
          channels: 3,
          background: '#3a7',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      })
        .jpeg()
        .toBuffer(),
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    for (const size of ['full', 'thumb']) {
      const photo = await t.app.inject({
        url: `/api/v1/me/report-photos/${uploaded.json().id}/${size}`,
        headers: { ...auth, ...BOTH },
      });
      assert.equal(photo.statusCode, 200);
      assert.ok(photo.rawPayload.length > 1024, 'above the threshold, so only the type keeps it plain');
      assert.match(String(photo.headers['content-type']), /^image\/(jpeg|webp)$/);
      assert.equal(photo.headers['content-encoding'], undefined, size);
    }
  });

  test('a live (Server-Sent Events) stream is never compressed', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const centre = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-tinh',
        name: 'Trung tâm Phục vụ hành chính công tỉnh',
        agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
        sessions: [{ weekday: 1, start: '07:00', end: '11:30' }],
        fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 5 }],
        counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
      },
    });
    assert.equal(centre.statusCode, 201, centre.body);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    try {
      const res = await fetch(`${base}/api/v1/public/centres/${centre.json().id}/board/stream`, {
        signal: controller.signal,
        headers: { accept: 'text/event-stream', ...BOTH },
      });
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /^text\/event-stream/);
      assert.equal(res.headers.get('content-encoding'), null);
      const first = await res.body?.getReader().read();
      assert.match(new TextDecoder().decode(first?.value), /retry: 2000|event: board/);
    } finally {
      controller.abort();
    }
  });
});

describe('the compression rule', () => {
  // However a route sends a stream (through Fastify, as a reply body), the content type alone decides.
  test('an event stream sent through Fastify stays plain; a text stream beside it is compressed', async () => {
    const app = Fastify();
    await registerCompression(app);
    const body = (type: string) => (_request: unknown, reply: import('fastify').FastifyReply) => {
      const stream = new PassThrough();
      stream.end(`data: ${'x'.repeat(2048)}\n\n`);
      return reply.type(type).send(stream);
    };
    app.get('/events', body('text/event-stream; charset=utf-8'));
    app.get('/text', body('text/plain; charset=utf-8'));
    app.get('/qr', (_request, reply) =>
      reply.type('image/svg+xml').send(`<svg>${'<path/>'.repeat(400)}</svg>`),
    );
    try {
      const events = await app.inject({ url: '/events', headers: BOTH });
      assert.equal(events.headers['content-encoding'], undefined);
      assert.match(events.body, /^data: x/);
      const text = await app.inject({ url: '/text', headers: BOTH });
      assert.equal(text.headers['content-encoding'], 'br', 'the plugin is active on streams');
      const qr = await app.inject({ url: '/qr', headers: GZIP });
      assert.equal(qr.headers['content-encoding'], 'gzip', 'an SVG (the ticket QR) is text and compressed');
    } finally {
      await app.close();
    }
  });
});
