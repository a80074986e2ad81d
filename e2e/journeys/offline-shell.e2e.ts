// The citizen web app kept on the phone by its service worker (issue 11, "Repeat visits and offline"): a second
// visit costs at most 5 kB on the wire before the tiles show; without network the home and the pages already
// seen open, with a calm "Bạn đang ngoại tuyến" line; a new version deployed on the server is picked up on the
// next visit, and a page still running the old one reloads once when it needs code that is gone. Prints the
// figures that docs/BENCHMARKS.md records.
//
// The site is a copy of apps/citizen/dist (build A, from `npm run build`) served by the real server through a
// relay that counts every byte sent back, and keeps the origin (so the worker) while the server is restarted on
// build B: the same app built again with a different greeting on the home.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CalendarDay, Centre } from '@dltt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  type ExpectedFailure,
  expectAccessible,
  launchBrowser,
  newContext,
  unexpectedErrors,
  watchPageErrors,
} from '../support/browser.ts';
import { phoneLayoutProblems } from '../support/layout.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { countingRelay, kB, watchWire, watchWorkerWire } from '../support/wire.ts';

const skip = browserUnavailable();
const ROOT = path.resolve(import.meta.dirname, '../..');
const CITIZEN = path.join(ROOT, 'apps/citizen');
const FIRST_VISIT_BUDGET = 100 * 1024;
const SECOND_VISIT_BUDGET = 5 * 1024;

const vi = JSON.parse(await readFile(path.join(CITIZEN, 'src/i18n/vi.json'), 'utf8')) as {
  home: { greeting: string };
  features: { reports: { title: string } };
};
const GREETING_A = vi.home.greeting;
const GREETING_B = 'Xin chào! Đây là phiên bản mới của ứng dụng.';
const OFFLINE = 'Bạn đang ngoại tuyến';

/** Pages a citizen has opened once (online) and opens again offline, with what shows that their data is there. */
const SEEN_PAGES = [
  { path: '/reports', heading: 'Phản ánh hiện trường', shows: 'An toàn giao thông' },
  { path: '/reports/public', heading: 'Kết quả xử lý', shows: 'Chưa có phản ánh nào phù hợp.' },
  {
    path: '/appointments/new',
    heading: 'Đặt lịch hẹn',
    shows: 'Trung tâm Phục vụ hành chính công (ngoại tuyến)',
  },
] as const;
/**
 * The booking's choice of day, for a centre and field named in the address: free places change by the minute and
 * are never kept, so that step needs the network.
 */
const LIVE_PAGE = { heading: 'Đặt lịch hẹn', shows: /còn\s\d+\schỗ/ };
const NEEDS_NETWORK = 'Trang này cần mạng để tải dữ liệu.';

/** Today in Vietnam (UTC+7 all year). */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Build B: the citizen web app built again, the same way, with another greeting on the home. */
async function buildVersionB(outDir: string): Promise<void> {
  await build({
    root: CITIZEN,
    configFile: path.join(CITIZEN, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'e2e:version-b',
        enforce: 'pre',
        transform: (code, id) => (id.endsWith('/i18n/vi.json') ? code.replace(GREETING_A, GREETING_B) : null),
      },
    ],
  });
}

/** The hashed name of a lazily loaded page's chunk in a build. */
async function chunkName(dir: string, page: string): Promise<string> {
  const name = (await readdir(path.join(dir, 'assets'))).find(
    (f) => f.startsWith(`${page}-`) && f.endsWith('.js'),
  );
  assert.ok(name, `${page} chunk in ${dir}`);
  return name;
}

/**
 * Until the page is controlled by an activated worker. A worker that has just taken over may still be
 * activating; its statechange says when it is done.
 */
async function controlledByActiveWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    if (!sw.controller)
      await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
    const worker = sw.controller;
    if (!worker) throw new Error('no controller after controllerchange');
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    }
    return worker.scriptURL;
  });
}

describe('the citizen app kept on the phone', { skip: skip ?? false }, () => {
  let work: string;
  let site: string;
  let versionB: string;
  let server: RunningServer;
  let relay: Awaited<ReturnType<typeof countingRelay>>;
  let browser: Browser;
  let context: BrowserContext;
  const figures: string[] = [];
  let livePage: { path: string; heading: string; shows: RegExp };

  /** Opens `path` in a new tab of the same phone (a new visit) and returns that tab with its error list. */
  const open = async (path: string) => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(path);
    return { page, errors };
  };
  const tilesShown = (page: Page) =>
    page.getByRole('link', { name: vi.features.reports.title }).waitFor({ timeout: 20_000 });

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'dltt-offline-'));
    site = path.join(work, 'site');
    versionB = path.join(work, 'b');
    await cp(path.join(CITIZEN, 'dist'), site, { recursive: true });
    await buildVersionB(versionB);
    server = await startServer({ STATIC_DIR_CITIZEN: site });
    relay = await countingRelay(server.baseUrl);
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    // A centre open all day every day (a holiday today made a working day), to take a number from at any hour.
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working)) {
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
    }
    const centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'offline-e2e',
      name: SEEN_PAGES[2].shows,
      agencyId: await admin.communeCommittee('24133'),
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', slotMinutes: 15, capacity: 5 }],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
    });
    livePage = {
      ...LIVE_PAGE,
      path: `/appointments/new?centre=${centre.id}&field=${centre.fields[0]?.id}`,
    };
    context = await newContext(browser, 'phone', relay.baseUrl, { serviceWorkers: 'allow' });
    // Playwright turns the HTTP cache off while it intercepts requests (newContext stubs map tiles); these pages
    // draw no map, and the worker's install should find in the cache what the page has just loaded, as on a phone.
    await context.unrouteAll();
  });
  after(async () => {
    for (const line of figures) console.log(line);
    await context?.close();
    await browser?.close();
    await relay?.close();
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('first visit: the tiles within 100 kB, then the worker keeps the app; the pages seen load their data', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const wire = await watchWire(context, page);
    const start = relay.received();
    await page.goto('/');
    await tilesShown(page);
    const load = await wire.settle();
    await wire.stop();
    assert.ok(load.total <= FIRST_VISIT_BUDGET, `first visit: ${kB(load.total)}`);
    assert.match(await controlledByActiveWorker(page), /\/sw\.js$/);
    await relay.quiet();
    figures.push(
      `first visit: ${kB(load.total)} before the tiles; the worker's install then brings the total to ${kB(relay.received() - start)}`,
    );
    for (const seen of [...SEEN_PAGES, livePage]) {
      await page.goto(seen.path);
      await page.getByRole('heading', { level: 1, name: seen.heading }).waitFor();
      await page.getByText(seen.shows).first().waitFor();
    }
    // The worker answers navigations with the app's page, but not to the server's own paths nor to a file.
    for (const [url, type] of [
      ['/sw.js', /javascript/],
      ['/openapi.json', /json/],
    ] as const) {
      const res = await page.goto(url);
      assert.match(res?.headers()['content-type'] ?? '', type, url);
    }
    assert.deepEqual(unexpectedErrors(errors, []), []);
    await page.close();
  });

  test('second visit: at most 5 kB on the wire before the tiles show, whatever asks for it', async () => {
    const pageBytes: string[] = [];
    for (const path of ['/', ...SEEN_PAGES.map((p) => p.path)]) {
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      const wire = await watchWire(context, page);
      const worker = watchWorkerWire(context);
      const start = relay.received();
      await page.goto(path);
      if (path === '/') await tilesShown(page);
      else await page.getByRole('heading', { level: 1 }).first().waitFor();
      const load = await wire.settle();
      await wire.stop();
      // What the browser fetches on its own after a navigation (the worker's update check, which Chromium
      // makes a moment after the page has loaded) counts too: bytes until the server has been quiet for 3 s.
      await relay.quiet(3000);
      const fromWorker = await worker.snapshot();
      worker.stop();
      const onWire = relay.received() - start;
      pageBytes.push(
        `  ${path.padEnd(20)} ${kB(onWire).padStart(8)} on the wire (page ${kB(load.total)}, worker ${kB(fromWorker.total)})`,
      );
      if (path === '/') {
        assert.ok(
          load.total + fromWorker.total <= SECOND_VISIT_BUDGET,
          `page + worker: ${kB(load.total)} + ${kB(fromWorker.total)}`,
        );
        assert.ok(onWire <= SECOND_VISIT_BUDGET, `second visit of the home: ${kB(onWire)} on the wire`);
        // Everything the page loaded came from the worker.
        assert.deepEqual(
          load.requests.filter((r) => r.bytes > 0),
          [],
        );
      }
      assert.deepEqual(unexpectedErrors(errors, []), [], path);
      await page.close();
    }
    figures.push('second visit (bytes the server sent, until it had been quiet for 3 s):', ...pageBytes);
  });

  test('offline: the home and the pages already seen open with a calm notice, not an error', async () => {
    const { page, errors } = await open('/');
    await tilesShown(page);
    await context.setOffline(true);
    try {
      await page.reload();
      await tilesShown(page);
      const notice = page.getByRole('status').filter({ hasText: OFFLINE });
      await notice.waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, 'no error on the home');
      await expectAccessible(page, 'offline home');
      assert.deepEqual(await phoneLayoutProblems(page, 'offline home'), []);
      for (const seen of SEEN_PAGES) {
        await page.goto(seen.path);
        await page.getByRole('heading', { level: 1, name: seen.heading }).waitFor();
        // The answers it read online are shown again, from the phone.
        await page.getByText(seen.shows).first().waitFor();
        await notice.waitFor();
        assert.equal(await page.getByRole('alert').count(), 0, `no error on ${seen.path}`);
      }
      // Free places are not kept: the step opens and says, calmly, that it needs the network.
      await page.goto(livePage.path);
      await page.getByRole('heading', { level: 1, name: livePage.heading }).waitFor();
      await page.getByRole('status').filter({ hasText: NEEDS_NETWORK }).waitFor();
      await notice.waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, `no error on ${livePage.path}`);
    } finally {
      await context.setOffline(false);
    }
    // Back online, the line goes away and the page loads what it could not, by itself.
    await page.getByRole('status').filter({ hasText: OFFLINE }).waitFor({ state: 'detached' });
    await page.getByText(livePage.shows).first().waitFor();
    // Chromium logs each request that found no network; only the free places, which are never kept, asked for it.
    const disconnected = 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED';
    assert.ok(errors.includes(disconnected), 'the free places were asked for offline');
    assert.deepEqual(
      unexpectedErrors(
        errors.filter((e) => e !== disconnected),
        [],
      ),
      [],
    );
    await page.close();
  });

  test('a new version: picked up on the next visit; an open page is not reloaded until it needs code that is gone', async () => {
    const oldChunk = await chunkName(site, 'ReportsPage');
    assert.notEqual(await chunkName(versionB, 'ReportsPage'), oldChunk, 'build B names its chunks anew');

    // Redeploy: the server restarts on build B's files, behind the same address.
    await cp(path.join(site, 'assets'), path.join(work, 'a-assets'), { recursive: true });
    await server.stop({ keepData: true });
    await rm(site, { recursive: true, force: true });
    await cp(versionB, site, { recursive: true });
    server = await startServer({ STATIC_DIR_CITIZEN: site }, server.reuse);
    relay.retarget(server.baseUrl);

    // The visit after the deploy opens the version the phone has (A) at once, and the browser finds the new
    // worker meanwhile: it installs, takes over (skipWaiting, clientsClaim), and the page is left alone.
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.addInitScript(() => {
      const changed = new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
      Object.assign(window, { e2eControllerChanged: changed });
    });
    await page.goto('/');
    await page.getByText(GREETING_A).waitFor();
    await page.evaluate(() => Object.assign(window, { e2eStillThisPage: true }));
    await page.evaluate(
      () => (window as unknown as { e2eControllerChanged: Promise<unknown> }).e2eControllerChanged,
    );
    await controlledByActiveWorker(page);
    assert.equal(
      await page.evaluate(() => 'e2eStillThisPage' in window),
      true,
      'the open page was not reloaded',
    );
    await page.getByText(GREETING_A).waitFor();

    // That page (still A) opens a page whose code the deploy removed: it reloads once, in version B.
    await page.getByRole('link', { name: vi.features.reports.title }).click();
    await page.getByRole('heading', { level: 1, name: SEEN_PAGES[0].heading }).waitFor();
    await page.waitForFunction(() => !('e2eStillThisPage' in window));

    // The next visit is B.
    const next = await open('/');
    await next.page.getByText(GREETING_B).waitFor();
    assert.equal(await next.page.getByText(GREETING_A).count(), 0);
    // The old page asked for the page's chunk and those it preloads: each is a file of A that B does not have.
    const inB = new Set(await readdir(path.join(versionB, 'assets')));
    const gone = (await readdir(path.join(work, 'a-assets'))).filter((f) => !inB.has(f));
    const removed: ExpectedFailure = {
      status: 404,
      method: 'GET',
      path: new RegExp(
        `^/assets/(?:${gone.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`,
      ),
    };
    assert.ok(
      errors.some((e) => e.startsWith(`HTTP 404 GET /assets/${oldChunk} `)),
      'the old page asked for its removed chunk',
    );
    assert.deepEqual(unexpectedErrors(errors, [removed]), []);
    assert.deepEqual(unexpectedErrors(next.errors, []), []);
    await next.page.close();
    await page.close();
  });
});
