import { SetupChecklist } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';

/** The administrator's first-run checklist on the console's home. */
export function setupRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/setup-checklist',
      {
        config: { access: 'staff.manage' },
        schema: {
          tags: ['setup'],
          summary:
            'First-run checklist: each step (routing, centres, calendar, Zalo, staff) and whether it is done',
          response: { 200: SetupChecklist },
        },
      },
      async () => services.setup.checklist(),
    );
  };
}
