import {
  CreatePlanningDatasetBody,
  PlanningDataset,
  PlanningDatasetListQuery,
  PlanningDatasetParams,
  PublicPlanningDataset,
  pageOf,
  UpdatePlanningDatasetBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function planningDatasetRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['planning'];
  const datasets = services.planningDatasets;
  return async (app) => {
    app.get(
      '/admin/planning/datasets',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: "Planning datasets (the officer's agency's; every agency's for admins)",
          querystring: PlanningDatasetListQuery,
          response: { 200: pageOf(PlanningDataset) },
        },
      },
      async (request) => datasets.list(actorOf(request), request.query),
    );

    app.post(
      '/admin/planning/datasets',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: 'Create a planning dataset',
          body: CreatePlanningDatasetBody,
          response: { 201: PlanningDataset },
        },
      },
      async (request, reply) => reply.status(201).send(await datasets.create(actorOf(request), request.body)),
    );

    app.get(
      '/admin/planning/datasets/:id',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: 'A planning dataset',
          params: PlanningDatasetParams,
          response: { 200: PlanningDataset },
        },
      },
      async (request) => datasets.get(actorOf(request), request.params.id),
    );

    app.patch(
      '/admin/planning/datasets/:id',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: 'Change a planning dataset (name, status, decision, period, communes)',
          params: PlanningDatasetParams,
          body: UpdatePlanningDatasetBody,
          response: { 200: PlanningDataset },
        },
      },
      async (request) => datasets.update(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/admin/planning/datasets/:id',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: 'Delete a planning dataset with its imports, rows and stored files',
          params: PlanningDatasetParams,
        },
      },
      async (request, reply) => {
        await datasets.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/admin/planning/sample',
      {
        config: { access: 'planning.manage' },
        schema: {
          tags,
          summary: 'Remove the generated sample planning data',
          response: { 200: z.object({ removed: z.number().int() }) },
        },
      },
      async (request) => datasets.removeSamples(actorOf(request)),
    );

    app.get(
      '/planning/datasets',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Published planning datasets (in force and drafts for consultation)',
          response: { 200: z.array(PublicPlanningDataset) },
        },
      },
      async () => datasets.listPublic(),
    );
  };
}
