import { useEffect, useState } from 'react';
import { platform } from '../../platform/index.ts';
import type { OutboxCounts } from './policy.ts';

/**
 * A few bytes in platform storage that say what the outbox holds, kept by the outbox on every change. The app's
 * start and the home read them instead of opening IndexedDB: a phone with nothing waiting (nearly every start)
 * loads none of the outbox's code.
 */
const COUNTS_KEY = 'outbox-counts';

const EMPTY: OutboxCounts = { pending: 0, refused: 0, kinds: [] };

function isCounts(value: unknown): value is OutboxCounts {
  return (
    typeof value === 'object' &&
    value !== null &&
    'pending' in value &&
    typeof value.pending === 'number' &&
    'refused' in value &&
    typeof value.refused === 'number' &&
    'kinds' in value &&
    Array.isArray(value.kinds)
  );
}

export async function readOutboxCounts(): Promise<OutboxCounts> {
  const saved = await platform.storage.getItem<unknown>(COUNTS_KEY).catch(() => null);
  return isCounts(saved) ? saved : EMPTY;
}

const listeners = new Set<(counts: OutboxCounts) => void>();

export async function writeOutboxCounts(counts: OutboxCounts): Promise<void> {
  await platform.storage.setItem(COUNTS_KEY, counts).catch(() => undefined);
  for (const listener of listeners) listener(counts);
}

/** The counts, kept current while the component is shown. */
export function useOutboxCounts(): OutboxCounts {
  const [counts, setCounts] = useState(EMPTY);
  useEffect(() => {
    let live = true;
    void readOutboxCounts().then((c) => {
      if (live) setCounts(c);
    });
    listeners.add(setCounts);
    return () => {
      live = false;
      listeners.delete(setCounts);
    };
  }, []);
  return counts;
}
