// What a citizen's phone pays on a first visit, counted by Chromium itself (encoded bytes: headers and bodies as
// sent), against the budget of issue 11: the home at most 100 kB, each feature page at most 60 kB more. Every
// page is a deep link opened in a fresh browser context (empty cache), the worst case. Prints the figures that
// docs/BENCHMARKS.md records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CalendarDay, Centre, PlanningDataset, PlanningImport, Ticket } from '@dltt/contracts';
import type { Browser } from 'playwright-core';
import { geoJsonOf, sampleZones } from '../../apps/server/src/testing/planning-fixtures.ts';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  type ExpectedFailure,
  launchBrowser,
  newContext,
  unexpectedErrors,
  watchPageErrors,
} from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { kB, type WireLoad, watchWire } from '../support/wire.ts';

const skip = browserUnavailable();
const HOME_BUDGET = 100 * 1024;
const FEATURE_EXTRA_BUDGET = 60 * 1024;
/**
 * A page with a map also loads the map library (Leaflet, 41 kB brotli with its stylesheet) and the map's first data:
 * 80 kB more than the home (docs/DECISIONS.md, "Maps: Leaflet 1.9.4").
 */
const MAP_PAGE_EXTRA_BUDGET = 80 * 1024;
/** The console is for office computers, not phones; its figure is recorded and held to the old gzip budget. */
const CONSOLE_BUDGET = 200 * 1024;

/** Today in Vietnam (UTC+7 all year). */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('bytes on the wire', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let ticket: Ticket;
  const figures: { page: string; load: WireLoad }[] = [];

  /** Opens `path` as a first visit and returns what it cost once the page has settled. */
  const firstVisit = async (
    path: string,
    kind: 'phone' | 'desktop' = 'phone',
    expected: readonly ExpectedFailure[] = [],
  ): Promise<WireLoad> => {
    const context = await newContext(browser, kind, server.baseUrl);
    try {
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      const wire = await watchWire(context, page);
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const load = await wire.settle();
      await wire.stop();
      assert.deepEqual(unexpectedErrors(errors, expected), [], `${path}: console errors`);
      figures.push({ page: path, load });
      // Every script and stylesheet arrives compressed: the budget is met by compression, not by luck.
      for (const r of load.requests.filter((r) => r.type === 'Script' || r.type === 'Stylesheet')) {
        assert.ok(['br', 'gzip'].includes(r.encoding), `${r.url} came as ${r.encoding}`);
      }
      return load;
    } finally {
      await context.close();
    }
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    // A live ticket to open: a centre open all day every day (a holiday today made a working day).
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working)) {
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
    }
    const centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'wire-e2e',
      name: 'Trung tâm Phục vụ hành chính công tỉnh',
      agencyId: await admin.communeCommittee('24133'),
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', slotMinutes: 15, capacity: 5 }],
      counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
    });
    const res = await fetch(`${server.baseUrl}/api/v1/centres/${centre.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fieldId: centre.fields[0]?.id }),
    });
    assert.equal(res.status, 201);
    ticket = (await res.json()) as Ticket;
    // A published plan, so that the planning page shows its map (a PostgreSQL database has no sample plan).
    const dataset = await admin.call<PlanningDataset>('POST', '/admin/planning/datasets', {
      agencyId: await admin.communeCommittee('24133'),
      name: 'Quy hoạch phân khu (đo dung lượng)',
      kind: 'construction_zoning',
    });
    let plan = await admin.upload<PlanningImport>(
      `/admin/planning/datasets/${dataset.id}/imports?fileName=plan.geojson`,
      geoJsonOf(sampleZones()),
      'application/geo+json',
    );
    await admin.call('POST', `/admin/planning/imports/${plan.id}/start`, {
      mapping: { zone: { code: 'MADAT', name: 'TEN' }, parcel: {} },
    });
    for (let i = 0; i < 120 && plan.status !== 'validated'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      plan = await admin.call<PlanningImport>('GET', `/admin/planning/imports/${plan.id}`);
      assert.ok(!['failed', 'cancelled'].includes(plan.status), JSON.stringify(plan.report));
    }
    await admin.call('POST', `/admin/planning/imports/${plan.id}/publish`);
  });
  after(async () => {
    for (const { page, load } of figures) {
      console.log(`${page.padEnd(28)} ${kB(load.total).padStart(9)}  (${load.requests.length} requests)`);
      for (const r of load.requests.filter((r) => r.bytes > 0).sort((a, b) => b.bytes - a.bytes)) {
        console.log(`    ${kB(r.bytes).padStart(9)} ${r.encoding.padEnd(8)} ${r.type.padEnd(10)} ${r.url}`);
      }
    }
    await browser?.close();
    await server?.stop();
  });

  test('the citizen home, first visit, transfers at most 100 kB; each feature page at most 60 kB more', async () => {
    const home = await firstVisit('/');
    assert.ok(home.total <= HOME_BUDGET, `home: ${kB(home.total)} > ${kB(HOME_BUDGET)}`);
    const pages = [
      '/reports',
      '/reports/new',
      '/reports/public',
      '/appointments',
      '/appointments/new',
      `/tickets/${ticket.id}`,
    ];
    const over: string[] = [];
    for (const path of pages) {
      const load = await firstVisit(path);
      if (load.total - home.total > FEATURE_EXTRA_BUDGET)
        over.push(`${path}: ${kB(load.total)} = home + ${kB(load.total - home.total)}`);
    }
    assert.deepEqual(over, [], `over the ${kB(FEATURE_EXTRA_BUDGET)} per feature page`);
  });

  test('a page with a map, first visit, transfers at most 80 kB more than the home', async () => {
    const home = figures.find((f) => f.page === '/')?.load ?? (await firstVisit('/'));
    const over: string[] = [];
    for (const path of ['/planning', '/reports/public?view=map']) {
      const load = await firstVisit(path);
      assert.ok(
        load.requests.some((r) => /leaflet/.test(r.url)),
        `${path}: the map library was not loaded, so the figure is not a map page's`,
      );
      if (load.total - home.total > MAP_PAGE_EXTRA_BUDGET)
        over.push(`${path}: ${kB(load.total)} = home + ${kB(load.total - home.total)}`);
    }
    assert.deepEqual(over, [], `over the ${kB(MAP_PAGE_EXTRA_BUDGET)} per map page`);
  });

  test('the console sign-in page, first visit, is compressed and within its budget', async () => {
    // Not signed in yet: the session check answers 401, which the browser logs.
    const load = await firstVisit('/console/', 'desktop', [
      { status: 401, method: 'GET', path: '/api/v1/auth/session' },
    ]);
    assert.ok(load.total <= CONSOLE_BUDGET, `console: ${kB(load.total)} > ${kB(CONSOLE_BUDGET)}`);
  });
});
