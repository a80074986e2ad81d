// Time to tiles: how long a phone on a slow mobile network waits, from the tap on the link to the home's tiles on
// screen (the first frame after they are in the page), first visit (nothing on the phone) and second visit (the
// service worker has kept the app). Chromium with the DevTools protocol's network emulation: 400 kbps down and
// up, 400 ms round trip (issue 11's figures). The built app, served by the real server. Run after `npm run build`:
//   npm run bench:tiles                      (5 runs of each, medians; RUNS=9 for more)
//   BEFORE_ROOT=/tmp/before npm run bench:tiles
// BEFORE_ROOT: another checkout of the project, with its citizen app built (apps/citizen/dist) and node_modules
// at hand; its own server serves it, and its figures are printed beside ours (docs/BENCHMARKS.md says how the
// "before compression" one was made).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.ts';
import { type RunningServer, startServer } from '../e2e/support/server.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const BEFORE_ROOT = process.env.BEFORE_ROOT;
/** 400 kbps in bytes per second, and the round trip in milliseconds. */
const THROUGHPUT = 400_000 / 8;
const LATENCY_MS = 400;
const TARGET_FIRST_MS = 2500;
const TARGET_REPEAT_MS = 1000;

declare global {
  interface Window {
    benchTilesAt?: number;
  }
}

/** Notes the time (since the navigation started) of the first frame after the tiles are in the page. */
function recordTiles() {
  const seen = () => {
    if (!document.querySelector('.tile-grid a')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.benchTilesAt = performance.now();
    });
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { subtree: true, childList: true });
}

async function visit(context: BrowserContext): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.addInitScript(recordTiles);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: THROUGHPUT,
    uploadThroughput: THROUGHPUT,
  });
  await page.goto('/', { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.benchTilesAt !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.benchTilesAt ?? Number.NaN);
  await cdp.detach();
  return { page, ms };
}

/** Until the page is controlled by an activated service worker (the app is kept for the next visit). */
async function workerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    if (!sw.controller)
      await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
    const worker = sw.controller;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    }
  });
}

/** First and second visit, each in a fresh phone (browser context), `RUNS` times. */
async function measure(browser: Browser, baseURL: string, withWorker: boolean) {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      serviceWorkers: 'allow',
    });
    try {
      const a = await visit(context);
      first.push(a.ms);
      if (withWorker) await workerReady(a.page);
      await a.page.close();
      const b = await visit(context);
      second.push(b.ms);
    } finally {
      await context.close();
    }
  }
  return { first, second };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const row = (label: string, xs: number[]) =>
  console.log(
    `  ${label.padEnd(34)} median ${seconds(median(xs)).padStart(8)}   runs: ${xs.map(seconds).join(', ')}`,
  );

const browser = await launchBrowser();
const servers: RunningServer[] = [];
let failed = false;
try {
  console.log(
    `time to tiles, 400 kbps down/up, ${LATENCY_MS} ms RTT (Chromium ${browser.version()}), ${RUNS} runs each; ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
  );
  if (BEFORE_ROOT) {
    if (!existsSync(path.join(BEFORE_ROOT, 'apps/citizen/dist/index.html')))
      throw new Error(`${BEFORE_ROOT}/apps/citizen/dist is not built`);
    const before = await startServer({ LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' }, { root: BEFORE_ROOT });
    servers.push(before);
    const m = await measure(browser, before.baseUrl, false);
    console.log(`before (${BEFORE_ROOT}):`);
    row('first visit', m.first);
    row('second visit (HTTP cache only)', m.second);
  }
  const server = await startServer({ LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' });
  servers.push(server);
  const m = await measure(browser, server.baseUrl, true);
  console.log('this build:');
  row('first visit', m.first);
  row('second visit (service worker)', m.second);
  if (median(m.first) > TARGET_FIRST_MS) {
    console.error(`  ✗ first visit over its ${seconds(TARGET_FIRST_MS)} target`);
    failed = true;
  }
  if (median(m.second) > TARGET_REPEAT_MS) {
    console.error(`  ✗ second visit over its ${seconds(TARGET_REPEAT_MS)} target`);
    failed = true;
  }
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}
process.exitCode = failed ? 1 : 0;
