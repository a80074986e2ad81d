import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
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
import { insertPlanningData, rect } from '../../testing/planning.ts';
import { BMT, type CitizenAuth, reportKit } from '../../testing/reports.ts';
import { vn } from '../../testing/time.ts';

/**
 * Personal data typed into every input a citizen or an Open311 client has, in every state a report can be in,
 * must not come out of any public answer: every GET route that /openapi.json marks x-access public (and, as a
 * stranger who follows every report, every citizen route), and every Open311 endpoint in JSON and XML.
 *
 * Phones and e-mails are recognised in free text and masked; names cannot be recognised in free text, so the name
 * is checked where it is given as a name: Open311's first_name / last_name and the booking's name.
 */

const MOBILE = {
  digits: '976543210',
  forms: ['0976 543 210', '0976.543.210', '+84 976 543 210', '84976543210'],
};
const LANDLINE = { digits: '2623817654', forms: ['(0262) 381 7654', '02623817654', '+84 262 381 7654'] };
const EMAIL = 'hoa.privacy.test@example.vn';
const FIRST_NAME = 'Nay';
const LAST_NAME = 'Ksorbiet';
const DEVICE_ID = 'device-priv-7f3a2c';
const ACCOUNT_ID = 'acct-priv-91c2d8';
const ZALO_ID = '9000000000777123';
const ALL_PHONES = `Di động ${MOBILE.forms.join(', ')}; bàn ${LANDLINE.forms.join(', ')}`;
/** What a citizen (or an officer quoting one) may type into any free text. */
const personal = (where: string) => `${where}: gọi ${ALL_PHONES}, thư ${EMAIL}.`;

/** Routes of one citizen's own reports and bookings (the reporter sees what they typed; nobody else may). */
const OWN_RECORDS = /^\/api\/v1\/me\/(reports|report-photos|bookings)\/\{/;

const STATES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'published',
  'reopened',
  'rejected',
] as const;
type State = (typeof STATES)[number];
const DAY = '2026-09-03';

describe('privacy: no public answer carries what a reporter typed about themselves', () => {
  // Thursday 3 September 2026, 07:00 in Vietnam: the centre opens, reports are handled during the day.
  const clock = manualClock(vn(DAY, '07:00'));
  let t: TestContext;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  let officer: StaffSession;
  let dispatcher: StaffSession;
  let reporter: CitizenAuth;
  let stranger: CitizenAuth;
  const secrets: string[] = [EMAIL, LAST_NAME, `${FIRST_NAME} ${LAST_NAME}`, DEVICE_ID, ACCOUNT_ID];
  /** Path parameters the scan fills from the records made here. */
  const values = {
    reportCodes: [] as string[],
    photoIds: [] as string[],
    open311Tokens: [] as string[],
    bookingCode: '',
    centreId: '',
    fieldId: '',
    ticketId: '',
    planningDatasetId: '',
  };

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object = {}, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const act = async (who: StaffSession | CitizenAuth, url: string, payload: object = {}) => {
    const res = await inject('POST', `/api/v1${url}`, 'headers' in who ? who.headers : who, payload);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  };

  /** Moves a report from submitted to `state` through the console (and the reporter's app for "not fixed"). */
  async function moveTo(code: string, state: State, who: CitizenAuth | null) {
    const staff = (action: string, body: object = {}) =>
      act(officer, `/staff/reports/${code}/${action}`, body);
    if (state === 'submitted') return;
    if (state === 'rejected')
      return staff('reject', { reason: 'invalid', publicNote: personal('Lý do từ chối') });
    await staff('accept', { note: personal('Tiếp nhận') });
    await staff('notes', { note: personal('Ghi chú công khai'), visibility: 'public' });
    if (state === 'accepted') return;
    await staff('start', { note: personal('Đang xử lý') });
    if (state === 'in_progress') return;
    await staff('resolve', { publicAnswer: personal('Trả lời') });
    if (state === 'resolved') return;
    await act(dispatcher, `/staff/reports/${code}/publish`);
    if (state === 'published') return;
    assert.ok(who, 'only the reporter can say it is not fixed');
    await act(who, `/me/reports/${code}/not-fixed`, { note: personal('Chưa được xử lý') });
  }

  before(async () => {
    t = await startTestApp({
      clock,
      env: { RATE_LIMIT_PUBLIC_WRITES: '100000', OPEN311_RATE_LIMIT: '1000' },
    });
    kit = await reportKit(t);
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ubnd-24133');
    officer = await createStaff(t.app, admin, {
      username: 'officer',
      role: 'agency_officer',
      agencyId: agency,
    });
    dispatcher = await createStaff(t.app, admin, { username: 'dispatcher', role: 'dispatcher' });
    // A category no default rule routes (commune matters go to the commune's People's Committee on a fresh install).
    const category = kit.categories['an-toan-giao-thong'];
    const rule = await inject('POST', '/api/v1/routing-rules', admin.headers, {
      categoryId: category,
      communeCode: '24133',
      agencyId: agency,
    });
    assert.equal(rule.statusCode, 201, rule.body);
    const attrs = await inject('PUT', `/api/v1/admin/categories/${category}/attributes`, admin.headers, [
      { code: 'mo_ta_them', datatype: 'text', description: 'Mô tả thêm', order: 1 },
    ]);
    assert.equal(attrs.statusCode, 200, attrs.body);
    const client = await inject('POST', '/api/v1/api-clients', admin.headers, { name: 'Ứng dụng IOC' });
    assert.equal(client.statusCode, 201, client.body);
    const apiKey: string = client.json().apiKey;

    // The citizen app: description, address, contact phone; the "not fixed" note comes with the reopened state.
    const session = await inject('POST', '/api/v1/citizen/session');
    reporter = { authorization: `Bearer ${session.json().token}` };
    secrets.push(session.json().token, session.json().citizenId, ZALO_ID);
    // As a Zalo sign-in with a shared phone leaves it (set directly: the Zalo exchange has its own tests).
    await t.database.db
      .updateTable('citizens')
      .set({
        zalo_id: ZALO_ID,
        zalo_linked_at: clock.now(),
        zalo_phone: '0976543210',
        zalo_phone_verified_at: clock.now(),
      })
      .where('id', '=', session.json().citizenId)
      .execute();
    const appReports = new Map<State, string>();
    for (const state of STATES) {
      const r = await kit.file(reporter, {
        description: personal(`Mô tả (${state})`),
        address: personal('Địa chỉ 12 Lê Duẩn'),
        contactPhone: MOBILE.forms[0],
      });
      appReports.set(state, r.code);
      const mine = (await inject('GET', `/api/v1/me/reports/${r.code}`, reporter)).json();
      values.photoIds.push(...mine.photos.map((p: { id: string }) => p.id));
    }
    // Open311: every field a client can send. A client's reporter has no app to say "not fixed" from, so an
    // Open311 request never reaches the reopened state.
    const open311Reports = new Map<State, string>();
    for (const state of STATES.filter((s) => s !== 'reopened')) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: 'an-toan-giao-thong',
          lat: String(BMT.lat),
          long: String(BMT.lng),
          address_string: personal('Địa chỉ'),
          description: personal(`Open311 (${state})`),
          'attribute[mo_ta_them]': personal('Thuộc tính'),
          email: EMAIL,
          first_name: FIRST_NAME,
          last_name: LAST_NAME,
          phone: LANDLINE.forms[0] as string,
          device_id: DEVICE_ID,
          account_id: ACCOUNT_ID,
        }).toString(),
      });
      assert.equal(res.statusCode, 201, res.body);
      open311Reports.set(state, res.json()[0].service_request_id);
      values.open311Tokens.push(res.json()[0].token);
    }
    values.reportCodes = [...appReports.values(), ...open311Reports.values()];

    // A stranger follows every report before it moves, so their notifications carry every public event.
    stranger = await kit.newCitizen();
    for (const code of values.reportCodes) await act(stranger, `/reports/${code}/follow`);
    for (const [state, code] of appReports) await moveTo(code, state, reporter);
    for (const [state, code] of open311Reports) await moveTo(code, state, null);
    await t.app.services.reportNotifications.deliverPending();

    // A booking with the same name and phone, checked in at the kiosk: the ticket and the board are public.
    const centre = await inject('POST', '/api/v1/admin/centres', admin.headers, {
      code: 'ttpvhcc-tinh',
      name: 'Trung tâm Phục vụ hành chính công tỉnh',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
      sessions: [{ weekday: 4, start: '07:00', end: '11:30' }],
      fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 5 }],
      counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
    });
    assert.equal(centre.statusCode, 201, centre.body);
    values.centreId = centre.json().id;
    values.fieldId = centre.json().fields[0].id;
    // Planning answers come from officers' published files, never from what citizens type; a plan at BMT makes
    // the planning routes answer so the scan covers them.
    const around = rect([BMT.lng - 0.001, BMT.lat - 0.001, BMT.lng + 0.001, BMT.lat + 0.001]);
    const planners = await agencyId(t.database, 'so-xay-dung');
    values.planningDatasetId = (
      await insertPlanningData(t.database.db, { agencyId: planners, zones: [{ code: 'ODT', geom: around }] })
    ).datasetId;
    await insertPlanningData(t.database.db, {
      agencyId: planners,
      kind: 'cadastral',
      parcels: [{ communeCode: '24133', sheet: '1', parcelNo: '1', geom: around }],
    });
    const booking = await inject(
      'POST',
      '/api/v1/bookings',
      { ...reporter, 'idempotency-key': randomUUID() },
      {
        fieldId: values.fieldId,
        startsAt: vn(DAY, '08:00').toISOString(),
        name: `${FIRST_NAME} ${LAST_NAME}`,
        phone: MOBILE.forms[2],
      },
    );
    assert.equal(booking.statusCode, 201, booking.body);
    values.bookingCode = booking.json().code;
    clock.set(vn(DAY, '07:45'));
    const ticket = await inject(
      'POST',
      `/api/v1/centres/${values.centreId}/check-in`,
      {},
      {
        code: values.bookingCode,
      },
    );
    assert.equal(ticket.statusCode, 200, ticket.body);
    values.ticketId = ticket.json().id;
  });
  after(() => t.close());

  /** The raw data in a public body: a phone in any spelling (separators dropped), or a secret as it was given. */
  function leaks(body: string): string[] {
    const squeezed = body.replace(/[\s.\-()+]/g, '');
    const found = [MOBILE.digits, LANDLINE.digits].filter((d) => squeezed.includes(d));
    for (const secret of secrets) if (body.includes(secret)) found.push(secret);
    // XML and JSON escape nothing in these values, but an escaped "@" (\u0040) would hide an address.
    if (/hoa\.privacy\.test/i.test(body)) found.push('e-mail name');
    return found;
  }

  /** Every URL to call for a documented path, or why it cannot be called here (the test fails on that). */
  function urlsFor(path: string): string[] {
    const codeFiles = (ids: string[]) => ids.flatMap((id) => [`${id}.json`, `${id}.xml`]);
    const fill: Record<string, string[]> = {
      code: path.includes('/bookings/') ? [values.bookingCode] : values.reportCodes,
      id: path.includes('/planning/')
        ? [values.planningDatasetId]
        : path.includes('/report-photos/')
          ? values.photoIds
          : path.includes('/tickets/')
            ? [values.ticketId]
            : [values.centreId],
      size: ['full', 'thumb'],
      fieldId: [values.fieldId],
      file: path.includes('/services/')
        ? codeFiles(['an-toan-giao-thong'])
        : path.includes('/tokens/')
          ? codeFiles(values.open311Tokens)
          : codeFiles(values.reportCodes).flatMap((f) => [f, `${f}?extensions=true`]),
    };
    let urls = [path];
    for (const name of path.match(/\{(\w+)\}/g) ?? []) {
      const options = fill[name.slice(1, -1)];
      assert.ok(options?.length, `no value to fill ${name} in ${path}`);
      urls = urls.flatMap((u) => options.map((v) => u.replace(name, v)));
    }
    const queries: Record<string, string[]> = {
      '/api/v1/public/reports': ['?pageSize=100', '?pageSize=100&status=reopened'],
      '/api/v1/reports/nearby': [
        `?categoryId=${kit.categories['an-toan-giao-thong']}&lat=${BMT.lat}&lng=${BMT.lng}`,
      ],
      '/api/v1/me/followed-reports': ['?pageSize=100'],
      '/api/v1/me/notifications': ['?pageSize=100'],
      '/api/v1/centres/{id}/fields/{fieldId}/slots': [`?day=${DAY}`],
      '/api/v1/planning/lookup': [`?lat=${BMT.lat}&lon=${BMT.lng}`],
      '/api/v1/planning/parcels': ['?communeCode=24133&sheet=1&parcelNo=1'],
      '/api/v1/planning/datasets/{id}/features': [
        `?bbox=${BMT.lng - 0.005},${BMT.lat - 0.005},${BMT.lng + 0.005},${BMT.lat + 0.005}&zoom=15`,
      ],
      '/open311/v2/requests.json': ['', '?extensions=true', '?status=open&extensions=true', '?status=closed'],
      '/open311/v2/requests.xml': ['', '?extensions=true', '?status=open&extensions=true', '?status=closed'],
    };
    return urls.flatMap((u) => (queries[path] ?? ['']).map((q) => `${u}${q}`));
  }

  /** The first event of a Server-Sent Events stream (its snapshot), read over a real socket. */
  async function firstEvent(url: string): Promise<{ status: number; body: string }> {
    const controller = new AbortController();
    const res = await fetch(`${streamBase}${url}`, { signal: controller.signal });
    let body = '';
    const reader = res.body?.getReader();
    while (reader && !body.includes('\n\n')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      body += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    return { status: res.status, body };
  }
  let streamBase = '';

  test('every public and citizen GET route in /openapi.json and every Open311 endpoint, in every state', async () => {
    const doc = (await inject('GET', '/openapi.json')).json() as {
      paths: Record<
        string,
        Record<
          string,
          { 'x-access'?: string; parameters?: { in: string; name: string; required?: boolean }[] }
        >
      >;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => {
      const access = ops.get?.['x-access'];
      return access === 'public' || access === 'citizen' ? [{ path, access, op: ops.get }] : [];
    });
    assert.ok(
      routes.some((r) => r.path.startsWith('/open311/v2/')),
      'Open311 routes are in the document',
    );
    for (const format of ['json', 'xml'])
      for (const name of ['discovery', 'services', 'requests', 'servicerequestupdates'])
        assert.ok(
          routes.some((r) => r.path === `/open311/v2/${name}.${format}`),
          `${name}.${format}`,
        );

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    streamBase = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const problems: string[] = [];
    const bodies = new Map<string, string>();
    for (const { path, access, op } of routes) {
      for (const p of op?.parameters ?? [])
        if (p.in === 'query' && p.required)
          assert.ok(
            urlsFor(path).every((u) => u.includes(`${p.name}=`)),
            `${path} needs ?${p.name}=`,
          );
      let answered = 0;
      for (const url of urlsFor(path)) {
        const res = path.endsWith('/stream')
          ? await firstEvent(url)
          : await inject('GET', url, access === 'citizen' ? stranger : {}).then((r) => ({
              status: r.statusCode,
              body: r.body,
            }));
        if (res.status === 200) answered++;
        else assert.ok(res.status === 404, `${url}: ${res.status} ${res.body.slice(0, 300)}`);
        bodies.set(url, res.body);
        const found = leaks(res.body);
        if (found.length) problems.push(`${url} shows ${found.join(', ')}`);
      }
      // A citizen's own records answer their owner only: the stranger must be refused every one of them.
      if (OWN_RECORDS.test(path)) assert.equal(answered, 0, `${path} answers a stranger`);
      else assert.ok(answered > 0, `${path}: no URL answered 200, so nothing was scanned`);
    }
    assert.deepEqual(problems, []);

    // The scan saw the seeded texts, masked: it did not pass because the records were missing.
    const masked = ['097*******', '026********', 'h***@e***.vn'];
    const sees = (url: string) => {
      const body = bodies.get(url) ?? '';
      for (const m of masked) assert.ok(body.includes(m), `${url} shows ${m}`);
    };
    sees('/api/v1/public/reports?pageSize=100');
    sees('/open311/v2/requests.json?extensions=true');
    sees('/open311/v2/requests.xml?extensions=true');
    sees('/open311/v2/servicerequestupdates.json');
    sees('/open311/v2/servicerequestupdates.xml');
    sees('/api/v1/me/followed-reports?pageSize=100');
    sees('/api/v1/me/notifications?pageSize=100');
    sees(
      `/api/v1/reports/nearby?categoryId=${kit.categories['an-toan-giao-thong']}&lat=${BMT.lat}&lng=${BMT.lng}`,
    );
    const reopened = values.reportCodes[STATES.indexOf('reopened')];
    sees(`/api/v1/public/reports/${reopened}`);
    sees(`/open311/v2/requests/${reopened}.xml?extensions=true`);
    assert.match(
      bodies.get(`/open311/v2/requests/${reopened}.json?extensions=true`) ?? '',
      /Chưa được xử lý/,
    );
  });

  test('the handling agency sees the contact details the public never does', async () => {
    const code = values.reportCodes.at(-1) as string;
    const res = await inject('GET', `/api/v1/staff/reports/${code}`, officer.headers);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.reporterName, `${FIRST_NAME} ${LAST_NAME}`);
    assert.equal(report.reporterEmail, EMAIL);
    assert.equal(report.contactPhone, '02623817654');
    assert.equal(report.filedVia, 'Ứng dụng IOC');
    assert.match(report.description, /\(0262\) 381 7654/, 'staff read what was typed');

    // Only those who may handle the report: another agency does not know it exists, a counter may not look.
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const elsewhere = await createStaff(t.app, admin, {
      username: 'officer-elsewhere',
      role: 'agency_officer',
      agencyId: await agencyId(t.database, 'ubnd-22015'),
    });
    const counter = await createStaff(t.app, admin, {
      username: 'counter',
      role: 'counter_officer',
      agencyId: await agencyId(t.database, 'ubnd-24133'),
    });
    assert.equal((await inject('GET', `/api/v1/staff/reports/${code}`, elsewhere.headers)).statusCode, 404);
    assert.equal((await inject('GET', `/api/v1/staff/reports/${code}`, counter.headers)).statusCode, 403);
  });
});
