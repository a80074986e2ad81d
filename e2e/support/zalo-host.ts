// Plays Zalo's part for the mini app build (apps/citizen/www) in a browser journey. Zalo serves a mini app at
// https://h5.zdn.vn/zapps/<APP_ID>/… from a page it makes out of the uploaded app-config.json: the listed
// stylesheets and scripts, an #app element, and window.APP_ID. This host does the same on localhost (the only
// host name on which zmp-sdk mocks itself outside Zalo; on 127.0.0.1 every SDK call fails, as outside Zalo).
// It serves no API: the build calls the server at VITE_API_ORIGIN across origins, as it does in Zalo.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ZaloHost {
  /** `http://localhost:<port>` */
  origin: string;
  /** The mini app's address for one of its paths, as Zalo opens it: `<origin>/zapps/<appId><appPath>`. */
  appUrl(appPath?: string): string;
  close(): Promise<void>;
}

interface AppConfig {
  app: { title: string };
  listCSS: string[];
  listSyncJS: string[];
  listAsyncJS: string[];
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Serves `wwwDir` as Zalo would, on `port` (0: any free one) of 127.0.0.1, reached as `localhost`. */
export async function startZaloHost(options: {
  wwwDir: string;
  appId: string;
  port?: number;
}): Promise<ZaloHost> {
  const { wwwDir, appId } = options;
  const config = JSON.parse(await readFile(path.join(wwwDir, 'app-config.json'), 'utf8')) as AppConfig;
  const base = `/zapps/${appId}`;
  const asset = (file: string) => `${base}/${file}`;
  const page = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${escapeHtml(config.app.title)}</title>
<script>window.APP_ID = ${JSON.stringify(appId)}; window.APP_CONFIG = ${JSON.stringify({ app: config.app })};</script>
${config.listCSS.map((f) => `<link rel="stylesheet" href="${asset(f)}">`).join('\n')}
</head>
<body>
<div id="app"></div>
${config.listSyncJS.map((f) => `<script type="module" src="${asset(f)}"></script>`).join('\n')}
${config.listAsyncJS.map((f) => `<script type="module" async src="${asset(f)}"></script>`).join('\n')}
</body>
</html>`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      res.writeHead(404).end();
      return;
    }
    const rest = decodeURIComponent(url.pathname.slice(base.length + 1));
    const ext = path.extname(rest);
    if (ext === '') {
      // Every path of the app gets the app's page: ZMPRouter routes what follows /zapps/<APP_ID>.
      res.writeHead(200, { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    const file = path.resolve(wwwDir, rest);
    if (!file.startsWith(path.resolve(wwwDir) + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    appUrl: (appPath = '/') => `${origin}${base}${appPath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
