import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ADMIN, login, type StaffSession, startTestApp, type TestContext } from '../testing/harness.ts';
import { BMT, type CitizenAuth, reportKit } from '../testing/reports.ts';
import { findDisallowedText } from './input-text.ts';

describe('findDisallowedText', () => {
  test('names the first value or key holding a control character, at any depth', () => {
    assert.equal(findDisallowedText({ a: ['ok', { b: 'Đắk Lắk\n\t' }] }, 'body'), null);
    assert.deepEqual(findDisallowedText({ a: ['ok', { b: 'x\u000by' }] }, 'body'), {
      path: 'body.a.1.b',
      character: 'U+000B',
    });
    assert.deepEqual(findDisallowedText({ 'k\u0000': 1 }, 'body'), { path: 'body.k?', character: 'U+0000' });
    assert.equal(findDisallowedText(Buffer.from([0, 1, 2]), 'body'), null, 'binary uploads are not text');
    // A raw upload's body is the request stream, whose objects refer to each other (socket ↔ request).
    const stream = Object.assign(new PassThrough(), { note: 'x\u0001' });
    Object.assign(stream, { self: stream });
    assert.equal(findDisallowedText(stream, 'body'), null, 'a streamed upload is not walked');
    let deep: unknown = 'a\u0001';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(findDisallowedText(deep, 'body')?.character, 'U+0001', 'no stack overflow');
  });
});

describe('control characters in any input: 400 naming the field, nothing stored', () => {
  let t: TestContext;
  let admin: StaffSession;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  let citizen: CitizenAuth;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    kit = await reportKit(t);
    citizen = await kit.newCitizen();
  });
  after(() => t.close());

  const reports = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('reports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const expect400 = (res: { statusCode: number; body: string; json: () => unknown }, path: string) => {
    assert.equal(res.statusCode, 400, res.body);
    const { error } = res.json() as { error: { code: string; details: { path: string; message: string }[] } };
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.details[0]?.path, path);
    assert.match(error.details[0]?.message ?? '', /control character U\+/);
  };

  test("a citizen's report with any C0 control in its text", async () => {
    const photoIds = [await kit.photo(citizen)];
    const before = await reports();
    for (const code of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...citizen, 'idempotency-key': randomUUID() },
        payload: {
          categoryId: kit.categories['ha-tang-do-thi'],
          location: { ...BMT, accuracy: 12, source: 'gps' },
          description: `Đèn đường${String.fromCharCode(code)} bị tắt.`,
          consent: true,
          photoIds,
        },
      });
      expect400(res, 'body.description');
    }
    assert.equal(await reports(), before);
  });

  test("an admin's category attribute whose value key holds NUL (was a 500 from jsonb)", async () => {
    const categoryId = kit.categories['ha-tang-do-thi'];
    const before = await t.app.inject(`/api/v1/categories`);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/categories/${categoryId}/attributes`,
      headers: admin.headers,
      payload: [
        {
          code: 'loai',
          datatype: 'singlevaluelist',
          description: 'Loại',
          order: 1,
          values: [{ key: 'a\u0000b', name: 'A' }],
        },
      ],
    });
    expect400(res, 'body.0.values.0.key');
    assert.equal((await t.app.inject(`/api/v1/categories`)).body, before.body, 'nothing changed');
  });

  test('a query string and a staff search', async () => {
    expect400(await t.app.inject('/api/v1/public/reports?q=%00'), 'querystring.q');
    expect400(
      await t.app.inject({ url: '/api/v1/staff/reports?q=a%0Bb', headers: admin.headers }),
      'querystring.q',
    );
  });

  test('tab, line breaks, emoji and right-to-left marks pass', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...citizen, 'idempotency-key': randomUUID() },
      payload: {
        categoryId: kit.categories['ha-tang-do-thi'],
        location: { ...BMT, accuracy: 12, source: 'gps' },
        description: 'Đèn đường bị tắt.\r\n\tHai đêm 🚧 \u200F',
        consent: true,
        photoIds: [await kit.photo(citizen)],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
});
