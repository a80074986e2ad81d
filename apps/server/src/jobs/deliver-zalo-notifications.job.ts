import { z } from 'zod';
import type { Services } from '../services.ts';
import { DELIVER_ZALO_JOB } from './names.ts';

/**
 * Mirrors new in-app notifications of opted-in citizens to Zalo (ZNS or OA) and sends the retries that are due.
 * Fired right after notifications are made (report events delivered, a queue call), and every minute for the
 * retries and for any fire that was lost. Idempotent and safe to run concurrently: one delivery row per
 * notification, and each send is claimed with SKIP LOCKED.
 */
export const deliverZaloNotificationsJob = {
  name: DELIVER_ZALO_JOB,
  cron: '* * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.zaloNotifications.run();
  },
};
