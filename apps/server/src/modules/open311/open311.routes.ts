import fastifyFormbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { requestLang, toAppError } from '../../http/error-handler.ts';
import type { Services } from '../../services.ts';
import { type Format, type Open311Value, render } from './open311.format.ts';
import { hashKey, PostRequestBody, RequestsQuery, UpdatesQuery } from './open311.service.ts';

const FORMATS: Format[] = ['json', 'xml'];
const FileParams = z.object({ file: z.string().max(200) });

/** `PA-2026-000123.xml` -> ['PA-2026-000123', 'xml']; another suffix is an unknown path. */
function splitFile(file: string): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m?.[1]) throw new AppError('NOT_FOUND');
  return [m[1], m[2] as Format];
}

const formatOf = (request: FastifyRequest): Format => (/\.xml(\?|$)/.test(request.url) ? 'xml' : 'json');

/** Unknown paths under /open311/ answer in the spec's error shape (called by the app's not-found handler). */
export function sendOpen311NotFound(request: FastifyRequest, reply: FastifyReply) {
  reply.status(404);
  return send(reply, formatOf(request), {
    root: 'errors',
    item: 'error',
    body: [{ code: 404, description: new AppError('NOT_FOUND').messageIn(requestLang(request)) }],
  });
}

function send(reply: FastifyReply, format: Format, doc: { root: string; item?: string; body: Open311Value }) {
  const { contentType, payload } = render(format, doc);
  return reply.type(contentType).send(payload);
}

/**
 * Open311 GeoReport v2 at /open311/v2/ (JSON and XML by suffix). Errors in the spec's shape: a list of
 * {code, description} where code is the HTTP status; 404 unknown id or code, 403 bad api_key, 400 otherwise.
 */
export function open311Routes(services: Services, config: Config): FastifyPluginAsyncZod {
  const tags = ['open311'];
  const o = services.open311;
  return async (app) => {
    await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
    // Wrong keys are counted per address: guessing keys costs a key check each, and a client with a bad key
    // configured would otherwise hammer the server forever. Successful checks are not counted here.
    const keyFailures = app.createRateLimit({
      max: config.open311KeyFailures,
      timeWindow: '15 minutes',
      keyGenerator: (request) => `open311-key-failures:${request.ip}`,
    });
    const checkKey = async (request: FastifyRequest) => {
      const seen = await keyFailures(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) throw new AppError('RATE_LIMITED');
      try {
        await o.checkKey((request.body as { api_key?: unknown } | null)?.api_key);
      } catch (error) {
        if (error instanceof AppError && error.status === 403) await keyFailures(request);
        throw error;
      }
    };

    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'open311 request failed');
      let description = appError.messageIn(requestLang(request));
      const details = appError.details;
      if (appError.code === 'VALIDATION_FAILED' && Array.isArray(details))
        description += ` (${details.map((d: { path?: string }) => d.path?.replace(/^body\.|^querystring\./, '')).join(', ')})`;
      else if (details && typeof details === 'object' && 'attribute' in details)
        description += ` (attribute[${String(details.attribute)}]: ${String((details as { problem?: string }).problem)})`;
      reply.status(appError.status);
      return send(reply, formatOf(request), {
        root: 'errors',
        item: 'error',
        body: [{ code: appError.status, description }],
      });
    });
    for (const format of FORMATS) {
      app.get(
        `/discovery.${format}`,
        { config: { access: 'public' }, schema: { tags, summary: `Service discovery (${format})` } },
        async (_request, reply) => send(reply, format, { root: 'discovery', body: o.discovery() }),
      );
      app.get(
        `/services.${format}`,
        {
          config: { access: 'public' },
          schema: { tags, summary: `Service list: report categories (${format})` },
        },
        async (_request, reply) =>
          send(reply, format, { root: 'services', item: 'service', body: await o.services() }),
      );
      app.get(
        `/requests.${format}`,
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: `Service requests, public fields only (${format})`,
            querystring: RequestsQuery,
          },
        },
        async (request, reply) =>
          send(reply, format, {
            root: 'service_requests',
            item: 'request',
            body: await o.list(request.query),
          }),
      );
      app.post(
        `/requests.${format}`,
        {
          config: {
            access: 'public',
            // Per API key, counted once the form is parsed; requests without a key share their address's bucket.
            rateLimit: {
              max: config.open311RateLimit,
              timeWindow: '1 minute',
              hook: 'preHandler',
              keyGenerator: (request: FastifyRequest) => {
                const key = (request.body as { api_key?: unknown } | undefined)?.api_key;
                return typeof key === 'string'
                  ? `open311:${hashKey(key).toString('hex')}`
                  : `open311-ip:${request.ip}`;
              },
            },
          },
          schema: {
            tags,
            summary: `File a service request (form-urlencoded, api_key required) (${format})`,
            body: PostRequestBody,
          },
          preValidation: checkKey,
        },
        async (request, reply) => {
          reply.status(201);
          return send(reply, format, {
            root: 'service_requests',
            item: 'request',
            body: await o.create(request.body),
          });
        },
      );
      app.get(
        `/servicerequestupdates.${format}`,
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: `Public status updates since a date (mySociety extension) (${format})`,
            querystring: UpdatesQuery,
          },
        },
        async (request, reply) =>
          send(reply, format, {
            root: 'service_request_updates',
            item: 'request_update',
            body: await o.updates(request.query),
          }),
      );
    }

    app.get(
      '/services/:file',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Service definition: the attributes of a category ({service_code}.json|xml)',
          params: FileParams,
        },
      },
      async (request, reply) => {
        const [code, format] = splitFile(request.params.file);
        return send(reply, format, { root: 'service_definition', body: await o.definition(code) });
      },
    );
    app.get(
      '/requests/:file',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'One service request ({service_request_id}.json|xml), as a list of one',
          params: FileParams,
          querystring: z.object({ extensions: z.enum(['true', 'false']).optional() }),
        },
      },
      async (request, reply) => {
        const [code, format] = splitFile(request.params.file);
        const body = await o.get(code, request.query.extensions === 'true');
        return send(reply, format, { root: 'service_requests', item: 'request', body });
      },
    );
    app.get(
      '/tokens/:file',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'The service_request_id of a token ({token}.json|xml)', params: FileParams },
      },
      async (request, reply) => {
        const [token, format] = splitFile(request.params.file);
        return send(reply, format, { root: 'service_requests', item: 'request', body: await o.token(token) });
      },
    );
  };
}
