import { z } from 'zod';
import type { Services } from '../services.ts';
import { PLANNING_IMPORT_JOB } from './names.ts';

/**
 * Runs queued planning imports (and retakes a running one whose worker's lease expired), then deletes the rows of
 * imports that will never be live again. Fired when an import is started or published, and every minute for any
 * fire that was lost. Idempotent: an import is claimed with SKIP LOCKED under a lease.
 */
export const runPlanningImportsJob = {
  name: PLANNING_IMPORT_JOB,
  cron: '* * * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.planningImports.runPending();
  },
};
