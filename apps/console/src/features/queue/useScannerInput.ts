import { useEffect, useRef } from 'react';

/**
 * A USB or Bluetooth QR reader is a keyboard to the browser: it types the code's characters within a few
 * milliseconds of each other and presses Enter. People type far slower, so a run of characters that each came
 * within MAX_GAP_MS of the previous, ended by Enter, is taken as a scan wherever the focus is (the heading of
 * the start screen, a field button, the code box). Taking a quick typist's code for a scan is harmless: both
 * mean "check this code in".
 */
const MAX_GAP_MS = 60;
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
    let last = 0;
    const keydown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const now = event.timeStamp;
      const quick = now - last <= MAX_GAP_MS;
      last = now;
      if (event.key === 'Enter') {
        const scanned = quick && text.length >= MIN_LENGTH ? text : '';
        text = '';
        if (!scanned) return;
        // Not a click on the focused button, nor a second submission of the code box's form.
        event.preventDefault();
        event.stopPropagation();
        handler.current(scanned);
        return;
      }
      if (event.key.length !== 1) return;
      text = quick && text.length < MAX_LENGTH ? text + event.key : event.key;
    };
    // Capture: seen before the focused element acts on the key.
    document.addEventListener('keydown', keydown, true);
    return () => document.removeEventListener('keydown', keydown, true);
  }, [enabled]);
}
