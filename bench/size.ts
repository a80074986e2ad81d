// Bundle sizes of the built web apps, gzipped, against their budgets, plus checks of the Zalo build.
// Run after `npm run build` (which builds the Zalo mini app too):
//   node bench/size.ts            (prints a table; exits 1 when an app is over budget, missing, or a check fails)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * Budgets in gzipped bytes. The province's current mini app is under 2 MB; ours must load on slow 3G
 * (~50 kB/s) in a few seconds, so the citizen app's whole first load stays under 150 kB.
 */
interface AppBudget {
  name: string;
  dir: string;
  budget: number;
  /**
   * Lazy chunks that only one screen loads, each budgeted on its own and left out of the app's total; each
   * must exist and must not be preloaded by index.html (else it would be part of every first load).
   */
  apart?: { name: string; file: RegExp; budget: number }[];
}
/** The photo encoder (compressorjs, packages/photo-resize), loaded only once a photo is picked. */
const PHOTO_SHRINKER = {
  name: 'photo shrinker',
  file: /^assets\/compressor\.esm-[\w-]+\.js$/,
  budget: 8 * 1024,
};
/**
 * The map library (Leaflet 1.9.4, components/map/leaflet.ts) and its stylesheet: one lazy chunk that only a page
 * showing a map loads (the planning page, the public reports map, the report form's pin map), never the home.
 */
const MAP_LIBRARY = [
  { name: 'map library (Leaflet)', file: /^assets\/leaflet-[\w-]+\.js$/, budget: 46 * 1024 },
  { name: 'map library stylesheet', file: /^assets\/leaflet-[\w-]+\.css$/, budget: 4 * 1024 },
];
const APPS: AppBudget[] = [
  {
    name: 'citizen (web)',
    dir: 'apps/citizen/dist',
    // Every page's code together (a visit loads the home and the pages it opens; the wire budget in
    // e2e/journeys/wire-budget.e2e.ts holds what a visit pays). 150 → 160 kB when the offline outbox came in.
    budget: 160 * 1024,
    // The service worker and Workbox's runtime it imports: fetched by the browser after the page has loaded.
    apart: [
      PHOTO_SHRINKER,
      ...MAP_LIBRARY,
      { name: 'service worker', file: /^sw\.js$/, budget: 4 * 1024 },
      { name: 'Workbox runtime', file: /^workbox-[\w-]+\.js$/, budget: 10 * 1024 },
    ],
  },
  {
    name: 'console',
    dir: 'apps/console/dist',
    budget: 200 * 1024,
    // The kiosk's QR decoder for browsers without BarcodeDetector (ZXing's QR reader).
    apart: [
      { name: 'kiosk QR decoder', file: /^assets\/qr-decode-[\w-]+\.js$/, budget: 40 * 1024 },
      PHOTO_SHRINKER,
    ],
  },
  // Every JS/CSS file of the mini app, lazy chunks included: Zalo downloads the whole package.
  { name: 'citizen (zalo)', dir: 'apps/citizen/www', budget: 1024 * 1024 },
];
const WEB_DIR = 'apps/citizen/dist';
const ZALO_DIR = 'apps/citizen/www';
/**
 * Names that only zmp-sdk's code contains (the globals it sets and the Android bridge it calls). Each must be in
 * the Zalo build, so the check below cannot pass by searching for a string that no build has.
 */
const ZOD_MARKER = '$ZodError';
const ZMP_SDK_MARKERS = ['ZaloMiniAppSDK', 'ZaloJavaScriptInterface'];
const REFERENCE_MINI_APP = 2 * 1024 * 1024;
/** The path Zalo serves mini apps under; only ZMPRouter (Zalo build) routes there. */
const ZAPPS_BASE = '/zapps/';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const problems: string[] = [];
for (const app of APPS) {
  const dir = path.join(ROOT, app.dir);
  if (!existsSync(dir)) {
    problems.push(`${app.name}: ${app.dir} is missing (run npm run build)`);
    continue;
  }
  const rows = files(dir)
    .filter((f) => /\.(js|css|html|svg|json)$/.test(f))
    .map((f) => ({
      file: path.relative(dir, f),
      raw: statSync(f).size,
      gzip: gzipSync(readFileSync(f), { level: 9 }).length,
    }));
  const apart = app.apart ?? [];
  const isApart = (file: string) => apart.some((a) => a.file.test(file));
  const total = rows.filter((r) => !isApart(r.file)).reduce((s, r) => s + r.gzip, 0);
  console.log(`\n${app.name}: ${dir}`);
  for (const r of rows)
    console.log(
      `  ${r.file.padEnd(40)} ${String(r.raw).padStart(9)} B  ${String(r.gzip).padStart(8)} B gz${isApart(r.file) ? '  (apart)' : ''}`,
    );
  const html = existsSync(path.join(dir, 'index.html'))
    ? readFileSync(path.join(dir, 'index.html'), 'utf8')
    : '';
  for (const a of apart) {
    const chunk = rows.find((r) => a.file.test(r.file));
    if (!chunk) {
      problems.push(`${app.name}: no ${a.name} chunk (${a.file}) — is it still a lazy import?`);
      continue;
    }
    console.log(
      `  ${a.name}: ${(chunk.gzip / 1024).toFixed(1)} kB gz of its ${a.budget / 1024} kB budget, loaded apart`,
    );
    if (chunk.gzip > a.budget) problems.push(`${app.name}: ${a.name} over its ${a.budget / 1024} kB budget`);
    if (html.includes(path.basename(chunk.file)))
      problems.push(`${app.name}: index.html loads ${chunk.file}, which must stay lazy`);
  }
  console.log(
    `  total ${(total / 1024).toFixed(1)} kB gz = ${((100 * total) / app.budget).toFixed(0)}% of the ${app.budget / 1024} kB budget, ` +
      `${((100 * total) / REFERENCE_MINI_APP).toFixed(1)}% of the 2 MB reference mini app`,
  );
  if (total > app.budget) problems.push(`${app.name}: over its ${app.budget / 1024} kB budget`);
}

const text = (dir: string) =>
  existsSync(dir)
    ? files(dir)
        .filter((f) => /\.(js|css|html)$/.test(f))
        .map((f) => readFileSync(f, 'utf8'))
    : [];

/** www/app-config.json is what `zmp deploy` uploads and Zalo loads the app from: valid, complete, pointing at real files. */
function checkAppConfig(): string[] {
  const file = path.join(ROOT, ZALO_DIR, 'app-config.json');
  if (!existsSync(file)) return [`${ZALO_DIR}/app-config.json is missing`];
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`${ZALO_DIR}/app-config.json is not valid JSON: ${(error as Error).message}`];
  }
  const found: string[] = [];
  const record = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const title = record(record(config).app).title;
  if (typeof title !== 'string' || title.trim() === '') found.push('app-config.json: app.title is missing');
  for (const list of ['listCSS', 'listSyncJS', 'listAsyncJS']) {
    const value = record(config)[list];
    if (!Array.isArray(value) || !value.every((f) => typeof f === 'string')) {
      found.push(`app-config.json: ${list} is not a list of file names`);
      continue;
    }
    if (list === 'listSyncJS' && value.length === 0) found.push('app-config.json: listSyncJS is empty');
    for (const name of value as string[]) {
      if (!existsSync(path.join(ROOT, ZALO_DIR, name)))
        found.push(`app-config.json: ${list} names ${name}, not in ${ZALO_DIR}`);
    }
  }
  return found;
}

/** The web build must not carry zmp-sdk (it would be dead weight, and it mocks itself on localhost pages). */
function checkNoSdkOnTheWeb(): string[] {
  const zalo = text(path.join(ROOT, ZALO_DIR));
  const web = text(path.join(ROOT, WEB_DIR));
  if (zalo.length === 0 || web.length === 0) return []; // A missing build is reported above.
  const found: string[] = [];
  for (const marker of ZMP_SDK_MARKERS) {
    if (!zalo.some((t) => t.includes(marker)))
      found.push(
        `zmp-sdk marker "${marker}" is not in the Zalo build: pick markers that zmp-sdk still contains`,
      );
    if (web.some((t) => t.includes(marker))) found.push(`the web build contains zmp-sdk code ("${marker}")`);
  }
  return found;
}

/**
 * zmp-ui's ZMPRouter routes under `/zapps/<APP_ID>`, which blanks the web app (it is served at `/`): the web build
 * must route with react-router only. The Zalo build must contain the string, so the check cannot pass vacuously.
 */
function checkNoZappsRouterOnTheWeb(): string[] {
  const zalo = text(path.join(ROOT, ZALO_DIR));
  const web = text(path.join(ROOT, WEB_DIR));
  if (zalo.length === 0 || web.length === 0) return [];
  const found: string[] = [];
  if (!zalo.some((t) => t.includes(ZAPPS_BASE)))
    found.push(`"${ZAPPS_BASE}" is not in the Zalo build: ZMPRouter no longer names it, update this check`);
  if (web.some((t) => t.includes(ZAPPS_BASE)))
    found.push(`the web build contains "${ZAPPS_BASE}" (zmp-ui's ZMPRouter?), which would blank the web app`);
  return found;
}

/**
 * The service worker (vite-plugin-pwa) is the web build's only: Zalo serves and keeps the mini app's package
 * itself. The web build has sw.js, whose precache list names no .br/.gz copy, and code that registers it; the
 * Zalo build has neither.
 */
function checkServiceWorkerWebOnly(): string[] {
  const zaloDir = path.join(ROOT, ZALO_DIR);
  const webDir = path.join(ROOT, WEB_DIR);
  if (!existsSync(zaloDir) || !existsSync(webDir)) return [];
  const found: string[] = [];
  const sw = path.join(webDir, 'sw.js');
  if (!existsSync(sw)) found.push(`${WEB_DIR}/sw.js is missing: the web build has no service worker`);
  else if (/\.(br|gz)"/.test(readFileSync(sw, 'utf8')))
    found.push(`${WEB_DIR}/sw.js precaches .br/.gz copies (globIgnores in apps/citizen/vite.config.ts)`);
  const registers = (texts: string[]) => texts.some((t) => t.includes('serviceWorker.register('));
  if (!registers(text(webDir))) found.push('no code of the web build registers the service worker');
  const zaloFiles = files(zaloDir).map((f) => path.relative(zaloDir, f));
  const workerFiles = zaloFiles.filter((f) => f === 'sw.js' || /^workbox-[\w-]+\.js$/.test(f));
  if (workerFiles.length > 0) found.push(`the Zalo build contains ${workerFiles.join(', ')}`);
  if (registers(text(zaloDir))) found.push('the Zalo build registers a service worker');
  return found;
}

/**
 * The web apps validate nothing with zod at run time (the server does): importing one value from the
 * @dltt/contracts index instead of its zod-free subpaths (`/constants`, `/phone`, …) silently adds ~30 kB of zod.
 * The marker is a string zod's own code carries, checked against zod so the check cannot pass vacuously.
 */
function checkNoZodInWebApps(): string[] {
  const zodCore = path.join(ROOT, 'node_modules/zod/v4/core/errors.js');
  if (!existsSync(zodCore) || !readFileSync(zodCore, 'utf8').includes(ZOD_MARKER))
    return [`zod's own code no longer names "${ZOD_MARKER}": pick a marker zod still contains`];
  const found: string[] = [];
  for (const dir of [WEB_DIR, 'apps/console/dist']) {
    if (text(path.join(ROOT, dir)).some((t) => t.includes(ZOD_MARKER)))
      found.push(`${dir} contains zod ("${ZOD_MARKER}"): import constants from @dltt/contracts/constants`);
  }
  return found;
}

const checks = [
  ...checkAppConfig(),
  ...checkNoZodInWebApps(),
  ...checkNoSdkOnTheWeb(),
  ...checkNoZappsRouterOnTheWeb(),
  ...checkServiceWorkerWebOnly(),
];
console.log(
  `\nZalo build checks: ${checks.length === 0 ? 'app-config.json valid, no zod in the web apps, no zmp-sdk and no /zapps/ routing in the web build, the service worker in the web build only' : 'FAILED'}`,
);
problems.push(...checks);
for (const problem of problems) console.error(`  ✗ ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
