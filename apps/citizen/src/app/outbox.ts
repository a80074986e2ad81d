import { readOutboxCounts } from '../lib/outbox/hint.ts';
import { setSenderLoaders } from '../lib/outbox/registry.ts';

/**
 * Wires the outbox (lib/outbox) to the features that own each kind's API calls, and starts it when something
 * waits. The home pays only for this file: the outbox itself (IndexedDB, the senders) is fetched when the hint
 * says an entry is waiting, or when a page that queues or lists entries opens.
 */
export function setUpOutbox(): void {
  setSenderLoaders({
    report: async () => (await import('../features/reports/mine/MyReportsPage.tsx')).sendReport,
    booking: async () => (await import('../features/appointments/pages.ts')).sendBooking,
  });
  void readOutboxCounts().then(async (counts) => {
    if (counts.pending === 0) return;
    (await import('../lib/outbox/outbox.ts')).startOutbox();
  });
}
