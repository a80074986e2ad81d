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
import { BMT, type CitizenAuth, reportKit } from '../../testing/reports.ts';

type Kit = Awaited<ReturnType<typeof reportKit>>;
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('field reports: publication, duplicates, feedback, notifications, overdue', () => {
  // Monday 4 May 2026, 10:00 in Vietnam.
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let kit: Kit;
  let reporter: CitizenAuth;
  let admin: StaffSession;
  let officer: StaffSession;
  let manager: StaffSession;
  let dispatcher: StaffSession;

  const get = (who: StaffSession | CitizenAuth | null, url: string) =>
    t.app.inject({ url: `/api/v1${url}`, headers: who === null ? {} : 'headers' in who ? who.headers : who });
  const post = (who: StaffSession | CitizenAuth, url: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: 'headers' in who ? who.headers : who,
      payload,
    });
  const act = (who: StaffSession, code: string, action: string, payload: object = {}) =>
    post(who, `/staff/reports/${code}/${action}`, payload);

  /** Files, accepts, resolves and publishes a report; returns its code. */
  const published = async (over: Record<string, unknown> = {}, photos = 1) => {
    const r = await kit.file(reporter, over, photos);
    for (const [who, action, body] of [
      [officer, 'accept', {}],
      [officer, 'resolve', { publicAnswer: 'Đã thay bóng đèn, đường sáng trở lại.' }],
      [dispatcher, 'publish', {}],
    ] as const) {
      const res = await act(who, r.code, action, body);
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    }
    return r.code;
  };

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '10000' } });
    kit = await reportKit(t);
    reporter = await kit.newCitizen();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ubnd-24133');
    officer = await createStaff(t.app, admin, {
      username: 'officer',
      role: 'agency_officer',
      agencyId: agency,
    });
    manager = await createStaff(t.app, admin, {
      username: 'manager',
      role: 'agency_manager',
      agencyId: agency,
    });
    dispatcher = await createStaff(t.app, admin, { username: 'dispatcher', role: 'dispatcher' });
    // The default routing (seeded on a fresh install) sends Ban Mê's urban-infrastructure reports to its
    // People's Committee.
    const rules = await t.app.inject({
      url: `/api/v1/routing-rules?categoryId=${kit.categories['ha-tang-do-thi']}&communeCode=24133`,
      headers: admin.headers,
    });
    assert.deepEqual(
      rules.json().map((r: { agencyId: string }) => r.agencyId),
      [agency],
    );
  });
  after(() => t.close());

  /** Staff sessions expire when the clock jumps ahead; sign in again at the new time. */
  const signInAgain = async () => {
    officer = await login(t.app, 'officer', 'staff-password-123');
    manager = await login(t.app, 'manager', 'staff-password-123');
    dispatcher = await login(t.app, 'dispatcher', 'staff-password-123');
  };

  test('the public list shows published results with photos and the answer, never personal data', async () => {
    // The reporter also typed a phone number into the text: the public sees it cut.
    const code = await published({ description: 'Đèn đường hỏng ở Ngã Sáu. Người báo: 0912 777 888.' }, 2);
    const unpublished = await kit.file(reporter);
    const list = await get(null, '/public/reports?pageSize=100');
    assert.equal(list.statusCode, 200);
    const codes = list.json().items.map((i: { code: string }) => i.code);
    assert.ok(codes.includes(code));
    assert.ok(!codes.includes(unpublished.code), 'only published results');
    const detail = await get(null, `/public/reports/${code}`);
    assert.equal(detail.statusCode, 200);
    const body = detail.json();
    assert.equal(body.publicAnswer, 'Đã thay bóng đèn, đường sáng trở lại.');
    assert.equal(body.photos.length, 2);
    assert.equal(body.status, 'published');
    assert.equal(body.description, 'Đèn đường hỏng ở Ngã Sáu. Người báo: 091*******.');
    const mine = (await get(reporter, `/me/reports/${code}`)).json();
    assert.equal(
      mine.description,
      'Đèn đường hỏng ở Ngã Sáu. Người báo: 0912 777 888.',
      'the reporter sees it all',
    );
    // No reporter data anywhere in the public answers.
    const reporterId = (await get(reporter, `/me/reports/${code}`)).json().id;
    for (const text of [list.body, detail.body]) {
      assert.ok(!text.includes('0905123456') && !text.includes('0905 123 456'), 'no phone');
      assert.ok(!text.includes(reporter.authorization.slice(7)), 'no token');
      assert.ok(!/citizen/i.test(text), 'no citizen fields');
      assert.ok(!text.includes(reporterId), 'no internal id');
    }
    assert.deepEqual(Object.keys(body).sort(), [
      'address',
      'agencyName',
      'categoryId',
      'categoryName',
      'code',
      'communeCode',
      'communeName',
      'createdAt',
      'description',
      'location',
      'photos',
      'publicAnswer',
      'publishedAt',
      'rating',
      'status',
      'timeline',
    ]);
    assert.equal((await get(null, `/public/reports/${unpublished.code}`)).statusCode, 404);
    const photo = await get(null, `/public/report-photos/${body.photos[0].id}/thumb`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/webp');
    // The mini app (on Zalo's origin) shows it as an image.
    assert.equal(photo.headers['cross-origin-resource-policy'], 'cross-origin');
    // Filters: another category, another commune, a bbox elsewhere.
    const other = await get(null, `/public/reports?categoryId=${kit.categories['y-te']}`);
    assert.equal(other.json().total, 0);
    const commune = await get(null, '/public/reports?communeCode=24133');
    assert.ok(commune.json().total >= 1);
    const far = await get(null, '/public/reports?bbox=105,20,106,21');
    assert.equal(far.json().total, 0);
    const near = await get(
      null,
      `/public/reports?bbox=${BMT.lng - 0.01},${BMT.lat - 0.01},${BMT.lng + 0.01},${BMT.lat + 0.01}`,
    );
    assert.ok(near.json().items.some((i: { code: string }) => i.code === code));
    assert.equal((await get(null, '/public/reports?bbox=1,2,3')).statusCode, 400);
  });

  test('a photo hidden by the dispatcher is hidden from the public and the reporter', async () => {
    const r = await kit.file(reporter, {}, 2);
    await act(officer, r.code, 'accept');
    await act(officer, r.code, 'resolve', { publicAnswer: 'Đã xử lý.' });
    const photos = (await get(dispatcher, `/staff/reports/${r.code}`)).json().photos;
    const hide = photos[1].id;
    const listed = async () =>
      (await get(null, '/public/reports?pageSize=100'))
        .json()
        .items.some((i: { code: string }) => i.code === r.code);
    assert.equal(await listed(), false);
    const res = await act(dispatcher, r.code, 'publish', { hiddenPhotoIds: [hide] });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await listed(), true, 'the cached public page is dropped on publication');
    const pub = (await get(null, `/public/reports/${r.code}`)).json();
    assert.deepEqual(
      pub.photos.map((p: { id: string }) => p.id),
      [photos[0].id],
    );
    assert.equal((await get(null, `/public/report-photos/${hide}/full`)).statusCode, 404);
    const mine = (await get(reporter, `/me/reports/${r.code}`)).json();
    assert.ok(!mine.photos.some((p: { id: string }) => p.id === hide));
    const foreign = await kit.file(reporter);
    const bad = await act(officer, foreign.code, 'accept');
    assert.equal(bad.statusCode, 200);
    await act(officer, foreign.code, 'resolve', { publicAnswer: 'x' });
    const wrong = await act(dispatcher, foreign.code, 'publish', { hiddenPhotoIds: [hide] });
    assert.equal(wrong.json().error.code, 'PHOTO_NOT_OF_REPORT');
  });

  test('"Có phải sự việc này?": open reports of the category within 200 m of the last 30 days', async () => {
    const first = await kit.file(reporter, { description: 'Ổ gà lớn giữa đường.' });
    const neighbour = await kit.newCitizen();
    const q = (lat: number, lng: number, category = kit.categories['ha-tang-do-thi']) =>
      get(neighbour, `/reports/nearby?categoryId=${category}&lat=${lat}&lng=${lng}`);
    // ~100 m north: found, with its photo visible to the neighbour.
    const near = await q(BMT.lat + 0.0009, BMT.lng);
    assert.equal(near.statusCode, 200);
    const hit = near.json().find((r: { code: string }) => r.code === first.code);
    assert.ok(hit, 'the nearby report is suggested');
    assert.ok(hit.distanceM > 80 && hit.distanceM < 120, String(hit.distanceM));
    assert.equal(hit.mine, false);
    const own = await get(
      reporter,
      `/reports/nearby?categoryId=${kit.categories['ha-tang-do-thi']}&lat=${BMT.lat}&lng=${BMT.lng}`,
    );
    assert.equal(own.json().find((r: { code: string }) => r.code === first.code).mine, true);
    assert.equal((await get(null, `/public/report-photos/${hit.photos[0].id}/thumb`)).statusCode, 200);
    assert.ok(!JSON.stringify(near.json()).includes('0905'), 'no phone');
    // ~300 m away, or another category: not suggested.
    assert.ok(
      !(await q(BMT.lat + 0.0027, BMT.lng)).json().some((r: { code: string }) => r.code === first.code),
    );
    assert.ok(
      !(await q(BMT.lat, BMT.lng, kit.categories['y-te']))
        .json()
        .some((r: { code: string }) => r.code === first.code),
    );
    assert.equal(
      (await get(null, `/reports/nearby?categoryId=${kit.categories['y-te']}&lat=1&lng=1`)).statusCode,
      401,
    );
    assert.equal((await q(91, 0)).statusCode, 400);

    // Following it instead of filing a duplicate: the neighbour gets its public updates.
    assert.equal((await post(reporter, `/reports/${first.code}/follow`)).json().error.code, 'OWN_REPORT');
    const follow = await post(neighbour, `/reports/${first.code}/follow`);
    assert.equal(follow.statusCode, 200, follow.body);
    assert.equal((await post(neighbour, `/reports/${first.code}/follow`)).statusCode, 200, 'twice is fine');
    const followed = (await get(neighbour, '/me/followed-reports')).json();
    assert.deepEqual(
      followed.items.map((i: { code: string }) => i.code),
      [first.code],
    );
    const followedOne = await get(neighbour, `/me/followed-reports/${first.code}`);
    assert.equal(followedOne.statusCode, 200);
    assert.equal(followedOne.json().status, 'submitted');
    assert.equal((await get(await kit.newCitizen(), `/me/followed-reports/${first.code}`)).statusCode, 404);
    await act(officer, first.code, 'accept', { note: 'Đã giao đội duy tu.' });
    await t.app.services.reportNotifications.deliverPending();
    const notes = (await get(neighbour, '/me/notifications')).json();
    assert.equal(notes.unread, 1);
    assert.equal(notes.items[0].reportCode, first.code);
    assert.equal(notes.items[0].status, 'accepted');
    assert.equal(notes.items[0].note, 'Đã giao đội duy tu.');
    assert.equal(notes.items[0].mine, false);
    assert.equal((await get(reporter, '/me/notifications')).json().items[0].mine, true);

    // 31 days later it is no longer suggested.
    clock.advance(31 * DAY);
    try {
      assert.ok(!(await q(BMT.lat, BMT.lng)).json().some((r: { code: string }) => r.code === first.code));
    } finally {
      clock.advance(-31 * DAY);
    }
  });

  test('the reporter is notified of each public change once, through the outbox', async () => {
    const citizen = await kit.newCitizen();
    const r = await kit.file(citizen);
    await act(officer, r.code, 'accept');
    await act(officer, r.code, 'notes', { note: 'Nội bộ: gọi điện lực.', visibility: 'internal' });
    await act(officer, r.code, 'notes', { note: 'Điện lực hẹn sửa ngày mai.', visibility: 'public' });
    await act(officer, r.code, 'start');
    assert.equal((await get(citizen, '/me/notifications')).json().total, 0, 'nothing before delivery');
    const first = await t.app.services.reportNotifications.deliverPending();
    assert.ok(first >= 3);
    assert.equal(await t.app.services.reportNotifications.deliverPending(), 0, 'nothing twice');
    const page = (await get(citizen, '/me/notifications')).json();
    assert.deepEqual(
      page.items.map((n: { kind: string }) => n.kind),
      ['in_progress', 'note', 'accepted'],
    );
    assert.equal(page.unread, 3);
    assert.ok(!JSON.stringify(page).includes('Nội bộ'), 'internal notes stay internal');
    assert.equal((await post(citizen, '/me/notifications/read')).statusCode, 200);
    assert.equal((await get(citizen, '/me/notifications')).json().unread, 0);
  });

  test('the reporter rates a published result once, within 7 days', async () => {
    const code = await published();
    const mine = (await get(reporter, `/me/reports/${code}`)).json();
    assert.equal(mine.publicAnswer, 'Đã thay bóng đèn, đường sáng trở lại.');
    assert.ok(mine.feedbackUntil);
    assert.equal(Date.parse(mine.feedbackUntil) - Date.parse(mine.publishedAt), 7 * DAY);
    const stranger = await kit.newCitizen();
    assert.equal((await post(stranger, `/me/reports/${code}/rating`, { rating: 5 })).statusCode, 404);
    assert.equal((await post(reporter, `/me/reports/${code}/rating`, { rating: 6 })).statusCode, 400);
    const rated = await post(reporter, `/me/reports/${code}/rating`, { rating: 4 });
    assert.equal(rated.statusCode, 200, rated.body);
    assert.equal(rated.json().rating, 4);
    assert.equal(rated.json().feedbackUntil, null);
    const again = await post(reporter, `/me/reports/${code}/rating`, { rating: 5 });
    assert.equal(again.json().error.code, 'ALREADY_RATED');
    assert.equal((await get(null, `/public/reports/${code}`)).json().rating, 4);
    const unpublished = await kit.file(reporter);
    const early = await post(reporter, `/me/reports/${unpublished.code}/rating`, { rating: 3 });
    assert.equal(early.json().error.code, 'FEEDBACK_NOT_ALLOWED');
  });

  test('"chưa được xử lý" reopens to the same agency with fresh deadlines; not after 7 days', async () => {
    const code = await published();
    const reopened = await post(reporter, `/me/reports/${code}/not-fixed`, {
      note: 'Đèn lại tắt từ hôm qua.',
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json().status, 'reopened');
    assert.ok(Date.parse(reopened.json().resolveDueAt) > clock.now().getTime());
    const staff = (await get(officer, `/staff/reports/${code}`)).json();
    assert.equal(staff.status, 'reopened');
    assert.equal(staff.reopenCount, 1);
    assert.equal(staff.agencyName, 'UBND phường Buôn Ma Thuột');
    assert.deepEqual(staff.actions, ['accept', 'start', 'resolve', 'reject', 'transfer', 'addPhoto', 'note']);
    for (const who of [manager, officer]) {
      const told = (await get(who, '/staff/notifications')).json();
      assert.ok(
        told.items.some(
          (n: { kind: string; reportCode: string }) => n.kind === 'reopened' && n.reportCode === code,
        ),
        'the manager and the officer who handled it are told',
      );
    }
    // It stays in the public list, now as reopened; a new answer and new after-photos wait for the next review.
    const reopenedPublic = (await get(null, `/public/reports/${code}`)).json();
    assert.equal(reopenedPublic.status, 'reopened');
    assert.equal(reopenedPublic.publicAnswer, null);
    assert.equal((await act(officer, code, 'accept')).statusCode, 200);
    const withPhoto = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/reports/${code}/photos`,
      headers: { ...officer.headers, 'content-type': 'image/jpeg' },
      payload: kit.jpeg,
    });
    assert.equal(withPhoto.statusCode, 200, withPhoto.body);
    const after = withPhoto.json().photos.find((p: { kind: string }) => p.kind === 'after');
    assert.equal((await get(null, `/public/report-photos/${after.id}/thumb`)).statusCode, 404);
    await act(officer, code, 'resolve', { publicAnswer: 'Câu trả lời chưa duyệt.' });
    assert.equal((await get(null, `/public/reports/${code}`)).json().publicAnswer, null);
    assert.equal((await get(reporter, `/me/reports/${code}`)).json().publicAnswer, null);
    assert.equal((await t.app.inject(`/open311/v2/requests/${code}.json`)).json()[0].status_notes, null);
    const twice = await post(reporter, `/me/reports/${code}/not-fixed`, { note: 'x' });
    assert.equal(twice.json().error.code, 'FEEDBACK_NOT_ALLOWED');
    // Input PostgreSQL cannot store is a 400, never a 500.
    assert.equal((await get(null, '/public/reports?communeCode=%00')).statusCode, 400);
    assert.equal((await t.app.inject('/open311/v2/requests.json?service_code=%00')).statusCode, 400);

    const late = await published();
    clock.advance(7 * DAY + HOUR);
    try {
      const res = await post(reporter, `/me/reports/${late}/not-fixed`, { note: 'Vẫn hỏng.' });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'FEEDBACK_NOT_ALLOWED');
      assert.equal((await get(reporter, `/me/reports/${late}`)).json().feedbackUntil, null);
    } finally {
      clock.advance(-(7 * DAY + HOUR));
    }
  });

  test('the overdue job marks, tells the agency once, then escalates to the dispatcher', async () => {
    // A fresh clock position: Monday 1 June 2026, 09:00 in Vietnam.
    clock.set('2026-06-01T02:00:00Z');
    await signInAgain();
    const r = await kit.file(reporter);
    const overdueOf = async () =>
      (await get(officer, `/staff/reports?overdue=true&pageSize=100`))
        .json()
        .items.map((i: { code: string }) => i.code);
    assert.ok(!(await overdueOf()).includes(r.code));
    // Accept deadline: 8 working hours -> Tuesday 09:00. Wednesday 09:00 is past it but not 16 more hours.
    clock.set('2026-06-03T02:00:00Z');
    await signInAgain();
    const first = await t.app.services.reportOverdue.run();
    assert.ok(first.overdue >= 1);
    assert.ok((await overdueOf()).includes(r.code));
    assert.equal((await get(officer, `/staff/reports/${r.code}`)).json().overdue, true);
    const again = await t.app.services.reportOverdue.run();
    assert.equal(again.overdue, 0, 'told once');
    const managerNotes = (await get(manager, '/staff/notifications')).json().items;
    assert.equal(
      managerNotes.filter(
        (n: { kind: string; reportCode: string }) => n.kind === 'overdue' && n.reportCode === r.code,
      ).length,
      1,
    );
    const dispatcherNotes = () =>
      get(dispatcher, '/staff/notifications').then((res) =>
        res
          .json()
          .items.filter(
            (n: { kind: string; reportCode: string }) => n.kind === 'escalated' && n.reportCode === r.code,
          ),
      );
    assert.equal((await dispatcherNotes()).length, 0, 'not escalated yet');
    // Thursday 17:30: 16 working hours past Tuesday 09:00 is Thursday 09:00 -> escalate.
    clock.set('2026-06-04T10:30:00Z');
    await signInAgain();
    const later = await t.app.services.reportOverdue.run();
    assert.ok(later.escalated >= 1);
    assert.equal((await dispatcherNotes()).length, 1);
    assert.equal((await t.app.services.reportOverdue.run()).escalated, 0, 'escalated once');
    const events = (await get(officer, `/staff/reports/${r.code}`))
      .json()
      .events.map((e: { kind: string }) => e.kind);
    assert.deepEqual(events.slice(-2), ['overdue', 'escalated']);
    // Accepting starts the next deadline; the report is no longer overdue for acceptance.
    const accepted = await act(officer, r.code, 'accept');
    assert.equal(accepted.json().overdue, Date.parse(accepted.json().resolveDueAt) < clock.now().getTime());
  });
});
