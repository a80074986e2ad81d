import { z } from 'zod';
import type { Services } from '../services.ts';

/**
 * Deletes photos uploaded for drafts that were never submitted, then stored files no photo row names (left by a
 * kill between a write and its row, or midway through a write). Idempotent.
 */
export const purgeReportPhotosJob = {
  name: 'purge-unattached-report-photos',
  cron: '41 3 * * *',
  payload: z.object({ v: z.literal(1).default(1) }),
  async handle(_payload: { v: 1 }, services: Services): Promise<void> {
    await services.reportPhotos.purgeUnattached();
    await services.reportPhotos.sweepOrphanFiles();
  },
};
