/// <reference types="node" />
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { setUpWebPlatform } from '../platform/node-test-setup.ts';

const storage = setUpWebPlatform();
const { loadSentCodes, rememberSentCode } = await import('./sent-reports.ts');

const STORED_AT = 'dltt:sent-report-codes';

beforeEach(() => {
  storage.failing = false;
  storage.clear();
});

describe('codes of the reports sent from this device', () => {
  test('none before the first report', async () => {
    assert.deepEqual(await loadSentCodes(), []);
  });

  test('newest first, each once: a code sent again moves to the front', async () => {
    await rememberSentCode('PA-2026-000001');
    await rememberSentCode('PA-2026-000002');
    await rememberSentCode('PA-2026-000003');
    await rememberSentCode('PA-2026-000001');
    assert.deepEqual(await loadSentCodes(), ['PA-2026-000001', 'PA-2026-000003', 'PA-2026-000002']);
  });

  test('the newest 100 are kept', async () => {
    for (let n = 1; n <= 101; n++) await rememberSentCode(`PA-2026-${String(n).padStart(6, '0')}`);
    const codes = await loadSentCodes();
    assert.equal(codes.length, 100);
    assert.equal(codes[0], 'PA-2026-000101');
    assert.equal(codes[99], 'PA-2026-000002');
  });

  test('what is not a list of codes in storage is ignored', async () => {
    storage.setItem(STORED_AT, JSON.stringify(['PA-2026-000007', 42, null]));
    assert.deepEqual(await loadSentCodes(), ['PA-2026-000007']);
    storage.setItem(STORED_AT, JSON.stringify({ codes: ['PA-2026-000007'] }));
    assert.deepEqual(await loadSentCodes(), []);
  });
});
