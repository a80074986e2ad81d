import { z } from 'zod';
import type { Services } from '../services.ts';

/** Removes expired staff sessions. Idempotent: deleting what is already gone does nothing. */
export const purgeSessionsJob = {
  name: 'purge-expired-sessions',
  cron: '17 * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.auth.purgeExpiredSessions();
  },
};
