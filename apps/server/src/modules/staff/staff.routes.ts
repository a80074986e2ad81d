import {
  CreateStaffUserBody,
  IdParams,
  pageOf,
  ResetPasswordBody,
  StaffUser,
  StaffUserListQuery,
  UpdateStaffUserBody,
} from '@dltt/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function staffRoutes(services: Services): FastifyPluginAsyncZod {
  const config = { access: 'staff.manage' } as const;
  const tags = ['admin'];
  return async (app) => {
    app.get(
      '/staff-users',
      {
        config,
        schema: {
          tags,
          summary: 'List staff accounts',
          querystring: StaffUserListQuery,
          response: { 200: pageOf(StaffUser) },
        },
      },
      async (request) => services.staff.list(request.query),
    );

    app.get(
      '/staff-users/:id',
      {
        config,
        schema: { tags, summary: 'One staff account', params: IdParams, response: { 200: StaffUser } },
      },
      async (request) => services.staff.get(request.params.id),
    );

    app.post(
      '/staff-users',
      {
        config,
        schema: {
          tags,
          summary: 'Create a staff account',
          body: CreateStaffUserBody,
          response: { 201: StaffUser },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.staff.create(actorOf(request), request.body)),
    );

    app.patch(
      '/staff-users/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change name, role, agency or active flag',
          params: IdParams,
          body: UpdateStaffUserBody,
          response: { 200: StaffUser },
        },
      },
      async (request) => services.staff.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/staff-users/:id/password',
      {
        config,
        schema: {
          tags,
          summary: 'Set a new password (unlocks the account, ends its sessions)',
          params: IdParams,
          body: ResetPasswordBody,
          response: { 200: StaffUser },
        },
      },
      async (request) =>
        services.staff.resetPassword(actorOf(request), request.params.id, request.body.password),
    );
  };
}
