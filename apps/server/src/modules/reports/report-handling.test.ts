import assert from 'node:assert/strict';
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
import { type CitizenAuth, reportKit, TUY_HOA } from '../../testing/reports.ts';

type Kit = Awaited<ReturnType<typeof reportKit>>;

describe('field reports: handling by agencies', () => {
  // Monday 4 May 2026, 10:00 in Vietnam.
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let kit: Kit;
  let citizen: CitizenAuth;
  let admin: StaffSession;
  let officerA: StaffSession;
  let managerA: StaffSession;
  let officerB: StaffSession;
  let dispatcher: StaffSession;
  let counter: StaffSession;
  let agencyA: string;
  let agencyB: string;

  const post = (who: StaffSession, url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
  const get = (who: StaffSession | CitizenAuth, url: string) =>
    t.app.inject({ url: `/api/v1${url}`, headers: 'headers' in who ? who.headers : who });
  const act = (who: StaffSession, code: string, action: string, payload: object = {}) =>
    post(who, `/staff/reports/${code}/${action}`, payload);
  const addAfterPhoto = (who: StaffSession, code: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/reports/${code}/photos`,
      headers: { ...who.headers, 'content-type': 'image/jpeg' },
      payload: kit.jpeg,
    });
  const fileReport = (over: Record<string, unknown> = {}) => kit.file(citizen, over);

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '10000' } });
    kit = await reportKit(t);
    citizen = await kit.newCitizen();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    agencyA = await agencyId(t.database, 'ubnd-24133');
    agencyB = await agencyId(t.database, 'ubnd-22015');
    officerA = await createStaff(t.app, admin, {
      username: 'officer-a',
      role: 'agency_officer',
      agencyId: agencyA,
    });
    managerA = await createStaff(t.app, admin, {
      username: 'manager-a',
      role: 'agency_manager',
      agencyId: agencyA,
    });
    officerB = await createStaff(t.app, admin, {
      username: 'officer-b',
      role: 'agency_officer',
      agencyId: agencyB,
    });
    dispatcher = await createStaff(t.app, admin, { username: 'dispatcher', role: 'dispatcher' });
    counter = await createStaff(t.app, admin, {
      username: 'counter',
      role: 'counter_officer',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
    });
    // The default routing (seeded on a fresh install) sends Ban Mê's urban-infrastructure reports to its
    // People's Committee.
    const rules = await t.app.inject({
      url: `/api/v1/routing-rules?categoryId=${kit.categories['ha-tang-do-thi']}&communeCode=24133`,
      headers: admin.headers,
    });
    assert.deepEqual(
      rules.json().map((r: { agencyId: string }) => r.agencyId),
      [agencyA],
    );
    const cat = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${kit.categories['ha-tang-do-thi']}`,
      headers: admin.headers,
      payload: { requiresAfterPhoto: true },
    });
    assert.equal(cat.statusCode, 200, cat.body);
    assert.equal(cat.json().requiresAfterPhoto, true);
  });
  after(() => t.close());

  test('the routed agency sees and handles its report; every step is recorded and audited', async () => {
    const r = await fileReport();
    const inbox = await get(officerA, '/staff/reports');
    assert.equal(inbox.statusCode, 200);
    const row = inbox.json().items.find((i: { code: string }) => i.code === r.code);
    assert.ok(row, 'in agency A inbox');
    assert.equal(row.status, 'submitted');
    assert.equal(row.agencyId, agencyA);
    assert.equal(row.overdue, false);
    assert.ok(row.thumbnailPhotoId);

    const detail = await get(officerA, `/staff/reports/${r.code}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().contactPhone, '0905123456');
    assert.deepEqual(detail.json().actions, ['accept', 'reject', 'transfer', 'note']);

    const accepted = await act(officerA, r.code, 'accept', { note: 'Đã chuyển đội điện chiếu sáng.' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'accepted');
    assert.equal(accepted.json().assignedOfficerId, officerA.userId, 'the officer who accepts handles it');
    const started = await act(officerA, r.code, 'start');
    assert.equal(started.json().status, 'in_progress');

    const noPhoto = await act(officerA, r.code, 'resolve', { publicAnswer: 'Đã thay bóng đèn.' });
    assert.equal(noPhoto.statusCode, 400);
    assert.equal(noPhoto.json().error.code, 'AFTER_PHOTO_REQUIRED');

    const withPhoto = await addAfterPhoto(officerA, r.code);
    assert.equal(withPhoto.statusCode, 200, withPhoto.body);
    assert.deepEqual(
      withPhoto.json().photos.map((p: { kind: string }) => p.kind),
      ['after', 'before'],
    );
    const resolved = await act(officerA, r.code, 'resolve', { publicAnswer: 'Đã thay bóng đèn.' });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().status, 'resolved');
    assert.deepEqual(resolved.json().actions, ['note'], 'an officer cannot publish');

    // Before publication the reporter sees the status but not the answer or the after-photo.
    const mine = (await get(citizen, `/me/reports/${r.code}`)).json();
    assert.equal(mine.status, 'resolved');
    assert.equal(mine.publicAnswer, null);
    assert.deepEqual(
      mine.photos.map((p: { kind: string }) => p.kind),
      ['before'],
    );

    const forbidden = await act(officerA, r.code, 'publish', {});
    assert.equal(forbidden.statusCode, 403);
    const review = (await get(dispatcher, `/staff/reports/${r.code}`)).json();
    assert.deepEqual(review.actions, ['publish', 'return', 'note']);
    const afterPhoto = review.photos.find((p: { kind: string }) => p.kind === 'after');
    const published = await act(dispatcher, r.code, 'publish', { hiddenPhotoIds: [afterPhoto.id] });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    assert.equal(published.json().photos.find((p: { id: string }) => p.id === afterPhoto.id).hidden, true);

    const events = published
      .json()
      .events.map((e: { kind: string; visibility: string; actorName: string | null }) => [
        e.kind,
        e.visibility,
      ]);
    assert.deepEqual(events, [
      ['submitted', 'public'],
      ['accepted', 'public'],
      ['in_progress', 'public'],
      ['photo_added', 'internal'],
      ['resolved', 'public'],
      ['answer', 'internal'],
      ['published', 'public'],
    ]);
    assert.equal(published.json().events[1].actorName, 'Cán bộ officer-a');
    assert.equal(published.json().events[0].actorName, null, 'citizens are never named');

    const audit = await get(admin, `/audit-log?entityType=report`);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    for (const a of ['report.accept', 'report.start', 'report.photo_add', 'report.resolve', 'report.publish'])
      assert.ok(actions.includes(a), a);
  });

  test('agency B can neither list, read nor change agency A reports; wrong roles get 403', async () => {
    const r = await fileReport();
    const listB = await get(officerB, '/staff/reports?pageSize=100');
    assert.equal(listB.statusCode, 200);
    assert.ok(!listB.json().items.some((i: { code: string }) => i.code === r.code));
    // Asking for agency A's inbox by filter changes nothing for an agency role.
    const filtered = await get(officerB, `/staff/reports?agencyId=${agencyA}`);
    assert.ok(!filtered.json().items.some((i: { code: string }) => i.code === r.code));
    assert.equal((await get(officerB, `/staff/reports/${r.code}`)).statusCode, 404);
    for (const [action, body] of [
      ['accept', {}],
      ['reject', { reason: 'invalid', publicNote: 'x' }],
      ['transfer', { agencyId: agencyB, reason: 'x' }],
      ['notes', { note: 'x', visibility: 'internal' }],
    ] as const) {
      const res = await act(officerB, r.code, action, body);
      assert.equal(res.statusCode, 404, `${action}: ${res.body}`);
      assert.equal(res.json().error.code, 'REPORT_NOT_FOUND');
    }
    assert.equal((await addAfterPhoto(officerB, r.code)).statusCode, 404);
    const photoId = (await get(officerA, `/staff/reports/${r.code}`)).json().photos[0].id;
    assert.equal((await get(officerA, `/staff/report-photos/${photoId}/thumb`)).statusCode, 200);
    assert.equal((await get(officerB, `/staff/report-photos/${photoId}/thumb`)).statusCode, 404);

    assert.equal((await get(counter, '/staff/reports')).statusCode, 403);
    assert.equal((await act(counter, r.code, 'accept')).statusCode, 403);
    assert.equal((await get(citizen, '/staff/reports')).statusCode, 401);
    // The dispatcher sees every agency.
    assert.equal((await get(dispatcher, `/staff/reports/${r.code}`)).statusCode, 200);
  });

  test('transitions out of order are refused with REPORT_TRANSITION_NOT_ALLOWED', async () => {
    const r = await fileReport();
    const cases: [string, object][] = [
      ['start', {}],
      ['resolve', { publicAnswer: 'x' }],
      ['publish', {}],
      ['return', { note: 'x' }],
    ];
    for (const [action, body] of cases) {
      const who = action === 'publish' || action === 'return' ? dispatcher : officerA;
      const res = await act(who, r.code, action, body);
      assert.equal(res.statusCode, 409, `${action} from submitted`);
      assert.equal(res.json().error.code, 'REPORT_TRANSITION_NOT_ALLOWED');
      assert.deepEqual(res.json().error.details, { status: 'submitted', action });
    }
    assert.equal((await act(officerA, r.code, 'accept')).statusCode, 200);
    assert.equal((await act(officerA, r.code, 'accept')).statusCode, 409);
    const rejected = await act(officerA, r.code, 'reject', {
      reason: 'out_of_scope',
      publicNote: 'Ngoài phạm vi.',
    });
    assert.equal(rejected.json().status, 'rejected');
    for (const [action, body] of [
      ['accept', {}],
      ['start', {}],
      ['transfer', { agencyId: agencyB, reason: 'x' }],
      ['assign', { officerId: null }],
    ] as const) {
      const who = action === 'assign' ? managerA : officerA;
      assert.equal((await act(who, r.code, action, body)).statusCode, 409, `${action} from rejected`);
    }
    assert.equal((await addAfterPhoto(officerA, r.code)).statusCode, 409);
    const badBody = await act(officerA, r.code, 'resolve', {});
    assert.equal(badBody.statusCode, 400);
    assert.equal(badBody.json().error.code, 'VALIDATION_FAILED');
    assert.equal((await act(officerA, 'PA-2026-999999', 'accept')).statusCode, 404);
  });

  test('of concurrent accepts exactly one wins', async () => {
    const r = await fileReport();
    const results = await Promise.all(Array.from({ length: 10 }, () => act(officerA, r.code, 'accept')));
    const codes = results.map((x) => x.statusCode).sort();
    assert.deepEqual(codes, [200, ...Array(9).fill(409)]);
    const events = (await get(officerA, `/staff/reports/${r.code}`)).json().events;
    assert.equal(events.filter((e: { kind: string }) => e.kind === 'accepted').length, 1);
  });

  test('reject as duplicate names the original', async () => {
    const original = await fileReport();
    const dup = await fileReport();
    const missing = await act(officerA, dup.code, 'reject', { reason: 'duplicate', publicNote: 'Trùng.' });
    assert.equal(missing.statusCode, 400);
    const unknown = await act(officerA, dup.code, 'reject', {
      reason: 'duplicate',
      duplicateOfCode: 'PA-2020-000001',
      publicNote: 'Trùng.',
    });
    assert.equal(unknown.json().error.code, 'DUPLICATE_TARGET_NOT_FOUND');
    const self = await act(officerA, dup.code, 'reject', {
      reason: 'duplicate',
      duplicateOfCode: dup.code,
      publicNote: 'Trùng.',
    });
    assert.equal(self.json().error.code, 'DUPLICATE_TARGET_NOT_FOUND');
    // Another agency's report cannot be named: its existence is not confirmed to agency B.
    const theirs = await fileReport({ location: { ...TUY_HOA, accuracy: 12, source: 'gps' } });
    await act(dispatcher, theirs.code, 'transfer', { agencyId: agencyB, reason: 'Địa bàn Tuy Hòa.' });
    assert.equal((await get(officerB, `/staff/reports/${theirs.code}`)).statusCode, 200);
    const foreign = await act(officerB, theirs.code, 'reject', {
      reason: 'duplicate',
      duplicateOfCode: original.code,
      publicNote: 'Trùng.',
    });
    assert.equal(foreign.json().error.code, 'DUPLICATE_TARGET_NOT_FOUND');
    const ok = await act(officerA, dup.code, 'reject', {
      reason: 'duplicate',
      duplicateOfCode: original.code,
      publicNote: 'Trùng với phản ánh đã tiếp nhận.',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().duplicateOfCode, original.code);
    const mine = (await get(citizen, `/me/reports/${dup.code}`)).json();
    assert.equal(mine.status, 'rejected');
    assert.equal(mine.rejectionReason, 'duplicate');
    assert.equal(mine.duplicateOfCode, original.code);
    assert.equal(mine.timeline.at(-1).note, 'Trùng với phản ánh đã tiếp nhận.');
  });

  test('transfer moves the report to another agency with a public trace and an internal reason', async () => {
    const r = await fileReport();
    const same = await act(officerA, r.code, 'transfer', { agencyId: agencyA, reason: 'x' });
    assert.equal(same.json().error.code, 'TRANSFER_TARGET_INVALID');
    assert.equal((await act(officerA, r.code, 'accept')).statusCode, 200);
    const moved = await act(officerA, r.code, 'transfer', {
      agencyId: agencyB,
      reason: 'Địa bàn của Tuy Hòa.',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().agencyId, agencyB);
    assert.equal(moved.json().status, 'submitted');
    assert.equal((await get(officerA, `/staff/reports/${r.code}`)).statusCode, 404);
    assert.equal((await get(officerB, `/staff/reports/${r.code}`)).statusCode, 200);
    const timeline = (await get(citizen, `/me/reports/${r.code}`)).json().timeline;
    assert.equal(timeline.at(-1).kind, 'transferred');
    assert.equal(timeline.at(-1).note, null, 'the reason stays internal');
    // The dispatcher can move any report, e.g. back.
    const back = await act(dispatcher, r.code, 'transfer', {
      agencyId: agencyA,
      reason: 'Trả lại đúng địa bàn.',
    });
    assert.equal(back.json().agencyId, agencyA);
  });

  test('managers assign to officers of the agency only; officers are told', async () => {
    const r = await fileReport();
    const officerAId = officerA.userId;
    assert.equal((await act(officerA, r.code, 'assign', { officerId: officerAId })).statusCode, 403);
    const wrong = await act(managerA, r.code, 'assign', { officerId: officerB.userId });
    assert.equal(wrong.json().error.code, 'ASSIGNEE_INVALID');
    const assignees = (await get(managerA, `/staff/reports/${r.code}/assignees`)).json();
    assert.deepEqual(assignees.map((a: { id: string }) => a.id).sort(), [officerAId, managerA.userId].sort());
    const ok = await act(managerA, r.code, 'assign', { officerId: officerAId });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().assignedOfficerName, 'Cán bộ officer-a');
    const mineOnly = (await get(officerA, `/staff/reports?assignedOfficerId=${officerAId}`)).json();
    assert.ok(mineOnly.items.every((i: { assignedOfficerId: string }) => i.assignedOfficerId === officerAId));
    assert.ok(mineOnly.items.some((i: { code: string }) => i.code === r.code));
    const notes = (await get(officerA, '/staff/notifications')).json();
    assert.ok(
      notes.items.some(
        (n: { kind: string; reportCode: string }) => n.kind === 'assigned' && n.reportCode === r.code,
      ),
    );
  });

  test("accepting or starting makes an officer the handler, never over a manager's assignment", async () => {
    const byManager = await fileReport();
    const managed = await act(managerA, byManager.code, 'accept');
    assert.equal(managed.json().assignedOfficerId, null, 'a manager who accepts still assigns explicitly');
    const started = await act(officerA, byManager.code, 'start');
    assert.equal(started.json().assignedOfficerId, officerA.userId, 'the officer who starts it');

    const assigned = await fileReport();
    await act(managerA, assigned.code, 'assign', { officerId: managerA.userId });
    const kept = await act(officerA, assigned.code, 'accept');
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json().assignedOfficerId, managerA.userId, 'an assignment stays');
  });

  test('bulk accept reports each outcome', async () => {
    const a = await fileReport();
    const b = await fileReport();
    await act(officerA, b.code, 'accept');
    const res = await post(officerA, '/staff/reports/bulk-accept', {
      codes: [a.code, b.code, 'PA-2026-999998'],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().accepted, [a.code]);
    assert.deepEqual(
      res.json().failed.map((f: { code: string; error: string }) => [f.code, f.error]),
      [
        [b.code, 'REPORT_TRANSITION_NOT_ALLOWED'],
        ['PA-2026-999998', 'REPORT_NOT_FOUND'],
      ],
    );
    assert.match(res.json().failed[0].message, /trạng thái/);
  });

  test('the dispatcher returns a resolution; the officer in charge is told', async () => {
    const r = await fileReport();
    await act(managerA, r.code, 'assign', { officerId: officerA.userId });
    await act(officerA, r.code, 'accept');
    await addAfterPhoto(officerA, r.code);
    await act(officerA, r.code, 'resolve', { publicAnswer: 'Đã sửa.' });
    const returned = await act(dispatcher, r.code, 'return', { note: 'Ảnh chưa rõ, chụp lại.' });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().status, 'in_progress');
    const notes = (await get(officerA, '/staff/notifications')).json();
    assert.ok(
      notes.items.some(
        (n: { kind: string; reportCode: string }) => n.kind === 'returned' && n.reportCode === r.code,
      ),
    );
  });

  test('inbox search ignores diacritics; filters and deadline order work', async () => {
    const r = await fileReport({ description: 'Cột đèn nghiêng sắp đổ ở hẻm 45 Phan Bội Châu.' });
    const found = (await get(officerA, '/staff/reports?q=cot%20den%20nghieng')).json();
    assert.deepEqual(
      found.items.map((i: { code: string }) => i.code),
      [r.code],
    );
    const byCode = (await get(officerA, `/staff/reports?q=${r.code}`)).json();
    assert.equal(byCode.total, 1);
    const none = (await get(officerA, '/staff/reports?q=khong%20co%20gi%20nhu%20the')).json();
    assert.equal(none.total, 0);
    const submitted = (await get(officerA, '/staff/reports?status=submitted&pageSize=100')).json();
    assert.ok(submitted.items.every((i: { status: string }) => i.status === 'submitted'));
    const sorted = (await get(officerA, '/staff/reports?sort=deadline&pageSize=100')).json().items;
    const open = sorted.filter((i: { status: string }) =>
      ['submitted', 'accepted', 'in_progress', 'reopened'].includes(i.status),
    );
    assert.deepEqual(
      sorted.slice(0, open.length).map((i: { code: string }) => i.code),
      open.map((i: { code: string }) => i.code),
      'open reports come first',
    );
    const due = (i: { status: string; acceptDueAt: string; resolveDueAt: string }) =>
      i.status === 'submitted' || i.status === 'reopened'
        ? Math.min(Date.parse(i.acceptDueAt), Date.parse(i.resolveDueAt))
        : Date.parse(i.resolveDueAt);
    for (let k = 1; k < open.length; k++) assert.ok(due(open[k - 1]) <= due(open[k]), 'by deadline');
  });

  test('response templates: managed by the dispatcher, used by officers', async () => {
    const body = {
      categoryId: kit.categories['ha-tang-do-thi'],
      title: 'Đã thay bóng đèn',
      body: 'Đơn vị đã thay bóng đèn chiếu sáng tại vị trí phản ánh.',
    };
    assert.equal((await post(officerA, '/response-templates', body)).statusCode, 403);
    const created = await post(dispatcher, '/response-templates', body);
    assert.equal(created.statusCode, 201, created.body);
    const general = await post(dispatcher, '/response-templates', {
      ...body,
      categoryId: null,
      title: 'Chung',
    });
    assert.equal(general.statusCode, 201);
    const other = await post(dispatcher, '/response-templates', {
      ...body,
      categoryId: kit.categories['y-te'],
      title: 'Y tế',
    });
    assert.equal(other.statusCode, 201, other.body);
    const list = (
      await get(officerA, `/response-templates?categoryId=${kit.categories['ha-tang-do-thi']}`)
    ).json();
    assert.deepEqual(
      list.map((x: { title: string }) => x.title).sort(),
      ['Chung', 'Đã thay bóng đèn'].sort(),
    );
    const unknown = await post(dispatcher, '/response-templates', { ...body, categoryId: officerA.userId });
    assert.equal(unknown.statusCode, 404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/response-templates/${created.json().id}`,
      headers: dispatcher.headers,
    });
    assert.equal(del.statusCode, 204);
  });
});
