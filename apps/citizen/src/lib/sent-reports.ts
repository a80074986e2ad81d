import { useEffect, useState } from 'react';
import { platform } from '../platform/index.ts';

const SENT_KEY = 'sent-report-codes';
const SENT_KEPT = 100;

/**
 * Codes of the reports sent from this device, newest first: "is it one of these?" then shows the person's own
 * report as theirs instead of offering to follow it (which the server refuses with OWN_REPORT), and a
 * notification about one of them opens it as "mine".
 */
export async function loadSentCodes(): Promise<string[]> {
  const saved = await platform.storage.getItem<unknown>(SENT_KEY).catch(() => null);
  return Array.isArray(saved) ? saved.filter((c): c is string => typeof c === 'string') : [];
}

export async function rememberSentCode(code: string): Promise<void> {
  const codes = (await loadSentCodes()).filter((c) => c !== code);
  await platform.storage.setItem(SENT_KEY, [code, ...codes].slice(0, SENT_KEPT)).catch(() => undefined);
}

/** {@link loadSentCodes} for a component: empty until they are read. */
export function useSentCodes(): ReadonlySet<string> {
  const [codes, setCodes] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let cancelled = false;
    void loadSentCodes().then((sent) => {
      if (!cancelled) setCodes(new Set(sent));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return codes;
}
