import {
  CreateLandUseCodeBody,
  LandUseCode,
  LandUseCodeParams,
  UpdateLandUseCodeBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function landUseCodeRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['planning'];
  return async (app) => {
    app.get(
      '/land-use-codes',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The land-use code dictionary (mã loại đất) with names and map colours',
          response: { 200: z.array(LandUseCode) },
        },
      },
      async () => services.landUseCodes.list(),
    );

    app.post(
      '/admin/land-use-codes',
      {
        config: { access: 'landuse.manage' },
        schema: {
          tags,
          summary: 'Add a land-use code',
          body: CreateLandUseCodeBody,
          response: { 201: LandUseCode },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.landUseCodes.create(actorOf(request), request.body)),
    );

    app.patch(
      '/admin/land-use-codes/:code',
      {
        config: { access: 'landuse.manage' },
        schema: {
          tags,
          summary: 'Change a land-use code',
          params: LandUseCodeParams,
          body: UpdateLandUseCodeBody,
          response: { 200: LandUseCode },
        },
      },
      async (request) => services.landUseCodes.update(actorOf(request), request.params.code, request.body),
    );

    app.delete(
      '/admin/land-use-codes/:code',
      {
        config: { access: 'landuse.manage' },
        schema: {
          tags,
          summary: 'Delete a land-use code (refused while published planning data uses it)',
          params: LandUseCodeParams,
        },
      },
      async (request, reply) => {
        await services.landUseCodes.remove(actorOf(request), request.params.code);
        return reply.status(204).send();
      },
    );
  };
}
