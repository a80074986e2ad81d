import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { manualClock } from '../../clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { BMT } from '../../testing/reports.ts';
import { notXmlChars } from '../../testing/xml.ts';
import {
  SpecDiscovery,
  SpecErrors,
  SpecPostResponse,
  SpecRequest,
  SpecService,
  SpecServiceDefinition,
  SpecToken,
  SpecUpdate,
  VN_DATETIME,
  xmlItems,
  xmlRoot,
} from './open311.spec-schemas.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Open311 GeoReport v2', () => {
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let admin: StaffSession;
  let officer: StaffSession;
  let apiKey: string;
  let clientId: string;
  let reportCode: string;
  let reportToken: string;

  const get = (url: string) => t.app.inject({ url: `/open311/v2/${url}` });
  const postRequest = (fields: Record<string, string | string[]>, format = 'json') =>
    t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: FORM,
      payload: new URLSearchParams(
        Object.entries(fields).flatMap(([k, v]): [string, string][] =>
          Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
        ),
      ).toString(),
    });
  const streetLight = (over: Record<string, string | string[]> = {}) => ({
    api_key: apiKey,
    service_code: 'ha-tang-do-thi',
    lat: String(BMT.lat),
    long: String(BMT.lng),
    description: 'Đèn đường trước số 12 Lê Duẩn bị tắt.',
    'attribute[loai_su_co]': 'den_tat',
    first_name: 'Nguyễn',
    last_name: 'Văn A',
    email: 'a@example.vn',
    phone: '0905123456',
    ...over,
  });
  /** An error answer in both formats, per the spec: [{code, description}] / <errors><error>. */
  const expectError = async (res: Awaited<ReturnType<typeof get>>, status: number) => {
    assert.equal(res.statusCode, status, res.body);
    const xml = String(res.headers['content-type']).startsWith('text/xml');
    const errors = xml
      ? xmlItems(res.body, 'errors', 'error').map((e) => ({
          code: Number(e.code),
          description: String(e.description),
        }))
      : res.json();
    const parsed = SpecErrors.parse(errors);
    assert.equal(parsed[0]?.code, status);
    return parsed[0]?.description ?? '';
  };

  before(async () => {
    t = await startTestApp({
      clock,
      env: { OPEN311_RATE_LIMIT: '25', PUBLIC_BASE_URL: 'https://dltt.example.vn' },
    });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ubnd-24133');
    officer = await createStaff(t.app, admin, {
      username: 'officer',
      role: 'agency_officer',
      agencyId: agency,
    });
    const categories = (await t.app.inject('/api/v1/categories')).json() as { id: string; code: string }[];
    const light = categories.find((c) => c.code === 'ha-tang-do-thi')?.id;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules',
      headers: admin.headers,
      payload: { categoryId: light, communeCode: '24133', agencyId: agency },
    });
    const attrs = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/categories/${light}/attributes`,
      headers: admin.headers,
      payload: [
        {
          code: 'loai_su_co',
          datatype: 'singlevaluelist',
          description: 'Loại sự cố',
          required: true,
          order: 1,
          values: [
            { key: 'den_tat', name: 'Đèn tắt' },
            { key: 'cot_nghieng', name: 'Cột nghiêng' },
          ],
        },
        { code: 'so_cot', datatype: 'number', description: 'Số hiệu cột đèn', order: 2 },
        {
          code: 'thoi_diem',
          datatype: 'multivaluelist',
          description: 'Thời điểm',
          order: 3,
          values: [
            { key: 'dem', name: 'Ban đêm' },
            { key: 'ngay', name: 'Ban ngày' },
          ],
        },
      ],
    });
    assert.equal(attrs.statusCode, 200, attrs.body);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Trung tâm IOC tỉnh', contact: 'ioc@daklak.gov.vn' },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    apiKey = issued.json().apiKey;
    clientId = issued.json().id;
  });
  after(() => t.close());

  test('discovery, in JSON and XML', async () => {
    const json = await get('discovery.json');
    assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
    const d = SpecDiscovery.parse(json.json());
    assert.equal(d.endpoints[0]?.url, 'https://dltt.example.vn/open311/v2');
    const xml = await get('discovery.xml');
    assert.equal(xml.headers['content-type'], 'text/xml; charset=utf-8');
    const root = xmlRoot(xml.body, 'discovery');
    const endpoint = (
      root.endpoints as { endpoint: { specification: string; formats: { format: string[] } } }
    ).endpoint;
    assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(endpoint.formats.format, ['text/xml', 'application/json']);
  });

  test('services are the categories; metadata says which have attributes', async () => {
    const json = await get('services.json');
    const services = json.json().map((s: unknown) => SpecService.parse(s));
    assert.equal(services.length, 9);
    const light = services.find((s: { service_code: string }) => s.service_code === 'ha-tang-do-thi');
    assert.equal(light.metadata, true);
    assert.match(light.service_name, /Hạ tầng đô thị/);
    assert.equal(services.filter((s: { metadata: boolean }) => s.metadata).length, 1);
    const xml = xmlItems((await get('services.xml')).body, 'services', 'service');
    assert.equal(xml.length, 9);
    for (const s of xml)
      for (const field of [
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ])
        assert.ok(field in s, `<${field}> in <service>`);
  });

  test('service definitions with typed attributes; unknown code is 404', async () => {
    const def = SpecServiceDefinition.parse((await get('services/ha-tang-do-thi.json')).json());
    assert.deepEqual(
      def.attributes.map((a) => [a.code, a.datatype, a.required, a.order]),
      [
        ['loai_su_co', 'singlevaluelist', true, 1],
        ['so_cot', 'number', false, 2],
        ['thoi_diem', 'multivaluelist', false, 3],
      ],
    );
    assert.deepEqual(def.attributes[0]?.values, [
      { key: 'den_tat', name: 'Đèn tắt' },
      { key: 'cot_nghieng', name: 'Cột nghiêng' },
    ]);
    const xml = xmlRoot((await get('services/ha-tang-do-thi.xml')).body, 'service_definition');
    const attributes = (xml.attributes as { attribute: Record<string, unknown>[] }).attribute;
    assert.equal(attributes.length, 3);
    assert.equal((attributes[0] as { values: { value: unknown[] } }).values.value.length, 2);
    assert.equal(xml.service_code, 'ha-tang-do-thi');
    await expectError(await get('services/khong-co.json'), 404);
    await expectError(await get('services/khong-co.xml'), 404);
    assert.equal((await get('services/y-te.json')).json().attributes.length, 0);
  });

  test('POST requests files a report for the routed agency and answers at once', async () => {
    const res = await postRequest(
      streetLight({
        'attribute[so_cot]': '42',
        'attribute[thoi_diem][]': ['dem', 'ngay'],
        account_id: 'acc-1',
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const [created] = SpecPostResponse.parse(res.json());
    assert.match(created?.service_request_id ?? '', /^PA-2026-\d{6}$/);
    assert.equal(created?.account_id, 'acc-1');
    reportCode = created?.service_request_id as string;
    reportToken = created?.token as string;
    const inbox = await t.app.inject({ url: '/api/v1/staff/reports', headers: officer.headers });
    assert.ok(
      inbox.json().items.some((i: { code: string }) => i.code === reportCode),
      'in the agency inbox',
    );
    const staff = (
      await t.app.inject({ url: `/api/v1/staff/reports/${reportCode}`, headers: officer.headers })
    ).json();
    assert.equal(staff.contactPhone, '0905123456');
    assert.equal(staff.communeCode, '24133');
    const stored = await t.database.db
      .selectFrom('reports')
      .select(['source', 'attributes', 'reporter_name', 'reporter_email'])
      .where('code', '=', reportCode)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, {
      source: 'open311',
      attributes: { loai_su_co: 'den_tat', so_cot: '42', thoi_diem: ['dem', 'ngay'] },
      reporter_name: 'Nguyễn Văn A',
      reporter_email: 'a@example.vn',
    });
    const xml = await postRequest(streetLight(), 'xml');
    assert.equal(xml.statusCode, 201);
    const [item] = xmlItems(xml.body, 'service_requests', 'request');
    assert.match(String(item?.service_request_id), /^PA-2026-\d{6}$/);
  });

  test('an address naming a commune places the report there', async () => {
    const { lat: _lat, long: _long, ...noPoint } = streetLight();
    const ok = await postRequest({
      ...noPoint,
      address_string: '45 Phan Bội Châu, phường Buôn Ma Thuột, Đắk Lắk',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const code = ok.json()[0].service_request_id;
    const staff = (
      await t.app.inject({ url: `/api/v1/staff/reports/${code}`, headers: officer.headers })
    ).json();
    assert.equal(staff.communeCode, '24133');
    const d = await expectError(
      await postRequest({ ...noPoint, address_string: '12 Tràng Tiền, Hà Nội' }),
      400,
    );
    assert.match(d, /address_string/);
    await expectError(await postRequest(noPoint), 400);
  });

  test('POST errors: 403 without a valid key, 400 for bad input, in both formats; nothing stored', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('reports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const { api_key: _k, ...noKey } = streetLight();
    await expectError(await postRequest(noKey), 403);
    await expectError(await postRequest(noKey, 'xml'), 403);
    await expectError(await postRequest({ ...noKey, api_key: 'dltt_wrong' }), 403);
    // A missing key outranks every other problem of the form.
    await expectError(await postRequest({ service_code: 'khong-co' }), 403);
    await expectError(await postRequest(streetLight({ service_code: 'khong-co' })), 400);
    const required = await expectError(await postRequest(streetLight({ 'attribute[loai_su_co]': '' })), 400);
    assert.match(required, /attribute\[loai_su_co\]: required/);
    assert.match(
      await expectError(await postRequest(streetLight({ 'attribute[loai_su_co]': 'xyz' }), 'xml'), 400),
      /loai_su_co/,
    );
    assert.match(
      await expectError(await postRequest(streetLight({ 'attribute[so_cot]': 'abc' })), 400),
      /so_cot/,
    );
    assert.match(await expectError(await postRequest(streetLight({ 'attribute[khac]': '1' })), 400), /khac/);
    assert.match(
      await expectError(await postRequest(streetLight({ description: 'x'.repeat(4001) })), 400),
      /description/,
    );
    await expectError(await postRequest(streetLight({ lat: '95' })), 400);
    await expectError(await postRequest(streetLight({ media_url: 'javascript:alert(1)' })), 400);
    await expectError(await postRequest(streetLight({ lat: '21.0285', long: '105.8542' })), 400);
    // Control characters, in a value, in an attribute's value (stored as JSON: NUL was a 500) and in its name.
    assert.match(
      await expectError(await postRequest(streetLight({ 'attribute[loai_su_co]': 'den\u0000tat' })), 400),
      /attribute\[loai_su_co\]/,
    );
    await expectError(await postRequest(streetLight({ description: 'Đèn\u000Btắt' }), 'xml'), 400);
    await expectError(await postRequest(streetLight({ 'attribute[lo\u0000ai]': 'x' })), 400);
    // A JSON body can carry objects where a form has text: refused, never stored as "[object Object]".
    for (const value of [{ key: 'den_tat' }, ['den_tat', { x: 1 }], null]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { ...streetLight(), 'attribute[loai_su_co]': value },
      });
      assert.match(await expectError(res, 400), /attribute\[loai_su_co\]: not a text/, JSON.stringify(value));
    }
    assert.equal(await count(), before);
  });

  test('GET requests: public fields only until published; filters, window and extensions', async () => {
    const list = await get('requests.json');
    assert.equal(list.statusCode, 200);
    const items = list.json().map((r: unknown) => SpecRequest.parse(r));
    const mine = items.find((r: { service_request_id: string }) => r.service_request_id === reportCode);
    assert.ok(mine);
    assert.equal(mine.status, 'open');
    assert.equal(mine.description, null, 'not public before publication');
    assert.equal(mine.lat, null);
    assert.match(mine.requested_datetime, VN_DATETIME);
    assert.equal(mine.agency_responsible, 'UBND phường Buôn Ma Thuột');
    for (const text of [list.body, (await get('requests.xml')).body]) {
      for (const secret of ['0905123456', 'a@example.vn', 'Nguyễn Văn A', 'Văn A'])
        assert.ok(!text.includes(secret), `no ${secret}`);
    }

    // The agency handles it; the dispatcher (admin here) publishes.
    for (const [who, action, body] of [
      [officer, 'accept', { note: 'Đã tiếp nhận.' }],
      [officer, 'resolve', { publicAnswer: 'Đã thay bóng đèn.' }],
      [admin, 'publish', {}],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/reports/${reportCode}/${action}`,
        headers: who.headers,
        payload: body,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const publicList = (await t.app.inject('/api/v1/public/reports')).json();
    assert.ok(
      publicList.items.some((i: { code: string }) => i.code === reportCode),
      'in the public list',
    );
    const [one] = (await get(`requests/${reportCode}.json`)).json().map((r: unknown) => SpecRequest.parse(r));
    assert.equal(one.status, 'closed');
    assert.equal(one.status_notes, 'Đã thay bóng đèn.');
    assert.equal(one.description, 'Đèn đường trước số 12 Lê Duẩn bị tắt.');
    assert.equal(one.lat, BMT.lat);
    assert.match(one.expected_datetime, VN_DATETIME);
    const xmlOne = xmlItems((await get(`requests/${reportCode}.xml`)).body, 'service_requests', 'request');
    assert.equal(xmlOne.length, 1);
    assert.equal(xmlOne[0]?.status, 'closed');
    for (const field of Object.keys(SpecRequest.shape)) assert.ok(field in (xmlOne[0] ?? {}), `<${field}>`);

    const withNotes = (await get(`requests/${reportCode}.json?extensions=true`)).json()[0];
    assert.deepEqual(
      withNotes.notes.map((n: { type: string }) => n.type),
      ['submitted', 'accepted', 'resolved', 'published'],
    );
    const xmlNotes = xmlItems(
      (await get(`requests.xml?service_request_id=${reportCode}&extensions=true`)).body,
      'service_requests',
      'request',
    );
    assert.equal((xmlNotes[0] as { notes: { note: unknown[] } }).notes.note.length, 4);

    const closed = (await get('requests.json?status=closed')).json();
    assert.deepEqual(
      closed.map((r: { service_request_id: string }) => r.service_request_id),
      [reportCode],
    );
    assert.ok(
      (await get('requests.json?status=open')).json().every((r: { status: string }) => r.status === 'open'),
    );
    assert.equal((await get('requests.json?service_code=y-te')).json().length, 0);
    const paged = (await get('requests.json?page_size=1&page=2')).json();
    assert.equal(paged.length, 1);
    // service_request_id overrides the other filters.
    const overridden = (
      await get(`requests.json?service_request_id=${reportCode},PA-2026-999999&service_code=y-te&status=open`)
    ).json();
    assert.deepEqual(
      overridden.map((r: { service_request_id: string }) => r.service_request_id),
      [reportCode],
    );
    // Outside the window: nothing; a window over 90 days: 400.
    assert.equal(
      (
        await get('requests.json?start_date=2026-01-01T00:00:00%2B07:00&end_date=2026-02-01T00:00:00%2B07:00')
      ).json().length,
      0,
    );
    await expectError(
      await get('requests.json?start_date=2026-01-01T00:00:00%2B07:00&end_date=2026-05-01T00:00:00%2B07:00'),
      400,
    );
    await expectError(await get('requests.xml?start_date=yesterday'), 400);
    await expectError(await get('requests.json?status=pending'), 400);
    await expectError(await get('requests/PA-2026-999999.json'), 404);
    await expectError(await get('requests/PA-2026-999999.xml'), 404);
  });

  test('tokens lead to the request id; unknown tokens are 404', async () => {
    const json = SpecToken.parse((await get(`tokens/${reportToken}.json`)).json());
    assert.equal(json[0]?.service_request_id, reportCode);
    const xml = xmlItems((await get(`tokens/${reportToken}.xml`)).body, 'service_requests', 'request');
    assert.equal(xml[0]?.service_request_id, reportCode);
    await expectError(await get('tokens/00000000-0000-0000-0000-000000000000.json'), 404);
    await expectError(await get('tokens/nope.xml'), 404);
  });

  test('servicerequestupdates lists public status changes since a date', async () => {
    const res = await get('servicerequestupdates.json?start_date=2026-05-01T00:00:00%2B07:00');
    assert.equal(res.statusCode, 200);
    const updates = res.json().map((u: unknown) => SpecUpdate.parse(u));
    const forMine = updates.filter(
      (u: { service_request_id: string }) => u.service_request_id === reportCode,
    );
    assert.deepEqual(
      forMine.map((u: { status: string | null }) => u.status),
      ['open', 'open', 'open', 'closed'],
    );
    assert.equal(forMine.at(-1).description, 'Đã thay bóng đèn.');
    const xml = xmlItems(
      (await get('servicerequestupdates.xml')).body,
      'service_request_updates',
      'request_update',
    );
    assert.ok(xml.length >= 4);
    await expectError(
      await get('servicerequestupdates.json?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z'),
      400,
    );
  });

  test('a published report whose stored text holds any C0 control still gives well-formed XML 1.0', async () => {
    // Text stored before the input rule (or by an import): every C0 character PostgreSQL can store (all but NUL),
    // a lone surrogate, U+FFFE/U+FFFF.
    let controls = '';
    for (let code = 1; code < 0x20; code++) controls += String.fromCharCode(code);
    const stored = `Đèn ${controls} tắt \uD800 \uFFFE\uFFFF hết`;
    await t.database.db
      .updateTable('reports')
      .set({ description: stored, public_answer: stored })
      .where('code', '=', reportCode)
      .execute();
    for (const url of ['requests.xml', `requests/${reportCode}.xml`, 'servicerequestupdates.xml']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(notXmlChars(res.body), [], `${url}: only XML 1.0 characters`);
      assert.equal(XMLValidator.validate(res.body), true, url);
    }
    const [item] = xmlItems((await get(`requests/${reportCode}.xml`)).body, 'service_requests', 'request');
    // (An XML parser reads a carriage return as a line feed: XML 1.0 end-of-line handling.)
    assert.match(String(item?.description), /^Đèn \uFFFD+\t\n\uFFFD+\n\uFFFD+ tắt \uFFFD \uFFFD\uFFFD hết$/);
    // JSON carries them escaped, as JSON may.
    const row = await t.database.db
      .selectFrom('reports')
      .select('description')
      .where('code', '=', reportCode)
      .executeTakeFirstOrThrow();
    assert.ok(row.description.includes('\u000B'));
    const json = (await get(`requests/${reportCode}.json`)).json();
    assert.equal(json[0].description, row.description);
  });

  test('unknown paths and formats answer in the spec shape', async () => {
    await expectError(await get('services.csv'), 404);
    await expectError(await get('nothing.xml'), 404);
    await expectError(await get('services/ha-tang-do-thi.csv'), 404);
    assert.ok((await get('nothing.xml')).headers['content-type']?.toString().startsWith('text/xml'));
  });

  test('API keys: admin only, shown once, rate-limited per key, revocable', async () => {
    const dispatcher = await createStaff(t.app, admin, { username: 'dispatcher', role: 'dispatcher' });
    assert.equal(
      (await t.app.inject({ url: '/api/v1/api-clients', headers: dispatcher.headers })).statusCode,
      403,
    );
    const list = await t.app.inject({ url: '/api/v1/api-clients', headers: admin.headers });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(apiKey), 'the key is never listed');
    assert.equal(list.json()[0].keyPrefix, apiKey.slice(0, 10));
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Cổng quốc gia' },
    });
    const otherKey = second.json().apiKey;
    // 25 per minute per key: the 26th with the same key is refused, another key still works.
    const codes: number[] = [];
    for (let i = 0; i < 26; i++)
      codes.push(
        (await postRequest(streetLight({ api_key: otherKey, 'attribute[loai_su_co]': 'xyz' }))).statusCode,
      );
    assert.deepEqual(codes.slice(0, 25), Array(25).fill(400));
    assert.equal(codes[25], 429);
    assert.equal((await postRequest(streetLight())).statusCode, 201);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/api-clients/${clientId}/revoke`,
      headers: admin.headers,
    });
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json().revokedAt);
    await expectError(await postRequest(streetLight()), 403);
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=api_client',
      headers: admin.headers,
    });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['api_client.revoke', 'api_client.issue', 'api_client.issue'],
    );
    assert.ok(!audit.body.includes(apiKey), 'the audit log never holds the key');
  });
});

describe('Open311: wrong API keys are limited per address', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp({ env: { OPEN311_KEY_FAILURES: '3' } });
  });
  after(() => t.close());

  test('after 3 wrong keys an address is refused (429), even with a good key; other addresses are not', async () => {
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Trung tâm IOC tỉnh', contact: 'ioc@daklak.gov.vn' },
    });
    const good = issued.json().apiKey as string;
    const post = (apiKey: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        remoteAddress,
        headers: FORM,
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: 'khong-co',
          lat: String(BMT.lat),
          long: String(BMT.lng),
          description: 'Thử khóa.',
        }).toString(),
      });
    for (let i = 0; i < 3; i++) assert.equal((await post(`dltt_guess_${i}`, '10.0.0.1')).statusCode, 403);
    const blocked = await post(good, '10.0.0.1');
    assert.equal(blocked.statusCode, 429, blocked.body);
    assert.equal(blocked.json()[0].code, 429);
    assert.equal((await post('dltt_guess_x', '10.0.0.1')).statusCode, 429);
    // Another address with the good key gets past the key check (to the unknown service: 400).
    assert.equal((await post(good, '10.0.0.2')).statusCode, 400);
    assert.equal((await post('dltt_guess_y', '10.0.0.2')).statusCode, 403);
  });
});
