import { z } from 'zod';
import type { Services } from '../services.ts';
import { DELIVER_NOTIFICATIONS_JOB, DELIVER_ZALO_JOB } from './names.ts';

/**
 * Drains the notification outbox. Fired right after a public report event commits, and every minute in case a
 * fire was lost (a crash between commit and send). Idempotent: delivery is keyed by (citizen, event).
 */
export const deliverReportNotificationsJob = {
  name: DELIVER_NOTIFICATIONS_JOB,
  cron: '* * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    let delivered = 0;
    for (;;) {
      const n = await services.reportNotifications.deliverPending();
      if (n === 0) break;
      delivered += n;
    }
    // New in-app notifications: their Zalo copies go out now rather than at the next minute.
    if (delivered > 0) services.jobs.fire(DELIVER_ZALO_JOB);
  },
};
