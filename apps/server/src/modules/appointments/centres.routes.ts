import { Centre, CentreBody, ClosureBody, IdParams } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

const Day = z.iso.date();

/** Service centres: read by everyone, configured (with their closure days) by admins. */
export function centreRoutes(services: Services): FastifyPluginAsyncZod {
  const tags = ['appointments'];
  const { centres } = services;
  return async (app) => {
    app.get(
      '/centres',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Service centres open for booking', response: { 200: z.array(Centre) } },
      },
      async () => centres.list(true),
    );
    app.get(
      '/centres/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One centre with its fields and sessions',
          params: IdParams,
          response: { 200: Centre },
        },
      },
      async (request) => centres.get(request.params.id, true),
    );
    app.get(
      '/admin/centres',
      {
        config: { access: 'centres.manage' },
        schema: { tags, summary: 'All centres, inactive ones too', response: { 200: z.array(Centre) } },
      },
      async () => centres.list(false),
    );
    app.post(
      '/admin/centres',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Create a centre with its sessions, fields and counters',
          body: CentreBody,
          response: { 201: Centre },
        },
      },
      async (request, reply) => reply.status(201).send(await centres.create(actorOf(request), request.body)),
    );
    app.put(
      '/admin/centres/:id',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: "Replace a centre's configuration",
          params: IdParams,
          body: CentreBody,
          response: { 200: Centre },
        },
      },
      async (request) => centres.update(actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/admin/centres/:id/closures',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Closure days of a centre',
          params: IdParams,
          querystring: z.object({ from: Day, to: Day }),
          response: { 200: z.array(z.object({ day: z.string(), reason: z.string() })) },
        },
      },
      async (request) => centres.closures(request.params.id, request.query.from, request.query.to),
    );
    app.put(
      '/admin/centres/:id/closures/:day',
      {
        config: { access: 'centres.manage' },
        schema: {
          tags,
          summary: 'Close a centre on a day',
          params: IdParams.extend({ day: Day }),
          body: ClosureBody,
          response: { 200: z.object({ day: z.string(), reason: z.string() }) },
        },
      },
      async (request) =>
        centres.setClosure(actorOf(request), request.params.id, request.params.day, request.body.reason),
    );
    app.delete(
      '/admin/centres/:id/closures/:day',
      {
        config: { access: 'centres.manage' },
        schema: { tags, summary: 'Reopen a closed day', params: IdParams.extend({ day: Day }) },
      },
      async (request, reply) => {
        await centres.deleteClosure(actorOf(request), request.params.id, request.params.day);
        return reply.status(204).send();
      },
    );
  };
}
