import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApiPath, isServerOwnedPath, serverOwnedPathPatterns } from '@dltt/contracts/server-paths';

const SERVER_OWNED = [
  '/api/v1/config',
  '/api',
  '/open311/v2/services.json',
  '/docs',
  '/docs/static/index.html',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/metrics',
  '/console',
  '/console/',
  '/console/reports/12',
];
const CITIZEN_APP = [
  '/',
  '/reports',
  '/reports/public/PA-2026-000012',
  '/appointments/new',
  '/apis',
  '/consoles',
];

test("the API and the console are the server's own; the citizen app's paths are not", () => {
  for (const url of SERVER_OWNED) assert.equal(isServerOwnedPath(url), true, url);
  for (const url of CITIZEN_APP) assert.equal(isServerOwnedPath(url), false, url);
  assert.equal(isApiPath('/console/'), false, 'the console is no API path: it gets its own index.html');
});

test('the patterns for the service worker say the same as the function, also with a query', () => {
  const patterns = serverOwnedPathPatterns();
  const matches = (url: string) => patterns.some((p) => p.test(url));
  for (const url of [...SERVER_OWNED, ...CITIZEN_APP]) {
    assert.equal(matches(url), isServerOwnedPath(url), url);
    assert.equal(matches(`${url}?page=2`), isServerOwnedPath(url), `${url}?page=2`);
  }
});
