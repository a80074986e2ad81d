import {
  Agency,
  AgencyListQuery,
  CreateAgencyBody,
  IdParams,
  pageOf,
  UpdateAgencyBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function agencyRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['agencies'];
  return async (app) => {
    app.get(
      '/agencies',
      {
        config: { access: 'reference.read' },
        schema: {
          tags,
          summary: 'List agencies',
          querystring: AgencyListQuery,
          response: { 200: pageOf(Agency) },
        },
      },
      async (request) => services.agencies.list(request.query),
    );

    app.get(
      '/agencies/:id',
      {
        config: { access: 'reference.read' },
        schema: { tags, summary: 'One agency', params: IdParams, response: { 200: Agency } },
      },
      async (request) => services.agencies.get(request.params.id),
    );

    app.post(
      '/agencies',
      {
        config: { access: 'agencies.manage' },
        schema: { tags, summary: 'Create an agency', body: CreateAgencyBody, response: { 201: Agency } },
      },
      async (request, reply) =>
        reply.status(201).send(await services.agencies.create(actorOf(request), request.body)),
    );

    app.patch(
      '/agencies/:id',
      {
        config: { access: 'agencies.manage' },
        schema: {
          tags,
          summary: 'Change an agency',
          params: IdParams,
          body: UpdateAgencyBody,
          response: { 200: Agency },
        },
      },
      async (request) => services.agencies.update(actorOf(request), request.params.id, request.body),
    );
  };
}
