import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import autocannon from 'autocannon';
import { outcomeOf, reportFailures, SUCCESS_STATS } from './outcome.ts';

/**
 * A loopback server that answers, in turn, 200, 500, 200, 409: half of what a benchmark of it measures is
 * failures. One connection and a fixed number of requests keep the counts exact (nothing here depends on time).
 */
describe('bench outcome: failures are reported apart from throughput and fail the run', () => {
  let server: http.Server;
  let measured: autocannon.Result;
  let answered = 0;

  before(async () => {
    server = http.createServer((_req, res) => {
      answered += 1;
      res.statusCode = [409, 200, 500, 200][answered % 4] ?? 200;
      res.end(res.statusCode === 200 ? 'ok' : 'refused');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    measured = await autocannon({
      url: `http://127.0.0.1:${port}/`,
      connections: 1,
      amount: 40,
      ...SUCCESS_STATS,
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('non-2xx answers are counted apart, by status; the rate and latency count 2xx answers only', () => {
    assert.equal(answered, 40);
    const outcome = outcomeOf(measured);
    assert.equal(outcome.ok, 20);
    assert.equal(outcome.non2xx, 20);
    assert.equal(outcome.errors, 0);
    assert.deepEqual(outcome.failures, ['status 409 × 10', 'status 500 × 10']);
    // 20 answers over the run's duration, not the 40 the server gave.
    assert.ok(measured.duration > 0);
    assert.equal(outcome.okPerSecond, 20 / measured.duration);
    assert.ok(outcome.okPerSecond < measured.requests.total / measured.duration);
    // Latency of the 2xx answers only (the runs set excludeErrorStats).
    // (autocannon's histogram has the count, its types do not.)
    const latency = measured.latency;
    assert.equal('totalCount' in latency ? latency.totalCount : undefined, 20);
    assert.deepEqual([outcome.p50, outcome.p99], [measured.latency.p50, measured.latency.p99]);
  });

  test('connection errors are reported apart from refused answers; a clean run has no failures', () => {
    const dropped = outcomeOf({ ...measured, errors: 3, timeouts: 1 });
    assert.equal(dropped.errors, 3);
    assert.equal(dropped.non2xx, 20);
    assert.deepEqual(dropped.failures, [
      'status 409 × 10',
      'status 500 × 10',
      '3 connection errors (1 of them timeouts)',
    ]);
    const onlyDropped = outcomeOf({
      ...measured,
      non2xx: 0,
      statusCodeStats: { 200: { count: 20 } },
      errors: 2,
    });
    assert.deepEqual([onlyDropped.ok, onlyDropped.non2xx, onlyDropped.errors], [20, 0, 2]);
    assert.deepEqual(onlyDropped.failures, ['2 connection errors (0 of them timeouts)']);
    const clean = outcomeOf({ ...measured, non2xx: 0, statusCodeStats: { 200: { count: 20 } } });
    assert.deepEqual(clean.failures, []);
    assert.equal(clean.okPerSecond, 20 / measured.duration);
  });

  test('any failure is printed under its label and the outcome is a non-zero exit code; a clean run exits 0', (t) => {
    const printed: string[] = [];
    t.mock.method(console, 'error', (line: string) => {
      printed.push(line);
    });
    const before = process.exitCode;
    try {
      process.exitCode = undefined;
      reportFailures([
        ['clean', outcomeOf({ ...measured, non2xx: 0, statusCodeStats: { 200: { count: 20 } } }).failures],
      ]);
      assert.equal(process.exitCode, undefined);
      assert.deepEqual(printed, []);

      reportFailures([
        ['clean', []],
        ['refused', outcomeOf(measured).failures],
        ['dropped', ['2 connection errors (0 of them timeouts)']],
      ]);
      assert.equal(process.exitCode, 1);
      assert.deepEqual(printed, [
        'FAILED refused: status 409 × 10',
        'FAILED refused: status 500 × 10',
        'FAILED dropped: 2 connection errors (0 of them timeouts)',
      ]);
    } finally {
      process.exitCode = before;
    }
  });
});
