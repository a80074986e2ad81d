import { newUuid } from '../../platform/uuid.ts';
import { writeOutboxCounts } from './hint.ts';
import { classifyFailure, countEntries, retryDelayMs } from './policy.ts';
import { loadSender } from './registry.ts';
import { deleteEntry, readEntries, readEntry, writeEntry } from './store.ts';
import type { OutboxEntry, OutboxError, OutboxKind, OutboxPhoto, OutboxSummary, SentEntry } from './types.ts';

/**
 * The outbox: what the citizen sent while the phone had no network waits here (IndexedDB) and goes out by itself
 * when the connection returns — at the app's start when online, on the browser's `online` event, after a
 * backoff for failures that may pass, and on "Gửi ngay". Every attempt carries the entry's Idempotency-Key, so
 * a repeat (a lost answer, two tabs) gives back the same record. One tab sends at a time (a Web Lock); the
 * others hear of the result over a BroadcastChannel.
 */

// The draft photos' keeper shares this module's chunk (and idb-keyval): features take it from here.
export { type KeptPhoto, keepPhotos, loadKeptPhotos } from './draft-photos.ts';

const LOCK_NAME = 'dltt-outbox';
const CHANNEL_NAME = 'dltt-outbox';

export interface OutboxSnapshot {
  entries: OutboxEntry[];
  /** Ids being sent right now by this tab. */
  sending: ReadonlySet<string>;
  /** Entries this tab sent during this visit, newest first. */
  sent: SentEntry[];
}

let snapshot: OutboxSnapshot = { entries: [], sending: new Set(), sent: [] };
const listeners = new Set<(snapshot: OutboxSnapshot) => void>();
let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;
let again: { force: boolean } | null = null;
let channel: BroadcastChannel | null = null;

function publish(change: Partial<OutboxSnapshot>) {
  snapshot = { ...snapshot, ...change };
  for (const listener of listeners) listener(snapshot);
}

/** Reads the entries again, tells the listeners, and keeps the hint for the app's start and the home. */
async function refresh(): Promise<OutboxEntry[]> {
  const entries = await readEntries();
  publish({ entries });
  await writeOutboxCounts(countEntries(entries));
  return entries;
}

/** What one tab tells the others: the entries changed, and which one it sent (so their lists show it too). */
interface ChannelMessage {
  sent: SentEntry | null;
}

/** After a change made here: the same view everywhere, and the other tabs told. */
async function changed(sent: SentEntry | null = null): Promise<void> {
  await refresh();
  const message: ChannelMessage = { sent };
  channel?.postMessage(message);
}

function heard(message: unknown) {
  const sent =
    typeof message === 'object' && message !== null && 'sent' in message
      ? (message.sent as SentEntry | null)
      : null;
  if (sent && !snapshot.sent.some((e) => e.id === sent.id)) publish({ sent: [sent, ...snapshot.sent] });
  void refresh();
}

export function getSnapshot(): OutboxSnapshot {
  return snapshot;
}

/** Calls `listener` after each change; returns the unsubscribe function. */
export function subscribe(listener: (snapshot: OutboxSnapshot) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

function failureOf(error: unknown): OutboxError {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const status = 'status' in error && typeof error.status === 'number' ? error.status : 0;
    const message = error instanceof Error ? error.message : '';
    return { code: error.code, status, message };
  }
  // Not an API answer (a bug, storage full): try again later rather than drop what the person wrote.
  return {
    code: 'NETWORK_ERROR',
    status: 0,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Runs `task` holding the outbox lock when the browser has Web Locks; skips it when another tab holds it. */
async function withLock(task: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks?.request) return task();
  await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (lock) await task();
  });
}

async function sendOne(entry: OutboxEntry): Promise<SentEntry | 'retry' | 'refused'> {
  publish({ sending: new Set([...snapshot.sending, entry.id]) });
  let current = entry;
  try {
    const sender = await loadSender(entry.kind);
    const result = await sender(entry, {
      async update(change) {
        current = { ...current, ...change };
        await writeEntry(current);
      },
    });
    await deleteEntry(entry.id);
    const sent: SentEntry = { id: entry.id, kind: entry.kind, summary: entry.summary, result };
    publish({ sent: [sent, ...snapshot.sent] });
    return sent;
  } catch (error) {
    const lastError = failureOf(error);
    const verdict = classifyFailure(lastError);
    // Deleted meanwhile (the person removed it in another tab): nothing to record.
    if (!(await readEntry(entry.id))) return verdict;
    const attempts = current.attempts + 1;
    await writeEntry({
      ...current,
      attempts,
      lastError,
      state: verdict === 'refused' ? 'refused' : 'pending',
      nextAttemptAt: verdict === 'refused' ? null : Date.now() + retryDelayMs(attempts),
    });
    return verdict;
  } finally {
    const sending = new Set(snapshot.sending);
    sending.delete(entry.id);
    publish({ sending });
  }
}

/** A pass that could not send what was due (another tab holds the lock) is not repeated sooner than this. */
const MIN_WAIT_MS = 2_000;

function schedule(entries: OutboxEntry[]) {
  if (timer) clearTimeout(timer);
  timer = null;
  // Offline, nothing can go: the `online` event starts the next pass.
  if (!isOnline()) return;
  const next = Math.min(
    ...entries.filter((e) => e.state === 'pending').map((e) => e.nextAttemptAt ?? Date.now()),
  );
  if (!Number.isFinite(next)) return;
  timer = setTimeout(() => void flush(), Math.max(MIN_WAIT_MS, next - Date.now()));
}

/** One pass over the pending entries, oldest first; `force` ignores the backoff ("Gửi ngay", back online). */
async function pass(force: boolean, only: string | null): Promise<void> {
  await withLock(async () => {
    // Read inside the lock: another tab may have sent some meanwhile.
    const entries = await readEntries();
    for (const entry of entries) {
      if (entry.state !== 'pending' || (only && entry.id !== only)) continue;
      if (!force && entry.nextAttemptAt !== null && entry.nextAttemptAt > Date.now()) continue;
      if (!isOnline()) break;
      const outcome = await sendOne(entry);
      await changed(typeof outcome === 'object' ? outcome : null);
      // No network: the next entries would fail the same way.
      if (outcome === 'retry' && !isOnline()) break;
    }
  });
  schedule(await refresh());
}

/**
 * Sends what is due (everything with `force`), one pass at a time: a call during a pass asks for one more
 * pass after it. Resolves when the passes are over.
 */
export function flush(force = false, only: string | null = null): Promise<void> {
  if (running) {
    again = { force: (again?.force ?? false) || force };
    return running;
  }
  running = (async () => {
    try {
      await pass(force, only);
      while (again) {
        const next: { force: boolean } = again;
        again = null;
        await pass(next.force, null);
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/**
 * Starts the outbox once per visit: reads what waits, sends it if the phone is online, and listens for the
 * connection coming back and for other tabs' changes.
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void flush(true));
    if (typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel(CHANNEL_NAME);
      channel.onmessage = (event: MessageEvent<unknown>) => heard(event.data);
    }
  }
  void flush(true);
}

export interface NewEntry {
  kind: OutboxKind;
  idempotencyKey: string;
  body: unknown;
  photos: OutboxPhoto[];
  summary: OutboxSummary;
}

/**
 * Keeps what the person sent, to go out as soon as it can (right away when the phone is online). Resolves once
 * it is stored, so the form can be cleared.
 */
export async function enqueue(input: NewEntry): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    version: 1,
    id: newUuid(),
    ...input,
    createdAt: new Date().toISOString(),
    attempts: 0,
    lastError: null,
    state: 'pending',
    nextAttemptAt: null,
  };
  await writeEntry(entry);
  await changed();
  if (started) void flush(true);
  else startOutbox();
  return entry;
}

/** "Gửi ngay": this entry (or every pending one) now, whatever the backoff says. */
export function sendNow(id: string | null = null): Promise<void> {
  startOutbox();
  return flush(true, id);
}

/** Removes an entry for good (after the person confirmed); returns it, for a refused one opened again. */
export async function removeEntry(id: string): Promise<OutboxEntry | null> {
  const entry = await readEntry(id);
  await deleteEntry(id);
  await changed();
  return entry;
}
