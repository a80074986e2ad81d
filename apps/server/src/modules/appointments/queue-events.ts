import { type ChangeEvents, createChangeEvents } from '../../events/change-events.ts';

/**
 * "Something changed in the queue of centre X": boards and ticket pages listen and re-read. The mechanism is
 * shared with the report inboxes (events/change-events.ts; across processes events/fanout.ts).
 */
export const createQueueEvents = createChangeEvents;
export type QueueEvents = ChangeEvents;
