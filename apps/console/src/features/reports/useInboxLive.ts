import type { InboxPulse } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportsApi } from './reports.api.ts';

/** How long to wait before opening a stream the server refused (restart, expired session) again. */
const REOPEN_MS = 5_000;

export interface InboxLive {
  /** Reports filed into my scope since I last marked them seen. */
  newCount: number;
  markSeen(): void;
}

/**
 * The inbox's live stream (Server-Sent Events): `onChange` runs whenever reports of the officer's scope are
 * filed or change, so the page re-reads what it shows. The first stream gives the server's time, which becomes
 * "seen until"; the count of new reports is kept by the server from it (across reconnects, without trusting
 * this computer's clock).
 */
export function useInboxLive(onChange: () => void): InboxLive {
  const [since, setSince] = useState<string>();
  const [newCount, setNewCount] = useState(0);
  const lastAt = useRef<string>();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  /** The first event of the page is the state already shown; every later one may be news. */
  const heard = useRef(false);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      const es = new EventSource(reportsApi.streamUrl(since));
      source = es;
      es.addEventListener('inbox', (event) => {
        const pulse = JSON.parse((event as MessageEvent<string>).data) as InboxPulse;
        lastAt.current = pulse.at;
        if (since === undefined) setSince(pulse.at);
        else setNewCount(pulse.newCount);
        if (heard.current) onChangeRef.current();
        heard.current = true;
      });
      es.addEventListener('error', () => {
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        source = null;
        if (!stopped) reopen = setTimeout(open, REOPEN_MS);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, [since]);

  const markSeen = useCallback(() => {
    setNewCount(0);
    if (lastAt.current) setSince(lastAt.current);
  }, []);
  return { newCount, markSeen };
}
