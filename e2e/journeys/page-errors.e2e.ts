// The journeys' error watch itself: an answer of 400 or more that a journey did not list fails it, named by
// status, method and path; the listed ones pass; script errors are never filtered. A test that could not
// fail here would let every journey hide an unexpected 403/404/409.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  browserUnavailable,
  launchBrowser,
  newContext,
  unexpectedErrors,
  watchPageErrors,
} from '../support/browser.ts';

const skip = browserUnavailable();

/** A page that asks for what it is told in its query string, then logs a script error. */
const PAGE = `<!doctype html><html lang="en"><title>t</title><script type="module" src="/page.js"></script></html>`;
const SCRIPT = `
for (const [method, path] of new URLSearchParams(location.search)) await fetch(path, { method }).catch(() => {});
document.title = 'done';
`;

describe('journey error watch', { skip: skip ?? false }, () => {
  let server: Server;
  let baseUrl = '';
  let browser: Browser;

  before(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(SCRIPT);
      else if (/^\/api\/.*\/\d{3}$/.test(path))
        res.writeHead(Number(path.slice(-3)), { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function load(query: string): Promise<string[]> {
    const context = await newContext(browser, 'phone', baseUrl);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`/?${query}`);
    await page.waitForFunction(() => document.title === 'done');
    // The console line of the last failed load may come after the page is done.
    await page.waitForTimeout(200);
    await context.close();
    return errors;
  }

  test('each failed answer is recorded once, with its method and path, instead of the console line', async () => {
    const errors = await load(
      'POST=/api/bookings/409&GET=/api/items/7/404&DELETE=/api/x/500&GET=/api/ok/200',
    );
    assert.deepEqual(errors.map((e) => e.replace(/ \(.*\)$/, '')).sort(), [
      'HTTP 404 GET /api/items/7/404',
      'HTTP 409 POST /api/bookings/409',
      'HTTP 500 DELETE /api/x/500',
    ]);
  });

  test('only the listed method + path + status pass; anything else is unexpected', async () => {
    const errors = await load('POST=/api/bookings/409&GET=/api/bookings/409&POST=/api/bookings/403');
    const left = unexpectedErrors(errors, [{ status: 409, method: 'POST', path: '/api/bookings/409' }]).map(
      (e) => e.replace(/ \(.*\)$/, ''),
    );
    assert.deepEqual(left.sort(), ['HTTP 403 POST /api/bookings/403', 'HTTP 409 GET /api/bookings/409']);
    assert.deepEqual(
      unexpectedErrors(errors, [
        { status: 409, method: 'POST', path: /^\/api\/bookings\/\d+$/ },
        { status: 409, method: 'GET', path: /^\/api\/bookings\/\d+$/ },
      ]).map((e) => e.replace(/ \(.*\)$/, '')),
      ['HTTP 403 POST /api/bookings/403'],
    );
  });

  test('script errors are never allowed away', async () => {
    const context = await newContext(browser, 'phone', baseUrl);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/');
    await page.evaluate(() => setTimeout(() => console.error('boom'), 0));
    await page.waitForTimeout(100);
    await context.close();
    assert.deepEqual(unexpectedErrors(errors, [{ status: 404, method: 'GET', path: /.*/ }]), ['boom']);
  });
});
