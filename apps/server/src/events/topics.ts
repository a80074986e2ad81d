/**
 * The change topics carried between processes (fanout.ts: one LISTEN channel per topic). Named once here: the
 * process that starts the fan-out and the modules whose events travel on it use the same names.
 */
export const QUEUE_CHANGED = 'queue_changed';
export const REPORTS_CHANGED = 'reports_changed';
