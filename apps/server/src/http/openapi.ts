import * as contracts from '@dltt/contracts';
import fastifySwagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './access.ts';

/**
 * The API description served at /openapi.json (and /docs), built from the routes' zod schemas, with what every
 * route shares added here rather than in each route: an operationId, the error answers in the one error shape,
 * the security scheme of its access rule, and the contracts' named schemas as components referenced by `$ref`.
 */

/** Component names of the shared shapes (contracts' ErrorBody; Open311's list of {code, description}). */
const ERROR_SCHEMA = 'ErrorBody';
const OPEN311_ERROR_SCHEMA = 'Open311Errors';

/** Security scheme names, one per way of being let in. */
const SCHEMES = {
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Staff session cookie, set by POST /api/v1/auth/login (same origin only).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description:
      "Staff writes (every method but GET and HEAD) also send the session's CSRF token, returned by the login " +
      'and session answers (csrfToken), next to the dltt_csrf cookie.',
  },
  citizenBearer: {
    type: 'http',
    scheme: 'bearer',
    description: "A citizen's device token (Authorization: Bearer …), issued by the citizen sign-in routes.",
  },
  open311ApiKey: {
    type: 'apiKey',
    in: 'query',
    name: 'api_key',
    description:
      'Open311 GeoReport v2 key, issued by an administrator (API clients). As the spec says, it is sent as the ' +
      'api_key field of the form-urlencoded body of POST requests (OpenAPI 3.0 has no place for a key in a body; ' +
      'this server reads it from the body only).',
  },
} as const;

/** The error answers an operation may give, by status: what each means for every route that lists it. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'The input is invalid (code VALIDATION_FAILED with details, or a rule of the operation).',
  '401': 'Not signed in, or the session or token is no longer valid.',
  '403': 'Signed in without the permission this operation needs (or a missing CSRF token, a bad api_key).',
  '404': 'Nothing with this identifier.',
  '429': 'Too many requests: wait for the retry-after header.',
  '500': 'Unexpected server error (logged with the request id).',
  '503': 'The database is unavailable for a moment: repeat after the retry-after header.',
  default: 'Any other error answer, in the same shape with its own code.',
};

/** An operation of the document, as far as this file reads or writes it. */
interface Operation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: Record<string, string[]>[];
  'x-access'?: string;
  'x-errors'?: string[];
  [key: string]: unknown;
}

interface Document {
  paths?: Record<string, Record<string, Operation> | undefined>;
  components?: {
    schemas?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    securitySchemes?: Record<string, unknown>;
  };
  [key: string]: unknown;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Every zod schema the contracts export becomes a component named after its export, once per process:
 * a shape used by several routes is then written once and referenced. A schema already named (`.meta({ id })`
 * in the contracts) keeps its name.
 */
function registerContractSchemas() {
  for (const [name, value] of Object.entries(contracts)) {
    if (!(value instanceof z.ZodType) || z.globalRegistry.has(value)) continue;
    z.globalRegistry.add(value, { id: name });
  }
}
registerContractSchemas();

const inlineCopies = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A route's params, querystring and headers schemas stay written out in the operation: the plugin turns them
 * into parameters only from an inline object (a `$ref` there would lose them). Their nested shapes stay
 * references; a request body may be a reference.
 */
function inlined(schema: unknown): unknown {
  if (!(schema instanceof z.ZodObject) || !z.globalRegistry.get(schema)?.id) return schema;
  let copy = inlineCopies.get(schema);
  if (!copy) {
    copy = schema.safeExtend({});
    inlineCopies.set(schema, copy);
  }
  return copy;
}

const zodTransform = createJsonSchemaTransform({});
const zodTransformObject = createJsonSchemaTransformObject({});

function isRateLimited(route: RouteOptions): boolean {
  const limit = route.config?.rateLimit;
  return limit !== undefined && limit !== false;
}

/** The error statuses a route can answer, from what it declares: input, access rule, path parameters, limits. */
function errorStatuses(route: RouteOptions, schema: FastifySchema, needsApiKey: boolean): string[] {
  const access = route.config?.access;
  const hasInput = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
  const statuses: string[] = [];
  if (hasInput) statuses.push('400');
  if (access && access !== 'public') statuses.push('401');
  if ((access && access !== 'public' && access !== 'citizen') || needsApiKey) statuses.push('403');
  if (route.url.includes(':')) statuses.push('404');
  if (isRateLimited(route) || needsApiKey) statuses.push('429');
  statuses.push('500', '503', 'default');
  return statuses;
}

const isOpen311 = (url: string) => url.startsWith('/open311/');

/** Who may call it (x-access), how (security), and which errors it documents (x-errors, resolved below). */
const transform: SwaggerTransform = (input) => {
  const schema: FastifySchema = input.schema ?? {};
  const prepared = {
    ...schema,
    ...(schema.params ? { params: inlined(schema.params) } : {}),
    ...(schema.querystring ? { querystring: inlined(schema.querystring) } : {}),
    ...(schema.headers ? { headers: inlined(schema.headers) } : {}),
  };
  const out = zodTransform({ ...input, schema: prepared });
  const transformed = out.schema as FastifySchema & Record<string, unknown>;
  if (transformed.hide) return out;
  const { route } = input;
  const access = route.config?.access;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  // Open311 writes need the client's api_key (checked before validation); reads are open.
  const needsApiKey = isOpen311(route.url) && methods.includes('POST');
  const staffWrite = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
  const security: Record<string, string[]>[] | undefined =
    access === 'citizen'
      ? [{ citizenBearer: [] }]
      : needsApiKey
        ? [{ open311ApiKey: [] }]
        : access && access !== 'public'
          ? [staffWrite ? { staffSession: [], csrfToken: [] } : { staffSession: [] }]
          : undefined;
  return {
    ...out,
    schema: {
      ...transformed,
      ...(access ? { 'x-access': access } : {}),
      ...(security ? { security } : {}),
      'x-errors': errorStatuses(route, schema, needsApiKey),
    },
  };
};

/** `getPublicReportsByCode` for GET /api/v1/public/reports/{code}: the method, then the path's words. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '/')
    .replace(/^\/open311\/v2\//, '/open311/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param?.[1] ? ['by', ...param[1].split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [method.toLowerCase(), ...words]
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

function errorResponse(status: string, schemaName: string, open311: boolean) {
  const schema = { $ref: `#/components/schemas/${schemaName}` };
  return {
    description: ERROR_RESPONSES[status] ?? 'Error.',
    content: open311
      ? { 'application/json': { schema }, 'text/xml': { schema } }
      : { 'application/json': { schema } },
  };
}

/** The name of the response component for a status, e.g. Error400, Open311Error404, ErrorDefault. */
const responseName = (status: string, open311: boolean) =>
  `${open311 ? 'Open311Error' : 'Error'}${status === 'default' ? 'Default' : status}`;

/** Strings whose zod schema carries a long pattern (a UUID's is 170 characters), used all over the API. */
const FORMATS: Record<string, string> = { uuid: 'Uuid', date: 'IsoDate', 'date-time': 'IsoDateTime' };

/**
 * Replaces each plain copy of a formatted string ({type: string, format, pattern} and nothing else) with a
 * reference to one component, and returns those components. A copy with anything more (nullable, a
 * description) stays as it is.
 */
function hoistFormats(value: unknown, found: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => hoistFormats(item, found));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const name = typeof record.format === 'string' ? FORMATS[record.format] : undefined;
  if (name && record.type === 'string' && keys.length === 3 && typeof record.pattern === 'string') {
    const known = found[name] as { pattern?: unknown } | undefined;
    if (!known || known.pattern === record.pattern) {
      found[name] = record;
      return { $ref: `#/components/schemas/${name}` };
    }
    return record;
  }
  return Object.fromEntries(keys.map((key) => [key, hoistFormats(record[key], found)]));
}

/** Every `$ref` under a value. */
function collectRefs(value: unknown, into: Set<string>) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child);
      else collectRefs(child, into);
    }
  }
}

/** Drops the components nothing refers to (the registry holds every contract schema, as input and output). */
function pruneComponents(doc: Document) {
  const components = doc.components ?? {};
  const reachable = new Set<string>();
  const pending: string[] = [];
  const visit = (value: unknown) => {
    const refs = new Set<string>();
    collectRefs(value, refs);
    for (const ref of refs)
      if (!reachable.has(ref)) {
        reachable.add(ref);
        pending.push(ref);
      }
  };
  visit(doc.paths);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const match = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref);
    if (match?.[1] && match[2]) visit(components[match[1] as 'schemas' | 'responses']?.[match[2]]);
  }
  for (const kind of ['schemas', 'responses'] as const) {
    const group = components[kind];
    if (!group) continue;
    for (const name of Object.keys(group))
      if (!reachable.has(`#/components/${kind}/${name}`)) delete group[name];
  }
}

const transformObject: SwaggerTransformObject = (input) => {
  const doc = structuredClone(zodTransformObject(input)) as Document;
  const responses: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const open311 = isOpen311(path);
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const { 'x-errors': errors = [], ...rest } = operation;
      const answers: Record<string, unknown> = { ...rest.responses };
      for (const status of errors) {
        const name = responseName(status, open311);
        responses[name] ??= errorResponse(status, open311 ? OPEN311_ERROR_SCHEMA : ERROR_SCHEMA, open311);
        answers[status] ??= { $ref: `#/components/responses/${name}` };
      }
      item[method] = {
        ...rest,
        operationId: rest.operationId ?? operationIdOf(method, path),
        responses: answers,
      };
    }
  }
  doc.components = {
    ...doc.components,
    schemas: {
      ...doc.components?.schemas,
      [OPEN311_ERROR_SCHEMA]: {
        type: 'array',
        description: 'Open311 errors: a list of {code, description}; code is the HTTP status.',
        xml: { name: 'errors', wrapped: true },
        items: {
          type: 'object',
          xml: { name: 'error' },
          properties: { code: { type: 'integer' }, description: { type: 'string' } },
          required: ['code', 'description'],
        },
      },
    },
    responses: { ...doc.components?.responses, ...responses },
  };
  const formats: Record<string, unknown> = {};
  const hoisted = hoistFormats({ paths: doc.paths, schemas: doc.components.schemas }, formats) as Pick<
    Document,
    'paths'
  > & { schemas: Record<string, unknown> };
  doc.paths = hoisted.paths;
  doc.components.schemas = { ...hoisted.schemas, ...formats };
  pruneComponents(doc);
  return doc as ReturnType<SwaggerTransformObject>;
};

/** Registers the document builder, GET /openapi.json and the reference page at /docs. */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Đắk Lắk Trực Tuyến API',
        description: 'JSON API of the citizen app and the staff console.',
        version: '1',
      },
      // Here, not in transformObject: the plugin reads them while it builds each operation.
      components: { securitySchemes: SCHEMES },
    },
    // Each operation names who may call it (x-access: public, citizen or a staff permission), so API users, and
    // the privacy test that scans every public answer, read it from the document.
    transform,
    transformObject,
  });
  // The reference page lives under the app's own CSP (helmet): swagger-ui's static CSP would add
  // upgrade-insecure-requests and break /docs on plain-http deployments.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: false });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
