import {
  Category,
  CategoryDeadlines,
  CategoryDeadlinesView,
  CreateCategoryBody,
  IdParams,
  UpdateCategoryBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function categoryRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['categories'];
  return async (app) => {
    app.get(
      '/categories',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Active report categories (lĩnh vực)',
          response: { 200: z.array(Category) },
        },
      },
      async () => services.categories.list({ activeOnly: true }),
    );

    app.get(
      '/admin/categories',
      {
        config: { access: 'categories.manage' },
        schema: { tags, summary: 'All categories, inactive included', response: { 200: z.array(Category) } },
      },
      async () => services.categories.list({ activeOnly: false }),
    );

    app.post(
      '/admin/categories',
      {
        config: { access: 'categories.manage' },
        schema: { tags, summary: 'Create a category', body: CreateCategoryBody, response: { 201: Category } },
      },
      async (request, reply) =>
        reply.status(201).send(await services.categories.create(actorOf(request), request.body)),
    );

    app.patch(
      '/admin/categories/:id',
      {
        config: { access: 'categories.manage' },
        schema: {
          tags,
          summary: 'Change a category',
          params: IdParams,
          body: UpdateCategoryBody,
          response: { 200: Category },
        },
      },
      async (request) => services.categories.update(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/admin/categories/:id/deadlines',
      {
        config: { access: 'reference.read' },
        schema: {
          tags,
          summary: 'Working hours to accept and to resolve, per priority',
          params: IdParams,
          response: { 200: CategoryDeadlinesView },
        },
      },
      async (request) => services.categories.deadlines(request.params.id),
    );

    app.put(
      '/admin/categories/:id/deadlines',
      {
        config: { access: 'categories.manage' },
        schema: {
          tags,
          summary: 'Set the deadlines of a category per priority',
          params: IdParams,
          body: CategoryDeadlines,
          response: { 200: CategoryDeadlinesView },
        },
      },
      async (request) => services.categories.setDeadlines(actorOf(request), request.params.id, request.body),
    );
  };
}
