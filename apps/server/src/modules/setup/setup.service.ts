import type { SetupChecklist } from '@dltt/contracts';
import type { ZaloConfig } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import { setupRepository as repo } from './setup.repository.ts';

/**
 * The administrator's first-run checklist. Each step is done when the system's state says so, not when someone
 * ticks it: the default routing rules and the public holidays are seeded, so their steps are done once an
 * administrator has changed something there (the audit log remembers), which is what "checked" can mean.
 */
export function createSetupService(deps: { db: Executor; zalo: ZaloConfig }) {
  const { db, zalo } = deps;
  return {
    async checklist(): Promise<SetupChecklist> {
      const [routing, centres, calendar, staff] = await Promise.all([
        repo.everAudited(db, 'routing_rule.'),
        repo.hasWorkingCentre(db),
        repo.everAudited(db, 'calendar_day.'),
        repo.hasStaff(db),
      ]);
      // Zalo sign-in needs the mini app's id and secret in the server's configuration (docs/ZALO.md).
      const zaloReady = Boolean(zalo.appId && zalo.appSecret);
      return {
        steps: [
          { step: 'routing', done: routing },
          { step: 'centres', done: centres },
          { step: 'calendar', done: calendar },
          { step: 'zalo', done: zaloReady },
          { step: 'staff', done: staff },
        ],
      };
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;
