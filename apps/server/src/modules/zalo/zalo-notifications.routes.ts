import {
  IdParams,
  UpdateZaloSettingsBody,
  ZaloDelivery,
  ZaloDeliveryPage,
  ZaloDeliveryQuery,
  ZaloNotifyPreference,
  ZaloNotifyPreferenceBody,
  ZaloSettings,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

/** The citizen's Zalo notification switch, and the console's settings and delivery log. */
export function zaloNotificationRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['zalo'];
  const z = services.zaloNotifications;
  return async (app) => {
    app.get(
      '/citizen/zalo/notifications',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: 'Whether the citizen gets notifications through Zalo, and how the province sends them',
          response: { 200: ZaloNotifyPreference },
        },
      },
      async (request) => z.preference(citizenOf(request)),
    );
    app.put(
      '/citizen/zalo/notifications',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary:
            'Turn Zalo notifications on (Zalo-linked citizens only) or off; optionally give the OA user id ' +
            '(getUserInfo().idByOA), checked with Zalo and kept for OA messages',
          body: ZaloNotifyPreferenceBody,
          response: { 200: ZaloNotifyPreference },
        },
      },
      async (request) => z.setPreference(citizenOf(request), request.body),
    );

    app.get(
      '/admin/zalo/settings',
      {
        config: { access: 'zalo.manage' },
        schema: {
          tags,
          summary: 'Channel, ZNS templates and the state of the OA connection (tokens are never shown)',
          response: { 200: ZaloSettings },
        },
      },
      async () => z.settings(),
    );
    app.put(
      '/admin/zalo/settings',
      {
        config: { access: 'zalo.manage' },
        schema: {
          tags,
          summary:
            'Set the channel and templates; optionally a new OA refresh token (checked with Zalo first)',
          body: UpdateZaloSettingsBody,
          response: { 200: ZaloSettings },
        },
      },
      async (request) => z.updateSettings(actorOf(request), request.body),
    );
    app.get(
      '/admin/zalo/deliveries',
      {
        config: { access: 'zalo.manage' },
        schema: {
          tags,
          summary: 'The delivery log, newest first (phones masked)',
          querystring: ZaloDeliveryQuery,
          response: { 200: ZaloDeliveryPage },
        },
      },
      async (request) => z.deliveries(request.query),
    );
    app.post(
      '/admin/zalo/deliveries/:id/retry',
      {
        config: { access: 'zalo.manage' },
        schema: {
          tags,
          summary: 'Send a failed delivery again (a fresh set of attempts)',
          params: IdParams,
          response: { 200: ZaloDelivery },
        },
      },
      async (request) => z.retry(actorOf(request), request.params.id),
    );
  };
}
