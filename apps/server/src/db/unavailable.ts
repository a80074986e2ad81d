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

/** node-postgres and pg-pool say these in words only. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /is not queryable$/,
  /^Client was closed and is not queryable$/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return DRIVER_MESSAGES.some((m) => m.test(error.message));
}

/** A read timeout leaves the connection waiting for an answer that may come much later: never reuse it. */
export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
