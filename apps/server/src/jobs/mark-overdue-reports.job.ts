import { z } from 'zod';
import type { Services } from '../services.ts';

/** Marks overdue reports, tells the agency, escalates to the dispatcher past the second threshold. Idempotent. */
export const markOverdueReportsJob = {
  name: 'mark-overdue-reports',
  cron: '*/5 * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.reportOverdue.run();
  },
};
