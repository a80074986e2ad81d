import { Commune, Province } from '@dltt/contracts';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

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
      // The file is read as bytes here and parsed in a worker thread by the service (tens of megabytes of
      // coordinates would hold the event loop); plain JSON is taken the same way.
      for (const type of ['application/geo+json', 'application/json']) {
        geo.addContentTypeParser(
          type,
          { parseAs: 'buffer', bodyLimit: MAX_BOUNDARIES_BYTES },
          (_req, body, done) => done(null, body),
        );
      }
      geo.put(
        '/admin/commune-boundaries',
        {
          config: { access: 'routing.manage' },
          bodyLimit: MAX_BOUNDARIES_BYTES,
          schema: {
            tags,
            summary: 'Import commune boundaries (GeoJSON FeatureCollection, property `code` = GSO code)',
            description:
              'Body: a GeoJSON FeatureCollection (application/geo+json or application/json) of Polygon or ' +
              'MultiPolygon features, property `code` = the commune GSO code; closed rings. Up to 50 MB.',
            response: { 200: z.object({ communes: z.number().int() }) },
          },
        },
        async (request) => {
          if (!Buffer.isBuffer(request.body)) throw new AppError('INVALID_JSON');
          return services.communes.importBoundaries(actorOf(request), request.body);
        },
      );
    });
  };
}
