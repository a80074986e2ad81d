import { useEffect, useRef } from 'react';

/**
 * A USB or Bluetooth QR reader is a keyboard to the browser: it types the code's characters a few milliseconds
 * apart and presses Enter. People type far slower (100 ms and more between keys), so characters that came at
 * MAX_AVERAGE_MS or less apart on average, ended by Enter, are taken as a scan wherever the focus is (the
 * heading of the start screen, a field button, the code box). An average, not every gap: a busy kiosk may
 * hold one key back for a moment. Taking a quick typist's code for a scan is harmless: both mean "check this
 * code in".
 */
const MAX_AVERAGE_MS = 50;
/** A longer pause starts a new run of characters. */
const MAX_GAP_MS = 200;
/** Shorter runs are more likely keys pressed together than a code (booking codes have 8 characters). */
const MIN_LENGTH = 4;
const MAX_LENGTH = 200;

/** Calls `onScan` with the text a keyboard-like scanner typed; the Enter that ends a scan does nothing else. */
export function useScannerInput(onScan: (text: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let text = '';
    let first = 0;
    let last = 0;
    const keydown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const now = event.timeStamp;
      const quick = now - last <= MAX_GAP_MS;
      last = now;
      if (event.key === 'Enter') {
        const fast = quick && (now - first) / Math.max(1, text.length) <= MAX_AVERAGE_MS;
        const scanned = fast && text.length >= MIN_LENGTH ? text : '';
        text = '';
        if (!scanned) return;
        // Not a click on the focused button, nor a second submission of the code box's form.
        event.preventDefault();
        event.stopPropagation();
        handler.current(scanned);
        return;
      }
      if (event.key.length !== 1) return;
      if (quick && text && text.length < MAX_LENGTH) text += event.key;
      else {
        text = event.key;
        first = now;
      }
    };
    // Capture: seen before the focused element acts on the key.
    document.addEventListener('keydown', keydown, true);
    return () => document.removeEventListener('keydown', keydown, true);
  }, [enabled]);
}
