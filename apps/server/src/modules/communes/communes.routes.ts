import { Commune, Province } from '@dltt/contracts';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';
import { CommuneBoundariesGeoJson } from './commune-boundaries.ts';

/** The shipped boundaries of 102 communes weigh 9 MB; leave room for finer data. */
const MAX_BOUNDARIES_BYTES = 50 * 1024 * 1024;

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

    app.register(async (scope) => {
      const geo = scope.withTypeProvider<ZodTypeProvider>();
      geo.addContentTypeParser(
        'application/geo+json',
        { parseAs: 'string', bodyLimit: MAX_BOUNDARIES_BYTES },
        (_req, body, done) => {
          try {
            done(null, JSON.parse(String(body)));
          } catch (error) {
            done(error as Error);
          }
        },
      );
      geo.put(
        '/admin/commune-boundaries',
        {
          config: { access: 'routing.manage' },
          bodyLimit: MAX_BOUNDARIES_BYTES,
          schema: {
            tags,
            summary: 'Import commune boundaries (GeoJSON FeatureCollection, property `code` = GSO code)',
            body: CommuneBoundariesGeoJson,
            response: { 200: z.object({ communes: z.number().int() }) },
          },
        },
        async (request) => services.communes.importBoundaries(actorOf(request), request.body),
      );
    });
  };
}
