/**
 * Errors meaning "the database cannot be reached or did not answer in time", as opposed to an error in a query:
 * a refused or broken connection, a connect or read timeout of the pool, PostgreSQL shutting down or refusing
 * connections, a statement cancelled by `statement_timeout`. They become 503 DATABASE_UNAVAILABLE, not 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE: admin/crash shutdown, cannot connect now, too many connections, statement timeout. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/** node-postgres and pg-pool say these in words only (pg-boss appends the queue's name in brackets). */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect\b/,
  /^Query read timeout\b/,
  /is not queryable\b/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  // pg-boss hands its worker errors on as plain objects copied from the driver's error.
  if (typeof error !== 'object' || error === null) return false;
  const { cause, code, message } = error as { cause?: unknown; code?: unknown; message?: unknown };
  // A migration failure wraps the driver's error.
  if (cause !== undefined && cause !== error && isDatabaseUnavailable(cause)) return true;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message));
}

/** A read timeout leaves the connection waiting for an answer that may come much later: never reuse it. */
export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

/**
 * Logs a database outage once per `everyMs` with how many failures it saw since, not once per failure with a
 * stack: during an outage every request (and every job poll) fails the same way and the log must stay readable.
 */
export function outageLogger(
  log: (fields: { code: 'DATABASE_UNAVAILABLE'; failures: number; cause: string }) => void,
  everyMs = 10_000,
  now: () => number = Date.now,
) {
  let last = Number.NEGATIVE_INFINITY;
  let failures = 0;
  return (error: unknown) => {
    failures += 1;
    const at = now();
    if (at - last < everyMs) return;
    last = at;
    log({
      code: 'DATABASE_UNAVAILABLE',
      failures,
      cause: error instanceof Error ? error.message : String(error),
    });
    failures = 0;
  };
}
