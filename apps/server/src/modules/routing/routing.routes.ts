import { CreateRoutingRuleBody, IdParams, OkBody, RoutingRule } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function routingRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['reports'];
  return async (app) => {
    app.get(
      '/routing-rules',
      {
        config: { access: 'reference.read' },
        schema: {
          tags,
          summary: 'Routing rules: category x commune -> agency',
          querystring: z.object({
            categoryId: z.uuid().optional(),
            communeCode: z.string().max(10).optional(),
          }),
          response: { 200: z.array(RoutingRule) },
        },
      },
      async (request) => services.routing.list(request.query),
    );

    app.post(
      '/routing-rules',
      {
        config: { access: 'routing.manage' },
        schema: {
          tags,
          summary: 'Add a routing rule',
          body: CreateRoutingRuleBody,
          response: { 201: RoutingRule },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.routing.create(actorOf(request), request.body)),
    );

    app.delete(
      '/routing-rules/:id',
      {
        config: { access: 'routing.manage' },
        schema: { tags, summary: 'Remove a routing rule', params: IdParams, response: { 200: OkBody } },
      },
      async (request) => {
        await services.routing.remove(actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
}
