/** What the outbox holds: things the citizen sent that have not reached the server yet. */

export type OutboxKind = 'report' | 'booking';

/**
 * A photo of an entry: already on the server (its upload answer), or still on the phone as a Blob because its
 * upload failed for lack of network; the sender uploads those first and keeps the answer in the entry.
 */
export type OutboxPhoto<U = unknown> = { uploaded: U } | { blob: Blob; type: string };

/** What the lists show for an entry, written in the person's language when it was queued. */
export interface OutboxSummary {
  title: string;
  lines: string[];
}

/** The server's or the phone's last word on an attempt. */
export interface OutboxError {
  code: string;
  status: number;
  message: string;
}

export interface OutboxEntry {
  version: 1;
  id: string;
  kind: OutboxKind;
  /** Sent with every attempt: the server answers a repeat with what it made the first time, never a second one. */
  idempotencyKey: string;
  /** The request as the feature that queued it will send it (its own shape; only that feature reads it). */
  body: unknown;
  photos: OutboxPhoto[];
  summary: OutboxSummary;
  createdAt: string;
  /** Failed attempts so far. */
  attempts: number;
  lastError: OutboxError | null;
  /** `refused`: the server said no for good (a 4xx other than a rate limit); nothing is sent until reopened. */
  state: 'pending' | 'refused';
  /** Epoch milliseconds before which no automatic attempt is made (backoff); null: at the next chance. */
  nextAttemptAt: number | null;
}

/** What a sender gives back once the server took the entry: its reference code and the page that shows it. */
export interface SentResult {
  code: string;
  path: string;
}

/** An entry sent during this visit: the lists show it with its code where the pending card was. */
export interface SentEntry {
  id: string;
  kind: OutboxKind;
  summary: OutboxSummary;
  result: SentResult;
}

export interface SendContext {
  /** Saves progress in the entry (e.g. photos uploaded), so an interrupted attempt does not redo it. */
  update(change: Partial<Pick<OutboxEntry, 'photos' | 'body'>>): Promise<void>;
}

/** Sends one entry of a kind; rejects with the API's error (with `code` and `status`) when it fails. */
export type Sender = (entry: OutboxEntry, context: SendContext) => Promise<SentResult>;
