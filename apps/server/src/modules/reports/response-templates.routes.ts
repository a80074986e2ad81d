import { IdParams, ResponseTemplate, ResponseTemplateBody } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function responseTemplateRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['report handling'];
  const t = services.responseTemplates;
  return async (app) => {
    app.get(
      '/response-templates',
      {
        config: { access: 'reports.handle' },
        schema: {
          tags,
          summary: "Response templates: a category's and the general ones",
          querystring: z.object({ categoryId: z.uuid().optional() }),
          response: { 200: z.array(ResponseTemplate) },
        },
      },
      async (request) => t.list(request.query.categoryId),
    );
    app.post(
      '/response-templates',
      {
        config: { access: 'templates.manage' },
        schema: {
          tags,
          summary: 'Create a response template',
          body: ResponseTemplateBody,
          response: { 201: ResponseTemplate },
        },
      },
      async (request, reply) => reply.status(201).send(await t.create(actorOf(request), request.body)),
    );
    app.put(
      '/response-templates/:id',
      {
        config: { access: 'templates.manage' },
        schema: {
          tags,
          summary: 'Change a response template',
          params: IdParams,
          body: ResponseTemplateBody,
          response: { 200: ResponseTemplate },
        },
      },
      async (request) => t.update(actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/response-templates/:id',
      {
        config: { access: 'templates.manage' },
        schema: { tags, summary: 'Delete a response template', params: IdParams },
      },
      async (request, reply) => {
        await t.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
