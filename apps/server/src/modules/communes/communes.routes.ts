import { Commune, Province } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';

export function communeRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['reference'];
  return async (app) => {
    app.get(
      '/province',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'The province this deployment serves', response: { 200: Province } },
      },
      async () => services.communes.province(),
    );

    app.get(
      '/communes',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Communes and wards of the province', response: { 200: z.array(Commune) } },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return services.communes.list();
      },
    );
  };
}
