// Lighthouse (mobile preset: a mid-range phone, simulated slow 4G) on the citizen app's pages of issue 11:
// the home, the report form and the booking page, each loaded as a first visit (Lighthouse resets storage),
// then the later steps of the two forms as a citizen reaches them (Lighthouse snapshots: accessibility and
// best practices of the page as it stands; performance is a page-load score, so it is not given for them).
//   npm run build && npm run bench:lighthouse [runs=1]
// Builds nothing: it starts the real server (embedded PGlite, loopback) on the apps already built in */dist,
// drives Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through chrome-launcher, prints the
// scores (page loads: the median of the runs) and, for each audit of accessibility and best practices that
// did not pass, what it found. Exits 1 when accessibility is below 100 anywhere.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CalendarDay, Centre } from '@dltt/contracts';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { snapshot } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { StaffApi } from '../e2e/support/api.ts';
import { startServer } from '../e2e/support/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runs = Math.max(1, Number(process.argv[2] ?? 1));
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'report form', path: '/reports/new' },
  { name: 'booking', path: '/appointments/new' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type CategoryId = (typeof CATEGORIES)[number];
const CHECKED: CategoryId[] = ['accessibility', 'best-practices'];
/** The metrics behind the performance score (milliseconds, CLS unitless), printed for each page. */
const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['SI', 'speed-index'],
] as const;
/** Lighthouse's default mobile screen (Moto G Power). */
const PHONE = { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
/** Buôn Ma Thuột. */
const BMT = { latitude: 12.6807, longitude: 108.0378, accuracy: 15 };

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** Today in Vietnam (UTC+7 all year). */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

const score = (lhr: Lhr, id: CategoryId) => Math.round((lhr.categories[id]?.score ?? 0) * 100);

/** Every audit of accessibility and best practices that did not pass, with a few of the places it names. */
function problemsOf(lhr: Lhr, into: Map<string, string>): void {
  for (const id of CHECKED) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1 || ref.weight === 0) continue;
      const items =
        audit.details && 'items' in audit.details && Array.isArray(audit.details.items)
          ? audit.details.items
          : [];
      const where = items
        .slice(0, 5)
        .map((item) => JSON.stringify(item).slice(0, 300))
        .join('\n      ');
      into.set(`${id}: ${audit.id}`, `${audit.title}${where ? `\n      ${where}` : ''}`);
    }
  }
}

const server = await startServer();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const dir = await mkdtemp(path.join(tmpdir(), 'dltt-lighthouse-'));
let failed = false;
try {
  // The booking page as a citizen meets it: a service centre with a field to book (a holiday today made a
  // working day, so the page has days to offer whatever the date).
  const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
  const today = vietnamToday();
  const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
  if (days.some((d) => d.day === today && !d.working)) {
    await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Làm việc' });
  }
  await admin.call<Centre>('POST', '/admin/centres', {
    code: 'lighthouse',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    agencyId: await admin.communeCommittee('24133'),
    sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
    fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', slotMinutes: 15, capacity: 5 }],
    counters: [{ number: 1, name: 'Quầy 1', fieldCodes: ['ho-tich'] }],
  });

  console.log(`Lighthouse 12.2.3, mobile preset, ${CHROMIUM}; page loads: median of ${runs} run(s)`);
  console.log(`${'page'.padEnd(26)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
  for (const page of PAGES) {
    const scores = new Map<CategoryId, number[]>(CATEGORIES.map((c) => [c, []]));
    const problems = new Map<string, string>();
    const metrics = new Map<string, number[]>(METRICS.map(([name]) => [name, []]));
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${server.baseUrl}${page.path}`, {
        port: chrome.port,
        logLevel: 'error',
        output: 'json',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const { lhr } = result;
      if (lhr.runtimeError)
        throw new Error(`${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const id of CATEGORIES) scores.get(id)?.push(score(lhr, id));
      for (const [name, id] of METRICS) metrics.get(name)?.push(lhr.audits[id]?.numericValue ?? Number.NaN);
      problemsOf(lhr, problems);
    }
    const line = CATEGORIES.map((c) => String(median(scores.get(c) ?? [])).padStart(15)).join('');
    const measured = METRICS.map(([name]) => {
      const value = median(metrics.get(name) ?? []);
      return `${name} ${name === 'CLS' ? value.toFixed(3) : `${(value / 1000).toFixed(1)} s`}`;
    }).join(', ');
    console.log(`${page.name.padEnd(26)} ${line}   ${measured}`);
    for (const [id, text] of problems) console.log(`    ${id}: ${text}`);
    if (median(scores.get('accessibility') ?? []) < 100) failed = true;
  }

  // The later steps, reached the way a citizen does (a photo picked, the phone's position allowed).
  const photo = path.join(dir, 'anh-hien-truong.jpg');
  await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 90, g: 110, b: 60 } } })
    .jpeg()
    .toFile(photo);
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  await browser.defaultBrowserContext().overridePermissions(server.baseUrl, ['geolocation']);
  const page = await browser.newPage();
  await page.setViewport(PHONE);
  await page.setGeolocation(BMT);
  const check = async (name: string) => {
    const result = await snapshot(page, { flags: { onlyCategories: CHECKED, logLevel: 'error' } });
    if (!result) throw new Error(`Lighthouse returned nothing for ${name}`);
    const problems = new Map<string, string>();
    problemsOf(result.lhr, problems);
    const line = CATEGORIES.map((c) =>
      (c === 'performance' ? '-' : String(score(result.lhr, c))).padStart(15),
    ).join('');
    console.log(`${name.padEnd(26)} ${line}`);
    for (const [id, text] of problems) console.log(`    ${id}: ${text}`);
    if (score(result.lhr, 'accessibility') < 100) failed = true;
  };
  const heading = (text: string) => page.locator(`::-p-aria([name="${text}"][role="heading"])`).wait();
  const button = (text: string) => page.locator(`::-p-aria([name="${text}"][role="button"])`);

  await page.goto(`${server.baseUrl}/reports/new`, { waitUntil: 'networkidle0' });
  await button('Hạ tầng đô thị (điện, nước, chiếu sáng)').click();
  await heading('Chụp ảnh hiện trường');
  const [chooser] = await Promise.all([page.waitForFileChooser(), button('Chọn ảnh có sẵn').click()]);
  await chooser.accept([photo]);
  await page.locator('::-p-text(Đã tải lên)').wait();
  await check('report form: photos');
  await button('Tiếp tục').click();
  await heading('Vị trí sự việc');
  await page.locator('::-p-text(Đã xác định vị trí)').wait();
  await check('report form: location');
  await button('Tiếp tục').click();
  await heading('Mô tả sự việc');
  await check('report form: description');

  await page.goto(`${server.baseUrl}/appointments/new`, { waitUntil: 'networkidle0' });
  await page.locator('::-p-text(Trung tâm Phục vụ hành chính công tỉnh)').click();
  await heading('Chọn lĩnh vực thủ tục');
  await check('booking: field');
  await button('Hộ tịch').click();
  await heading('Chọn ngày');
  await check('booking: day');
  await page.locator('::-p-text(còn)').click();
  await heading('Chọn giờ');
  await check('booking: time');
  await page.locator('::-p-text(còn)').click();
  await heading('Người đến làm thủ tục');
  await check('booking: person');
  await browser.disconnect();
} finally {
  chrome.kill();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('Accessibility below 100 (issue 11 requires 100).');
  process.exitCode = 1;
}
