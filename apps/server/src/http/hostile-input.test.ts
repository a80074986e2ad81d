import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { render } from '../modules/open311/open311.format.ts';
import { ADMIN, login, startTestApp, type TestContext } from '../testing/harness.ts';
import { BMT, type CitizenAuth, reportKit } from '../testing/reports.ts';
import { notXmlChars } from '../testing/xml.ts';

/**
 * Whatever a stranger sends to any route open to citizens or to anyone (taken from /openapi.json, so a new route
 * is covered the day it is added): strings with NUL, C0/C1 controls, lone surrogates, right-to-left marks, 10 000
 * characters; extreme numbers; deep nesting; objects where text belongs. Never a 5xx; whatever gets stored stays
 * valid JSON and XML 1.0.
 */

const SPECIALS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u009F',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uD800',
  '\u200E',
  '\u200F',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\uFFFE',
  '\uFFFF',
  '🚧',
  'Đắk Lắk',
  "'; drop table reports; --",
  '%00',
  '../../etc/passwd',
  '<x>&amp;</x>',
];

/** Text as hostile as we can make it, from a few characters to 10 000. */
const hostileString = fc.oneof(
  fc.constantFrom(...SPECIALS),
  fc
    .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'binary', maxLength: 8 })), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SPECIALS).map((s) => `${'ạ'.repeat(9_990)}${s}`),
  fc.constant('x'.repeat(10_000)),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 2 ** 53, -(2 ** 63), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
);

/** Any JSON value, nested a few levels, with hostile keys and leaves; sometimes 2 000 levels deep. */
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
    fc.constant(JSON.parse(`${'['.repeat(2_000)}${']'.repeat(2_000)}`)),
  ),
}));

interface Operation {
  method: string;
  path: string;
  access: 'public' | 'citizen';
  pathParams: string[];
  queryParams: string[];
  bodyProperties: string[] | null;
}

type OpenApiOperation = {
  'x-access'?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> };
};
type OpenApiSchema = { $ref?: string; properties?: Record<string, unknown> };

/**
 * A URL segment or header value as a client can send it: percent-encoded UTF-8 (a lone surrogate cannot be
 * encoded, so it goes as U+FFFD), or raw escapes that are not UTF-8 at all.
 */
const urlPart = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'))),
  fc.constantFrom('%ED%A0%80', '%C0%AF', '%FF%FE', '%', '%zz', '%00', '..%2F..%2F'),
);

describe('hostile input on every public and citizen route', () => {
  let t: TestContext;
  let citizen: CitizenAuth;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  let apiKey: string;
  let operations: Operation[];

  before(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT_PUBLIC_WRITES: '100000', OPEN311_RATE_LIMIT: '100000', KIOSK_RATE_LIMIT: '100000' },
    });
    kit = await reportKit(t);
    citizen = await kit.newCitizen();
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Thử dữ liệu xấu', contact: 'test@example.vn' },
    });
    apiKey = issued.json().apiKey;
    const doc = (await t.app.inject('/openapi.json')).json<{
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { schemas: Record<string, OpenApiSchema> };
    }>();
    // A body named in the contracts is a reference to its component.
    const resolve = (schema: OpenApiSchema | undefined) =>
      schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
    operations = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      // An event stream that opens stays open: its ids are checked by the non-stream twin of each route.
      if (path.endsWith('/stream')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const access = op['x-access'];
        if (access !== 'public' && access !== 'citizen') continue;
        const params = op.parameters ?? [];
        const json = resolve(op.requestBody?.content['application/json']?.schema);
        operations.push({
          method: method.toUpperCase(),
          path,
          access,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          bodyProperties: json ? Object.keys(json.properties ?? {}) : null,
        });
      }
    }
  });
  after(() => t.close());

  test('the route table gives enough to try', () => {
    assert.ok(operations.length >= 50, `${operations.length} operations`);
    assert.ok(operations.some((o) => o.path === '/api/v1/reports' && o.method === 'POST'));
    assert.ok(operations.some((o) => o.path.startsWith('/open311/v2/requests') && o.method === 'POST'));
  });

  test('no route answers 5xx, whatever the path, query and body hold', async () => {
    for (const op of operations) {
      const request = fc.record({
        path: fc.tuple(...op.pathParams.map(() => urlPart)),
        query: fc.tuple(...op.queryParams.map(() => fc.option(hostileString, { nil: undefined }))),
        body: op.bodyProperties
          ? fc.oneof(
              fc
                .tuple(...op.bodyProperties.map(() => fc.option(hostileValue, { nil: undefined })))
                .map((values) =>
                  Object.fromEntries(
                    (op.bodyProperties ?? []).flatMap((name, i) =>
                      values[i] === undefined ? [] : [[name, values[i]]],
                    ),
                  ),
                ),
              hostileValue,
            )
          : fc.constant(undefined),
        key: urlPart,
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ path, query, body, key }) => {
          let url = op.path;
          op.pathParams.forEach((name, i) => {
            url = url.replace(`{${name}}`, path[i] ?? '');
          });
          const search = new URLSearchParams();
          op.queryParams.forEach((name, i) => {
            const value = query[i];
            if (value !== undefined) search.append(name, value);
          });
          if (search.size > 0) url += `?${search}`;
          const headers: Record<string, string> = {
            ...(op.access === 'citizen' ? citizen : {}),
            'idempotency-key': key.slice(0, 120),
          };
          const res = await t.app.inject({
            method: op.method as 'GET',
            url,
            headers,
            ...(body === undefined
              ? {}
              : {
                  payload: JSON.stringify(body),
                  headers: { ...headers, 'content-type': 'application/json' },
                }),
          });
          assert.ok(
            res.statusCode < 500,
            `${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
        }),
        { numRuns: 12 },
      );
    }
  });

  test('a report or an Open311 request with hostile text in each field: 201 or a 4xx, stored text stays valid', async () => {
    const photos = await Promise.all(Array.from({ length: 3 }, () => kit.photo(citizen)));
    let photoIndex = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('description', 'address', 'contactPhone'),
        hostileString,
        async (field, text) => {
          const photo = photoIndex < photos.length ? photos[photoIndex] : await kit.photo(citizen);
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/reports',
            headers: { ...citizen, 'idempotency-key': randomUUID() },
            payload: {
              categoryId: kit.categories['ha-tang-do-thi'],
              location: { ...BMT, accuracy: 12, source: 'gps' },
              description: 'Đèn đường bị tắt.',
              consent: true,
              photoIds: [photo],
              [field]: text,
            },
          });
          assert.ok(res.statusCode === 201 || (res.statusCode >= 400 && res.statusCode < 500), res.body);
          if (res.statusCode === 201) photoIndex++;
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('description', 'address_string', 'first_name', 'attribute[loai_su_co]', 'device_id'),
        hostileString,
        async (field, text) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/open311/v2/requests.json',
            payload: {
              api_key: apiKey,
              service_code: 'an-toan-giao-thong',
              lat: BMT.lat,
              long: BMT.lng,
              description: 'Biển báo bị đổ.',
              [field]: text,
            },
          });
          assert.ok(res.statusCode === 201 || (res.statusCode >= 400 && res.statusCode < 500), res.body);
        },
      ),
      { numRuns: 60 },
    );

    const stored = await t.database.db
      .selectFrom('reports')
      .select(['description', 'address_text', 'contact_phone'])
      .execute();
    assert.ok(stored.length >= 5, `${stored.length} reports stored`);
    for (const row of stored) {
      for (const text of [row.description, row.address_text, row.contact_phone]) {
        if (text === null) continue;
        assert.equal(JSON.parse(JSON.stringify(text)), text);
        assert.deepEqual(notXmlChars(text), [], 'only XML 1.0 characters are stored');
        const xml = render('xml', { root: 'report', body: { description: text } }).payload;
        assert.equal(XMLValidator.validate(xml), true);
      }
    }
  });
});
