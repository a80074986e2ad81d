import { AuditEntry, AuditListQuery, pageOf } from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-log',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['admin'],
          summary: 'Staff actions, newest first',
          querystring: AuditListQuery,
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (request) => services.audit.list(request.query),
    );
  };
}
