import { CitizenSession } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';

export function citizenRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/citizen/session',
      {
        // Public write: rate-limited per address by default (RATE_LIMIT_PUBLIC_WRITES).
        config: { access: 'public' },
        schema: {
          tags: ['citizen'],
          summary: 'Start an anonymous device identity (web); returns a bearer token to keep on the device',
          response: { 201: CitizenSession },
        },
      },
      async (_request, reply) => reply.status(201).send(await services.citizens.startDeviceSession()),
    );
  };
}
