import { z } from 'zod';
import { DELIVER_NOTIFICATIONS_JOB } from '../modules/reports/report-handling.service.ts';
import type { Services } from '../services.ts';

/**
 * Drains the notification outbox. Fired right after a public report event commits, and every minute in case a
 * fire was lost (a crash between commit and send). Idempotent: delivery is keyed by (citizen, event).
 */
export const deliverReportNotificationsJob = {
  name: DELIVER_NOTIFICATIONS_JOB,
  cron: '* * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    while ((await services.reportNotifications.deliverPending()) > 0) {
      // keep draining until the outbox is empty
    }
  },
};
