import { z } from 'zod';
import type { Services } from '../services.ts';

/** Makes next year's reference-number sequence before New Year, for servers that run for years. Idempotent. */
export const ensureReportSequencesJob = {
  name: 'ensure-report-number-sequences',
  cron: '17 2 * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.reports.ensureNumberSequences();
  },
};
