import { ZaloCodeExchange, ZaloLocation, ZaloLogin, ZaloPhone, ZaloSession } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bearerTokenOf, citizenOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function zaloRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['zalo'];
  return async (app) => {
    app.post(
      '/auth/zalo',
      {
        // Public write: rate-limited per address by default (RATE_LIMIT_PUBLIC_WRITES).
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'Citizen sign-in with a Zalo access token (zmp-sdk getAccessToken); with the device bearer token, ' +
            'the device identity is linked to or merged into the Zalo one',
          body: ZaloLogin,
          response: { 200: ZaloSession },
        },
      },
      async (request) => {
        const device = bearerTokenOf(request);
        const { outcome, ...session } = await services.zaloAuth.login(request.body.accessToken, device);
        request.log.info({ citizenId: session.citizenId, outcome }, 'zalo sign-in');
        return session;
      },
    );

    app.post(
      '/citizen/zalo/phone',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: "Exchange a getPhoneNumber() code for the citizen's Zalo-verified phone number (stored)",
          body: ZaloCodeExchange,
          response: { 200: ZaloPhone },
        },
      },
      async (request) => services.zaloAuth.exchangePhone(citizenOf(request), request.body),
    );

    app.post(
      '/citizen/zalo/location',
      {
        config: { access: 'citizen' },
        schema: {
          tags,
          summary: "Exchange a getLocation() code for the citizen's position (not stored)",
          body: ZaloCodeExchange,
          response: { 200: ZaloLocation },
        },
      },
      async (request) => services.zaloAuth.exchangeLocation(citizenOf(request), request.body),
    );
  };
}
