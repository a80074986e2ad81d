import {
  PlanningDatasetParams,
  PlanningParcelQuery,
  PlanningParcelResult,
  PlanningPointQuery,
  PlanningPointResult,
  PlanningViewport,
  PlanningViewportQuery,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';

/** Public planning lookups: no personal data, answers built only from published plans. */
export function planningLookupRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['planning'];
  const lookup = services.planningLookup;
  return async (app) => {
    app.get(
      '/planning/lookup',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'What the plans in force say at a point (and the parcel there)',
          querystring: PlanningPointQuery,
          response: { 200: PlanningPointResult },
        },
      },
      async (request) => lookup.point(request.query),
    );

    app.get(
      '/planning/parcels',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A parcel by commune, map sheet and parcel number, with the planned zones it lies in',
          querystring: PlanningParcelQuery,
          response: { 200: PlanningParcelResult },
        },
      },
      async (request) => lookup.parcel(request.query),
    );

    app.get(
      '/planning/datasets/:id/features',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "A published dataset's map data for a viewport, simplified for the zoom",
          params: PlanningDatasetParams,
          querystring: PlanningViewportQuery,
          response: { 200: PlanningViewport, 304: z.null().describe('Not modified (If-None-Match)') },
        },
      },
      async (request, reply) => {
        const answer = await lookup.viewport(request.params.id, request.query);
        // Shared caches may keep a viewport for a minute; a re-publish changes the ETag.
        reply.header('cache-control', 'public, max-age=60');
        reply.header('etag', answer.etag);
        if (request.headers['if-none-match'] === answer.etag) return reply.status(304).send(null);
        return answer.body();
      },
    );
  };
}
