import { useEffect, useState } from 'react';
import { getSnapshot, type OutboxSnapshot, startOutbox, subscribe } from './outbox.ts';
import type { OutboxEntry, OutboxKind, SentEntry } from './types.ts';

export interface OutboxView {
  /** Entries of the kind, oldest first. */
  entries: OutboxEntry[];
  sending: ReadonlySet<string>;
  /** Entries of the kind sent during this visit, newest first. */
  sent: SentEntry[];
}

const view = (snapshot: OutboxSnapshot, kind: OutboxKind): OutboxView => ({
  entries: snapshot.entries.filter((e) => e.kind === kind),
  sending: snapshot.sending,
  sent: snapshot.sent.filter((e) => e.kind === kind),
});

/**
 * The outbox's entries of one kind, kept current; starts the outbox (a page that lists them is where the person
 * looks for them). `onSent` runs when one of them reaches the server, so the page can read its list again.
 */
export function useOutbox(kind: OutboxKind, onSent?: (entry: SentEntry) => void): OutboxView {
  const [state, setState] = useState(() => view(getSnapshot(), kind));
  const [notify] = useState(() => ({ current: onSent }));
  notify.current = onSent;
  useEffect(() => {
    let seen = new Set(getSnapshot().sent.map((e) => e.id));
    const unsubscribe = subscribe((snapshot) => {
      setState(view(snapshot, kind));
      for (const entry of snapshot.sent) {
        if (entry.kind === kind && !seen.has(entry.id)) notify.current?.(entry);
      }
      seen = new Set(snapshot.sent.map((e) => e.id));
    });
    startOutbox();
    return unsubscribe;
  }, [kind, notify]);
  return state;
}
