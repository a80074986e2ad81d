import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { operationIdOf, registerOpenApi } from './openapi.ts';

/**
 * /openapi.json as a contract: valid OpenAPI 3, every operation named once, its error answers in the shared error
 * shape, its security scheme from its access rule, shared shapes as components.
 */

interface Operation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: Record<string, string[]>[];
  'x-access'?: string;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content: Record<string, { schema: { $ref?: string } }> }>;
    securitySchemes: Record<string, unknown>;
  };
}

/** Every `$ref` of a value, with where it was found. */
function refsOf(value: unknown, where: string, into: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) refsOf(item, `${where}/${i}`, into);
  } else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push([child, where]);
      else refsOf(child, `${where}/${key}`, into);
    }
  return into;
}

/** The value a local `$ref` (#/a/b/c) points to in the document, or undefined. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

describe('OpenAPI document', () => {
  let t: TestContext;
  let doc: Document;
  const operations: { method: string; path: string; op: Operation }[] = [];
  before(async () => {
    t = await startTestApp();
    const res = await t.app.inject('/openapi.json');
    assert.equal(res.statusCode, 200);
    doc = res.json<Document>();
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) operations.push({ method, path, op });
  });
  after(() => t.close());

  test('is valid OpenAPI 3 (schema and references), checked by swagger-parser', async () => {
    assert.match(doc.openapi, /^3\./);
    assert.ok(operations.length >= 100, `${operations.length} operations`);
    await SwaggerParser.validate(
      structuredClone(doc) as unknown as Parameters<typeof SwaggerParser.validate>[0],
    );
  });

  test('every $ref points at something in the document', () => {
    const refs = refsOf(doc, '#');
    assert.ok(refs.length > 100);
    for (const [ref, where] of refs) assert.ok(resolve(doc, ref) !== undefined, `${where}: ${ref} resolves`);
  });

  test('every operation has a readable operationId, and no two share one', () => {
    const seen = new Map<string, string>();
    for (const { method, path, op } of operations) {
      const id = op.operationId;
      assert.ok(id && /^[a-z][A-Za-z0-9]*$/.test(id), `${method} ${path}: operationId ${id}`);
      assert.equal(seen.get(id), undefined, `${method} ${path} and ${seen.get(id)} share ${id}`);
      seen.set(id, `${method} ${path}`);
    }
    assert.equal(doc.paths['/api/v1/public/reports/{code}']?.get?.operationId, 'getPublicReportsByCode');
  });

  test('every operation but the public ones names its security scheme, which the document defines', () => {
    for (const { method, path, op } of operations) {
      const access = op['x-access'];
      assert.ok(access, `${method} ${path} has x-access`);
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      for (const scheme of schemes) assert.ok(doc.components.securitySchemes[scheme], `${scheme} defined`);
      if (path.startsWith('/open311/') && method === 'post') assert.deepEqual(schemes, ['open311ApiKey']);
      else if (access === 'public') assert.deepEqual(schemes, [], `${method} ${path} is public`);
      else if (access === 'citizen') assert.deepEqual(schemes, ['citizenBearer'], `${method} ${path}`);
      else assert.ok(schemes.includes('staffSession'), `${method} ${path} needs the staff session`);
      if (access !== 'public' && access !== 'citizen' && method !== 'get')
        assert.ok(schemes.includes('csrfToken'), `${method} ${path} needs the CSRF token`);
    }
  });

  test("every operation's error answers are the shared error shape", () => {
    for (const { method, path, op } of operations) {
      const name = `${method} ${path}`;
      const open311 = path.startsWith('/open311/');
      const errors = Object.entries(op.responses).filter(
        ([status]) => status === 'default' || /^[45]/.test(status),
      );
      for (const [status, answer] of errors) {
        const component = answer.$ref && resolve(doc, answer.$ref);
        assert.ok(component, `${name} ${status} refers to a response component`);
        const content = (component as Document['components']['responses'][string]).content;
        for (const media of Object.values(content))
          assert.equal(
            media.schema.$ref,
            open311 ? '#/components/schemas/Open311Errors' : '#/components/schemas/ErrorBody',
            `${name} ${status}`,
          );
      }
      const statuses = errors.map(([status]) => status);
      for (const always of ['500', '503']) assert.ok(statuses.includes(always), `${name} ${always}`);
      if (op.parameters || op.requestBody) assert.ok(statuses.includes('400'), `${name} 400`);
      if (op['x-access'] !== 'public') assert.ok(statuses.includes('401'), `${name} 401`);
      if (path.includes('{')) assert.ok(statuses.includes('404'), `${name} 404`);
    }
    assert.ok(doc.paths['/api/v1/auth/login']?.post?.responses['429'], 'login is rate limited');
    assert.ok(doc.paths['/api/v1/reports']?.post?.responses['429'], 'public writes are rate limited');
    // The error component is the body the error handler sends.
    const error = doc.components.schemas.ErrorBody as { properties: { error: { properties: object } } };
    assert.deepEqual(Object.keys(error.properties.error.properties).sort(), [
      'code',
      'details',
      'message',
      'requestId',
    ]);
  });

  test('shared shapes are components, not copies', () => {
    const ok = (path: string, method: string, status: string) =>
      doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema?.$ref;
    assert.equal(ok('/api/v1/agencies/{id}', 'get', '200'), '#/components/schemas/Agency');
    assert.equal(ok('/api/v1/agencies', 'post', '201'), '#/components/schemas/Agency');
    // A UUID's 170-character pattern is written once, in its component, wherever a plain UUID is taken or given.
    const copies: string[] = [];
    const walk = (value: unknown, where: string) => {
      if (value === null || typeof value !== 'object') return;
      const keys = Object.keys(value).sort().join();
      if (keys === 'format,pattern,type' && (value as { format?: unknown }).format === 'uuid')
        copies.push(where);
      for (const [key, child] of Object.entries(value)) walk(child, `${where}/${key}`);
    };
    walk(doc, '#');
    assert.deepEqual(copies, ['#/components/schemas/Uuid']);
  });
});

describe('OpenAPI conventions on any app', () => {
  test('operationIds come from the method and the path', () => {
    assert.equal(operationIdOf('get', '/api/v1/public/reports/{code}'), 'getPublicReportsByCode');
    assert.equal(operationIdOf('post', '/api/v1/staff-users/{id}/password'), 'postStaffUsersByIdPassword');
    assert.equal(operationIdOf('get', '/open311/v2/requests.xml'), 'getOpen311RequestsXml');
    assert.equal(
      operationIdOf('delete', '/api/v1/staff/reports/{code}/photos/{photo_id}'),
      'deleteStaffReportsByCodePhotosByPhotoId',
    );
  });

  test("a route's own operationId wins", async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await registerOpenApi(app);
    app.get(
      '/api/v1/things/:id',
      {
        config: { access: 'public' },
        schema: { operationId: 'readThing', params: z.object({ id: z.uuid() }) },
      },
      async () => ({}),
    );
    app.get('/api/v1/things', { config: { access: 'public' } }, async () => ({}));
    await app.ready();
    const doc = (await app.inject('/openapi.json')).json<Document>();
    assert.equal(doc.paths['/api/v1/things/{id}']?.get?.operationId, 'readThing');
    assert.equal(doc.paths['/api/v1/things']?.get?.operationId, 'getThings');
    await app.close();
  });
});
