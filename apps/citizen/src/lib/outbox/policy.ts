/**
 * The outbox's pure rules: what a failed send means, and when to try again. No imports, so the unit tests run
 * them in Node as they are.
 */

/** What a failed attempt says about the entry: try again later, or the server refused it for good. */
export type FailureKind = 'retry' | 'refused';

/** Codes made on the phone when no answer came back (see ApiError in app/api.ts). */
const NO_ANSWER_CODES: ReadonlySet<string> = new Set(['NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE']);

/**
 * A failure is worth retrying when the request may never have been handled: no answer at all (network, time
 * out, an answer that is not ours, e.g. a captive portal's page), a server error (5xx), a rate limit (429,
 * RATE_LIMITED) or an expired device identity the next attempt renews. Any other 4xx is the server's final word
 * on this entry (a slot taken, a category closed, photos purged): sending it again cannot help.
 */
export function classifyFailure(failure: { code: string; status: number }): FailureKind {
  if (NO_ANSWER_CODES.has(failure.code) || failure.status === 0) return 'retry';
  if (failure.status >= 500 || failure.status === 429 || failure.code === 'RATE_LIMITED') return 'retry';
  if (failure.code === 'CITIZEN_UNAUTHENTICATED') return 'retry';
  return 'refused';
}

/** The first retry waits this long; each failure doubles the wait up to {@link MAX_RETRY_DELAY_MS}. */
export const FIRST_RETRY_DELAY_MS = 5_000;
export const MAX_RETRY_DELAY_MS = 10 * 60_000;

/**
 * How long to wait before the next automatic attempt after `attempts` failed ones (1 or more): 5 s, 10 s,
 * 20 s ... at most 10 minutes. The `online` event, the app's start and "Gửi ngay" do not wait.
 */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^17 * 5 s is already far past the cap; stop doubling before the number grows without need.
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.min(n - 1, 17));
}

/** The entries the home line and the app's start look at: how many wait per kind, and how many were refused. */
export interface OutboxCounts {
  pending: number;
  refused: number;
  /** Kinds that have an entry (pending or refused), in the order of their oldest entry. */
  kinds: string[];
}

/** Counts entries by state; `kinds` lists each kind once, oldest entry first. */
export function countEntries(
  entries: readonly { kind: string; state: 'pending' | 'refused'; createdAt: string }[],
): OutboxCounts {
  const sorted = [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const kinds: string[] = [];
  for (const e of sorted) if (!kinds.includes(e.kind)) kinds.push(e.kind);
  return {
    pending: entries.filter((e) => e.state === 'pending').length,
    refused: entries.filter((e) => e.state === 'refused').length,
    kinds,
  };
}
