import { createStore, del, get, set, values } from 'idb-keyval';
import type { OutboxEntry } from './types.ts';

/**
 * The outbox's entries in IndexedDB (through idb-keyval), which keeps Blobs as they are: the photos wait there
 * with the rest. IndexedDB exists in every browser we target and in Zalo's webviews; where opening it fails
 * (storage disabled), the entries live in memory for the visit.
 */
const DB_NAME = 'dltt-outbox';
const STORE_NAME = 'entries';

let idb: ReturnType<typeof createStore> | null = null;
let memory: Map<string, OutboxEntry> | null = null;

function idbStore(): ReturnType<typeof createStore> | null {
  if (memory) return null;
  if (!idb) {
    try {
      idb = createStore(DB_NAME, STORE_NAME);
    } catch {
      memory = new Map();
      return null;
    }
  }
  return idb;
}

async function attempt<T>(withIdb: (store: ReturnType<typeof createStore>) => Promise<T>, inMemory: () => T) {
  const store = idbStore();
  if (store) {
    try {
      return await withIdb(store);
    } catch {
      memory = new Map();
    }
  }
  return inMemory();
}

function isEntry(value: unknown): value is OutboxEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'version' in value &&
    value.version === 1 &&
    'id' in value &&
    typeof value.id === 'string' &&
    'kind' in value &&
    (value.kind === 'report' || value.kind === 'booking') &&
    'idempotencyKey' in value &&
    typeof value.idempotencyKey === 'string' &&
    'photos' in value &&
    Array.isArray(value.photos)
  );
}

const byAge = (a: OutboxEntry, b: OutboxEntry) => a.createdAt.localeCompare(b.createdAt);

/** Every entry, oldest first. */
export function readEntries(): Promise<OutboxEntry[]> {
  return attempt(
    async (store) => (await values<unknown>(store)).filter(isEntry).sort(byAge),
    () => [...(memory?.values() ?? [])].sort(byAge),
  );
}

export function readEntry(id: string): Promise<OutboxEntry | null> {
  return attempt(
    async (store) => {
      const value = await get<unknown>(id, store);
      return isEntry(value) ? value : null;
    },
    () => memory?.get(id) ?? null,
  );
}

export function writeEntry(entry: OutboxEntry): Promise<void> {
  return attempt(
    (store) => set(entry.id, entry, store),
    () => {
      memory?.set(entry.id, entry);
    },
  );
}

export function deleteEntry(id: string): Promise<void> {
  return attempt(
    (store) => del(id, store),
    () => {
      memory?.delete(id);
    },
  );
}
