import {
  ApiClient,
  CategoryAttribute,
  CategoryAttributesBody,
  CreateApiClientBody,
  IdParams,
  IssuedApiClient,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

/** Console administration of Open311: API clients and per-category attributes. */
export function open311AdminRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['open311'];
  const a = services.open311Admin;
  return async (app) => {
    app.get(
      '/api-clients',
      {
        config: { access: 'apiclients.manage' },
        schema: {
          tags,
          summary: 'Open311 clients and their key prefixes',
          response: { 200: z.array(ApiClient) },
        },
      },
      async () => a.clients(),
    );
    app.post(
      '/api-clients',
      {
        config: { access: 'apiclients.manage' },
        schema: {
          tags,
          summary: 'Issue an API key to a named client (the key is shown only in this answer)',
          body: CreateApiClientBody,
          response: { 201: IssuedApiClient },
        },
      },
      async (request, reply) => reply.status(201).send(await a.issue(actorOf(request), request.body)),
    );
    app.post(
      '/api-clients/:id/revoke',
      {
        config: { access: 'apiclients.manage' },
        schema: {
          tags,
          summary: 'Revoke a client key (idempotent)',
          params: IdParams,
          response: { 200: ApiClient },
        },
      },
      async (request) => a.revoke(actorOf(request), request.params.id),
    );
    app.get(
      '/admin/categories/:id/attributes',
      {
        config: { access: 'reference.read' },
        schema: {
          tags,
          summary: 'Extra attributes of a category (Open311 service definition)',
          params: IdParams,
          response: { 200: z.array(CategoryAttribute) },
        },
      },
      async (request) => a.attributes(request.params.id),
    );
    app.put(
      '/admin/categories/:id/attributes',
      {
        config: { access: 'categories.manage' },
        schema: {
          tags,
          summary: 'Replace the attributes of a category',
          params: IdParams,
          body: CategoryAttributesBody,
          response: { 200: z.array(CategoryAttribute) },
        },
      },
      async (request) => a.setAttributes(actorOf(request), request.params.id, request.body),
    );
  };
}
