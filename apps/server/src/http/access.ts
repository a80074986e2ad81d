import { type Permission, type Role, roleHas } from '@dltt/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Who may call a route. Every `/api/` route must declare one (checked when routes are registered):
 * `public` for anyone, `citizen` for a citizen's device or Zalo identity (bearer token), or the permission a
 * staff member's role must carry.
 */
export type RouteAccess = 'public' | 'citizen' | Permission;

/** The signed-in staff member behind a request, as every service sees them. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  agencyId: string | null;
  sessionId: string;
  requestId: string;
  ip: string;
}

/** A signed-in staff member as their session cookie shows them. */
export interface SessionActor extends Actor {
  /** A password someone else set (the admin, or generated): until replaced, only the routes marked so answer. */
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Answers a staff member who must still replace their password (session, password change, logout). */
    beforePasswordChange?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
    citizen: CitizenPrincipal | null;
  }
}

/** The citizen behind a request with a valid bearer token. */
export interface CitizenPrincipal {
  citizenId: string;
}

export const SESSION_COOKIE = 'dltt_sid';

export interface AccessOptions {
  /** Resolves the session cookie to an actor (or null when absent, expired or revoked). */
  resolveSession(token: string, request: FastifyRequest): Promise<SessionActor | null>;
  /** Resolves a citizen's bearer token (or null when unknown). */
  resolveCitizen(token: string): Promise<CitizenPrincipal | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAccessControl(app: FastifyInstance, options: AccessOptions) {
  app.decorateRequest('actor', null);
  app.decorateRequest('citizen', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
  });

  // Authentication and authorisation come first, before the body is even parsed: an anonymous caller gets
  // 401 and a wrong role 403, never a validation error that describes the route's schema.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await options.resolveSession(token, request) : null;
    request.actor = session;
    const { access, beforePasswordChange } = request.routeOptions.config;
    if (!access || access === 'public') return;
    if (access === 'citizen') {
      const bearer = bearerTokenOf(request);
      request.citizen = bearer ? await options.resolveCitizen(bearer) : null;
      if (!request.citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
      return;
    }
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (!roleHas(request.actor.role, access)) throw new AppError('FORBIDDEN');
    if (session?.mustChangePassword && !beforePasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  // Only public answers may be kept by a browser or a proxy: a staff report carries the reporter's phone, a
  // citizen's booking their name, and a shared computer's cache would hand them to the next person. Streams keep
  // `no-transform` (a proxy must not buffer or compress them).
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.access === 'public') return payload;
    const current = reply.getHeader('cache-control');
    const stream = typeof current === 'string' && current.includes('no-transform');
    reply.header('cache-control', stream ? 'no-store, no-transform' : 'no-store');
    return payload;
  });

  // Cookie-authenticated writes need the session's CSRF token (x-csrf-token header); a wrong one ends the
  // request with CSRF_INVALID before validation or the handler run.
  // Citizen routes use a bearer header, which a cross-site page cannot send: no CSRF token needed there.
  app.addHook('preValidation', (request, reply, done) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public' || access === 'citizen' || SAFE_METHODS.has(request.method))
      return done();
    app.csrfProtection(request, reply, done);
  });
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/**
 * The citizen bearer token of `Authorization: Bearer <token>`, or undefined when the header is absent or has any
 * other shape (such a header is simply not a citizen token).
 */
export function bearerTokenOf(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/** The citizen of a request that passed the `citizen` access rule. */
export function citizenOf(request: FastifyRequest): CitizenPrincipal {
  if (!request.citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
  return request.citizen;
}

/** The actor of a request that passed a staff access rule. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
