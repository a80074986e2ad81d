// An integrator opens the API reference: it renders under the server's CSP and lists the operations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser, newContext, watchPageErrors } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();

describe('API reference', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('/docs shows the operations, with no CSP violation', async () => {
    const page = await (await newContext(browser, 'desktop', server.baseUrl)).newPage();
    const errors = watchPageErrors(page);
    await page.goto('/docs', { waitUntil: 'networkidle' });
    await page.getByText('/api/v1/auth/login').first().waitFor();
    await page.getByText('/api/v1/staff-users').first().waitFor();
    assert.deepEqual(errors, []);
    // No axe check here: Swagger UI is third-party developer tooling with known violations (contrast,
    // nested controls) that we cannot fix. Every page citizens and staff use is axe-checked.
  });
});
