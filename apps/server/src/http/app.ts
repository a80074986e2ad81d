import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { agencyRoutes } from '../modules/agencies/agencies.routes.ts';
import { bookingRoutes } from '../modules/appointments/bookings.routes.ts';
import { centreRoutes } from '../modules/appointments/centres.routes.ts';
import { queueRoutes } from '../modules/appointments/queue.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { categoryRoutes } from '../modules/categories/categories.routes.ts';
import { citizenRoutes } from '../modules/citizens/citizens.routes.ts';
import { communeRoutes } from '../modules/communes/communes.routes.ts';
import { open311Routes, sendOpen311NotFound } from '../modules/open311/open311.routes.ts';
import { open311AdminRoutes } from '../modules/open311/open311-admin.routes.ts';
import { landUseCodeRoutes } from '../modules/planning/land-use-codes.routes.ts';
import { planningDatasetRoutes } from '../modules/planning/planning-datasets.routes.ts';
import { planningImportRoutes } from '../modules/planning/planning-imports.routes.ts';
import { planningLookupRoutes } from '../modules/planning/planning-lookup.routes.ts';
import { reportHandlingRoutes } from '../modules/reports/report-handling.routes.ts';
import { reportPhotoRoutes } from '../modules/reports/report-photos.routes.ts';
import { reportPublicRoutes } from '../modules/reports/report-public.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { responseTemplateRoutes } from '../modules/reports/response-templates.routes.ts';
import { routingRoutes } from '../modules/routing/routing.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { siteRoutes } from '../modules/site/site.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import { zaloRoutes } from '../modules/zalo/zalo.routes.ts';
import { zaloNotificationRoutes } from '../modules/zalo/zalo-notifications.routes.ts';
import { readProvinceCode } from '../seed.ts';
import { createServices, type Services } from '../services.ts';
import { registerAccessControl } from './access.ts';
import { registerCompression } from './compression.ts';
import { frameworkErrorHandler, registerErrorHandling, sendError } from './error-handler.ts';
import { registerTextGuard } from './input-text.ts';
import { registerObservability } from './observability.ts';
import { registerOpenApi } from './openapi.ts';
import { registerSse } from './sse.ts';
import { registerStaticApps } from './static.ts';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Server secret (cookie signing, CSRF tokens); see bootstrap.ts. */
  secretKey: Buffer;
  clock?: Clock;
  /** Pino logger options; tests pass `false` to keep output quiet. */
  logger?: boolean | object;
}

export type App = FastifyInstance & { services: Services };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Credentials pino must never print, should a log line ever carry request headers or bodies (the default
 * request serializer logs neither): bearer tokens, cookies, and the Zalo tokens, codes and app secret.
 */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.access_token',
  'req.headers.code',
  'req.headers.secret_key',
  'req.body.accessToken',
  'req.body.code',
  'req.body.password',
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'headers.access_token',
  'headers.code',
  'headers.secret_key',
  'body.accessToken',
  'body.code',
  'body.password',
  '*.appSecret',
  '*.oaRefreshToken',
  '*.secretAccessKey',
];

/** The app's pino options: `level` and LOG_REDACT, under whatever a caller (tests, main.ts) passes. */
export function loggerOptions(given: boolean | object | undefined, level: string): boolean | object {
  if (given === false) return false;
  const base = { level, redact: { paths: LOG_REDACT, censor: '[redacted]' } };
  return typeof given === 'object' ? { ...base, ...given } : base;
}

/** The body limit of every route that does not set its own (photos and boundary imports do). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Builds the whole HTTP application; listening, jobs and signals are main.ts's business. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: loggerOptions(options.logger, config.logLevel),
    trustProxy: config.trustProxy,
    // What the largest JSON form takes (a centre with its fields and counters, a report's 4000 characters) with
    // room to spare; parsing a hostile body costs in proportion to its size. Uploads and imports set their own.
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Keep the caller's request id when it looks like one, so logs join up across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // While shutting down, answers in flight tell keep-alive clients to hang up, so close() does not wait
  // for idle sockets to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...config.mapTileOrigins],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // Tiles, photos and camera snapshots may come from other origins later; COEP would block them.
    crossOriginEmbedderPolicy: false,
    hsts: config.secureCookies,
  });
  // Before any route: the plugin hooks each route as it is added.
  await registerCompression(app);
  // The Zalo Mini App is served from Zalo's hosts and calls the API cross-origin with a bearer token. Cookies
  // never cross (no credentials), so the console's cookie session stays same-origin only.
  const corsOrigins = new Set(config.corsOrigins);
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && corsOrigins.has(origin)),
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'accept-language', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  await app.register(fastifyCookie, { secret: options.secretKey.toString('base64') });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'dltt_csrf',
    cookieOpts: { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', signed: true },
    getUserInfo: (request) => request.actor?.sessionId ?? '',
    csrfOpts: { hmacKey: options.secretKey, userInfo: true },
  });
  // Every public or citizen write (reports, photos, bookings, sign-in...) is rate-limited per client address
  // unless the route sets a limit of its own. This hook must run before the rate-limit plugin reads the route config.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const writes = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
    const open = route.config?.access === 'public' || route.config?.access === 'citizen';
    if (open && writes && route.config?.rateLimit === undefined) {
      route.config = {
        ...route.config,
        rateLimit: { max: config.rateLimitPublicWrites, timeWindow: '1 minute' },
      };
    }
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await registerOpenApi(app);

  const provinceCode = await readProvinceCode(config.referenceDir);
  const services = createServices({ config, database, clock, provinceCode, secretKey: options.secretKey });
  registerAccessControl(app, {
    resolveSession: (token, request) =>
      services.auth.resolveSession(token, { requestId: String(request.id), ip: request.ip }),
    resolveCitizen: (token) => services.citizens.resolveToken(token),
  });
  registerTextGuard(app);
  registerObservability(app, database, { collectDefaults: config.env !== 'test', metrics: config.metrics });

  const sse = registerSse(app);
  await app.register(
    async (api) => {
      await api.register(siteRoutes(config));
      await api.register(authRoutes(services, config));
      await api.register(staffRoutes(services));
      await api.register(agencyRoutes(services));
      await api.register(categoryRoutes(services));
      await api.register(communeRoutes(services));
      await api.register(auditRoutes(services));
      await api.register(citizenRoutes(services));
      await api.register(zaloRoutes(services));
      await api.register(zaloNotificationRoutes(services));
      await api.register(routingRoutes(services));
      await api.register(setupRoutes(services));
      await api.register(reportRoutes(services));
      await api.register(reportPhotoRoutes(services));
      await api.register(reportHandlingRoutes(services, sse));
      await api.register(reportPublicRoutes(services));
      await api.register(responseTemplateRoutes(services));
      await api.register(calendarRoutes(services));
      await api.register(open311AdminRoutes(services));
      await api.register(centreRoutes(services));
      await api.register(bookingRoutes(services));
      await api.register(queueRoutes(services, sse, config.kioskRateLimit));
      await api.register(planningImportRoutes(services, config.planning.maxUploadBytes));
      await api.register(landUseCodeRoutes(services));
      await api.register(planningDatasetRoutes(services));
      await api.register(planningLookupRoutes(services));
    },
    { prefix: '/api/v1' },
  );
  await app.register(open311Routes(services, config), { prefix: '/open311/v2' });

  const spaFallback = await registerStaticApps(app, config.staticDirs);
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/open311/')) return sendOpen311NotFound(request, reply);
    if (spaFallback(request, reply)) return;
    return sendError(request, reply, new AppError('ROUTE_NOT_FOUND'));
  };
  // A request for no route is answered before its body is read: nobody pays for parsing what nothing takes.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || request.method === 'GET' || request.method === 'HEAD') return;
    await notFound(request, reply);
    return reply;
  });
  app.setNotFoundHandler(notFound);

  return Object.assign(app, { services }) as unknown as App;
}
