import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isApiPath } from '@dltt/contracts/server-paths';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đắk Lắk Trực Tuyến</title>
<p>Giao diện chưa được build. Chạy <code>npm run build</code> rồi khởi động lại.</p>
<p lang="en">The web apps are not built yet. Run <code>npm run build</code> and restart.</p></html>`;

function cacheHeaders(reply: FastifyReply, filePath: string) {
  // Vite fingerprints everything under assets/: cache for a year. index.html must always revalidate.
  if (filePath.includes(`${path.sep}assets${path.sep}`)) {
    reply.header('cache-control', 'public, max-age=31536000, immutable');
  } else {
    reply.header('cache-control', 'no-cache');
  }
}

/**
 * Serves the citizen web app at / and the console at /console/, with an SPA fallback: any other GET
 * that asks for HTML gets the app's index.html so deep links work.
 */
export async function registerStaticApps(app: FastifyInstance, dirs: { citizen: string; console: string }) {
  const apps = [
    { prefix: '/console/', dir: dirs.console },
    { prefix: '/', dir: dirs.citizen },
  ];
  const indexes = new Map<string, string>();
  for (const [i, a] of apps.entries()) {
    const index = path.join(a.dir, 'index.html');
    if (!existsSync(index)) continue;
    indexes.set(a.prefix, await readFile(index, 'utf8'));
    await app.register(fastifyStatic, {
      root: a.dir,
      prefix: a.prefix,
      decorateReply: i === 0,
      wildcard: true,
      index: false,
      // The builds put a brotli (.br) and a gzip (.gz) copy beside each text asset: the plugin picks the one the
      // client accepts, sets Content-Encoding and Vary, and sends the plain file to a client that takes neither.
      preCompressed: true,
      setHeaders: cacheHeaders,
      schemaHide: true,
    });
  }

  const sendIndex = (reply: FastifyReply, prefix: string) => {
    const html = indexes.get(prefix);
    return reply
      .status(html ? 200 : 503)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html ?? NOT_BUILT);
  };
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply, '/'));
  app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  // Browsers ask for /favicon.ico on a page without an icon link (a JSON or script file opened directly).
  app.get('/favicon.ico', { schema: { hide: true } }, (_request, reply) =>
    reply.redirect('/favicon.svg', 301),
  );
  app.get('/console/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply, '/console/'));

  return function spaFallback(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const url = request.url.split('?')[0] ?? '/';
    if (isApiPath(url) || path.extname(url) !== '') return false;
    if (!String(request.headers.accept ?? '').includes('text/html')) return false;
    void sendIndex(reply, url.startsWith('/console/') ? '/console/' : '/');
    return true;
  };
}
