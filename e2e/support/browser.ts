// Debian's Chromium driven by playwright-core, with axe-core run on every page a journey visits.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestContext } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Why the browser journeys cannot run here, or null when they can. On CI a missing browser is a
 * failure, never a skip.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `Chromium not found at ${CHROMIUM}: browser journeys skipped (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(`${reason}; CI must run them`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The map tile server both apps draw from by default (the server's default MAP_TILE_URL). */
const MAP_TILES = 'https://tile.openstreetmap.org/**';

/**
 * A phone-sized context (the citizen app's real audience) or a desktop one (the console), without service
 * workers unless `extra` allows them.
 *
 * Journeys never reach the internet: map tile requests get an empty answer here. The maps take it as a tile
 * server that does not answer (grid, pins and buttons, a line saying the picture is missing), the same path as
 * a phone without network, but without the "Failed to load resource: net::ERR_…" console error that a real
 * failed request logs, and without depending on, or loading, openstreetmap.org from CI.
 */
export async function newContext(
  browser: Browser,
  kind: 'phone' | 'desktop',
  baseURL: string,
  extra: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const size = kind === 'phone' ? { width: 360, height: 740 } : { width: 1280, height: 800 };
  const context = await browser.newContext({
    baseURL,
    viewport: size,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    isMobile: kind === 'phone',
    hasTouch: kind === 'phone',
    // Each journey sees the server's own answers; the citizen app's service worker (cached answers, requests
    // it serves itself) has its own journey, e2e/journeys/offline-shell.e2e.ts, which allows it.
    serviceWorkers: 'block',
    ...extra,
  });
  await context.route(MAP_TILES, (route) => route.fulfill({ status: 204 }));
  return context;
}

/** How an HTTP failure is written into the error list: `HTTP 409 POST /api/v1/bookings`, then the full URL. */
const HTTP_FAILURE = /^HTTP (\d{3}) ([A-Z]+) (\S+) \(/;
/** The console line Chromium logs for a load answered with 4xx/5xx; the response event says it better. */
const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})/;

/**
 * Collects console errors, page crashes (a CSP violation shows up here) and every answer of 400 or more, so a
 * test can assert none beyond those it expects (see {@link unexpectedErrors}).
 *
 * An answer of 400 or more is written as `HTTP <status> <METHOD> <path> (<url>)`, from the response itself:
 * Chromium's own console line for it names neither the method nor, in its text, the URL, so that line is
 * replaced by the record whichever of the two arrives first.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  /** Per URL + status: failed answers recorded whose console line has not come yet, and console lines waiting. */
  const unmatched = new Map<string, number>();
  const waiting = new Map<string, string[]>();
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const key = `${res.status()} ${res.url()}`;
    const record = `HTTP ${res.status()} ${res.request().method()} ${new URL(res.url()).pathname} (${res.url()})`;
    const line = waiting.get(key)?.shift();
    // A line the test has already cleared from the list stays cleared.
    if (line !== undefined) {
      const at = errors.indexOf(line);
      if (at >= 0) errors[at] = record;
    } else {
      unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
      errors.push(record);
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const status = FAILED_LOAD.exec(msg.text())?.[1];
    if (status) {
      const key = `${status} ${msg.location().url}`;
      const n = unmatched.get(key) ?? 0;
      if (n > 0) {
        unmatched.set(key, n - 1);
        return;
      }
      // Named by its URL, so an answer no response event reported (a favicon, a worker's fetch) says what it was.
      const line = `${msg.text()} (${msg.location().url})`;
      waiting.set(key, [...(waiting.get(key) ?? []), line]);
      errors.push(line);
      return;
    }
    errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** An answer of 400 or more a journey provokes on purpose (a refused booking, a sign-in check before login). */
export interface ExpectedFailure {
  status: number;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The URL's path: exactly this string, or matching this pattern (anchor it). */
  path: string | RegExp;
}

/**
 * The errors `watchPageErrors` collected, less the failed answers listed in `expected`: everything else
 * (a script error, a CSP violation, an unexpected 403/404/409 from the app's own API) is a failure.
 */
export function unexpectedErrors(errors: readonly string[], expected: readonly ExpectedFailure[]): string[] {
  return errors.filter((e) => {
    const m = HTTP_FAILURE.exec(e);
    if (!m) return true;
    const [, status, method, path] = m;
    return !expected.some(
      (x) =>
        String(x.status) === status &&
        x.method === method &&
        (typeof x.path === 'string' ? x.path === path : x.path.test(path ?? '')),
    );
  });
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA) on the current page and fails on any violation. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // evaluate() goes through the DevTools protocol, so the page's CSP (no inline scripts) does not block axe.
  const hasAxe = await page.evaluate('typeof window.axe !== "undefined"');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`,
  )) as AxeResult;
  if (result.violations.length > 0) {
    const text = result.violations
      .map(
        (v) =>
          `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
      )
      .join('\n');
    throw new Error(`Accessibility violations on ${label}:\n${text}`);
  }
}

/** Goes to a path, waits for the app to settle, and checks accessibility there. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'networkidle' });
  await expectAccessible(page, path);
}

/** Skips the whole test file with a clear message when no browser is available (never on CI). */
export function skipWithoutBrowser(t: TestContext): boolean {
  const reason = browserUnavailable();
  if (reason) t.skip(reason);
  return reason !== null;
}
