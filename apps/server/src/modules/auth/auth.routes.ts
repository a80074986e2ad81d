import { ChangePasswordBody, LoginBody, OkBody, ROLE_PERMISSIONS, SessionBody } from '@dltt/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { actorOf, SESSION_COOKIE } from '../../http/access.ts';
import type { Services } from '../../services.ts';

export function authRoutes(services: Services, config: Config): FastifyPluginAsyncZod {
  const cookie = {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    path: '/',
  } as const;

  const sessionBody = (reply: FastifyReply, sessionId: string, user: SessionBody['user']): SessionBody => ({
    user,
    permissions: [...ROLE_PERMISSIONS[user.role]],
    csrfToken: reply.generateCsrf({ userInfo: sessionId }),
  });

  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: {
          access: 'public',
          // Per client address, on top of the per-account lockout in the service.
          rateLimit: { max: config.rateLimitLogin, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Staff sign-in; sets the session cookie',
          body: LoginBody,
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const { token, sessionId, user } = await services.auth.login(
          request.body.username,
          request.body.password,
          {
            requestId: String(request.id),
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          },
        );
        reply.setCookie(SESSION_COOKIE, token, cookie);
        return sessionBody(reply, sessionId, user);
      },
    );

    app.get(
      '/auth/session',
      {
        config: { access: 'console.access', beforePasswordChange: true },
        schema: { tags: ['auth'], summary: 'The signed-in staff member', response: { 200: SessionBody } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return sessionBody(reply, actor.sessionId, await services.auth.currentUser(actor));
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'console.access', beforePasswordChange: true },
        schema: { tags: ['auth'], summary: 'End this session', response: { 200: OkBody } },
      },
      async (request, reply) => {
        await services.auth.logout(actorOf(request));
        reply.clearCookie(SESSION_COOKIE, cookie);
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/password',
      {
        config: {
          access: 'console.access',
          beforePasswordChange: true,
          rateLimit: { max: config.rateLimitLogin, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Change my password (signs out my other sessions)',
          body: ChangePasswordBody,
          response: { 200: OkBody },
        },
      },
      async (request) => {
        await services.auth.changePassword(
          actorOf(request),
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { ok: true as const };
      },
    );
  };
}
