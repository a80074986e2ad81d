// What an autocannon run measured, with failures kept apart from throughput: a server that answers 500 or
// 409 quickly, or drops connections, must not look fast. Rates count 2xx answers only; latency too (the runs set
// `excludeErrorStats`); anything else is reported as failures and makes the benchmark exit non-zero.
import type autocannon from 'autocannon';

export interface Outcome {
  /** 2xx answers per second over the whole run. */
  okPerSecond: number;
  ok: number;
  /** Answers that were not 2xx, by status code ("409 × 3"). */
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  p50: number;
  p99: number;
  /** One line per kind of failure, empty when the run was clean. */
  failures: string[];
}

/** Options every benchmark run shares: latency and throughput statistics of 2xx answers only. */
export const SUCCESS_STATS: Pick<autocannon.Options, 'excludeErrorStats'> = { excludeErrorStats: true };

export function outcomeOf(r: autocannon.Result): Outcome {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `status ${code} × ${s.count ?? 0}`);
  const failures = [
    ...codes,
    ...(r.errors ? [`${r.errors} connection errors (${r.timeouts} of them timeouts)`] : []),
    ...(r.mismatches ? [`${r.mismatches} answers with an unexpected body`] : []),
  ];
  return {
    okPerSecond: r.duration > 0 ? r['2xx'] / r.duration : 0,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failures,
  };
}

/**
 * Prints every failure under its label and sets a non-zero exit code when there was any, so a run that
 * measured errors cannot be mistaken for a result (nor pass in a script).
 */
export function reportFailures(runs: [label: string, failures: string[]][]): void {
  const failed = runs.filter(([, f]) => f.length > 0);
  for (const [label, failures] of failed) for (const f of failures) console.error(`FAILED ${label}: ${f}`);
  if (failed.length > 0) process.exitCode = 1;
}
