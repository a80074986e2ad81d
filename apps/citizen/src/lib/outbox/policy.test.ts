/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  classifyFailure,
  countEntries,
  FIRST_RETRY_DELAY_MS,
  MAX_RETRY_DELAY_MS,
  retryDelayMs,
} from './policy.ts';

describe('outbox: what a failure means', () => {
  test('no answer, a server error or a rate limit is tried again', () => {
    for (const failure of [
      { code: 'NETWORK_ERROR', status: 0 },
      { code: 'TIMEOUT', status: 0 },
      { code: 'BAD_RESPONSE', status: 502 },
      { code: 'BAD_RESPONSE', status: 200 },
      { code: 'INTERNAL_ERROR', status: 500 },
      { code: 'SERVICE_UNAVAILABLE', status: 503 },
      { code: 'RATE_LIMITED', status: 429 },
      { code: 'CITIZEN_UNAUTHENTICATED', status: 401 },
    ]) {
      assert.equal(classifyFailure(failure), 'retry', JSON.stringify(failure));
    }
  });

  test("any other 4xx is the server's final word", () => {
    for (const failure of [
      { code: 'SLOT_FULL', status: 409 },
      { code: 'PHOTOS_INVALID', status: 400 },
      { code: 'VALIDATION_FAILED', status: 400 },
      { code: 'CATEGORY_INACTIVE', status: 409 },
      { code: 'IDEMPOTENCY_KEY_REUSED', status: 422 },
      { code: 'FORBIDDEN', status: 403 },
      { code: 'NOT_FOUND', status: 404 },
    ]) {
      assert.equal(classifyFailure(failure), 'refused', JSON.stringify(failure));
    }
  });
});

describe('outbox: backoff', () => {
  test('doubles from 5 s after each failure', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [
      FIRST_RETRY_DELAY_MS,
      2 * FIRST_RETRY_DELAY_MS,
      4 * FIRST_RETRY_DELAY_MS,
      8 * FIRST_RETRY_DELAY_MS,
    ]);
  });

  test('never waits more than 10 minutes, however many failures', () => {
    assert.equal(retryDelayMs(8), MAX_RETRY_DELAY_MS);
    assert.equal(retryDelayMs(1_000), MAX_RETRY_DELAY_MS);
    assert.ok(retryDelayMs(7) < MAX_RETRY_DELAY_MS);
  });

  test('a count below 1 is read as the first failure', () => {
    assert.equal(retryDelayMs(0), FIRST_RETRY_DELAY_MS);
    assert.equal(retryDelayMs(-3), FIRST_RETRY_DELAY_MS);
  });
});

describe('outbox: counts', () => {
  test('pending and refused apart; kinds once each, oldest entry first', () => {
    assert.deepEqual(
      countEntries([
        { kind: 'report', state: 'pending', createdAt: '2026-01-02T00:00:00Z' },
        { kind: 'booking', state: 'refused', createdAt: '2026-01-01T00:00:00Z' },
        { kind: 'report', state: 'pending', createdAt: '2026-01-03T00:00:00Z' },
      ]),
      { pending: 2, refused: 1, kinds: ['booking', 'report'] },
    );
    assert.deepEqual(countEntries([]), { pending: 0, refused: 0, kinds: [] });
  });
});
