import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';

const PROCEDURES = 'Khai sinh, kết hôn, khai tử; cấp bản sao trích lục hộ tịch.';

describe('centres: what each field covers; counters of another agency', () => {
  let t: TestContext;
  let admin: StaffSession;
  let provinceCentre: string;
  const body = async (fields: unknown[]) => ({
    code: 'ttpvhcc-tinh',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
    sessions: [{ weekday: 1, start: '07:00', end: '11:30' }],
    fields,
    counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
  });
  const put = async (fields: unknown[]) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/centres/${provinceCentre}`,
      headers: admin.headers,
      payload: await body(fields),
    });
  const publicFields = async () =>
    (await t.app.inject(`/api/v1/centres/${provinceCentre}`)).json().fields as {
      code: string;
      procedures: string | null;
    }[];

  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: await body([
        { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', procedures: `  ${PROCEDURES}  ` },
        { code: 'dat-dai', name: 'Đất đai', letter: 'B' },
      ]),
    });
    assert.equal(res.statusCode, 201, res.body);
    provinceCentre = res.json().id;
  });
  after(() => t.close());

  test('a field says which procedures it covers, in the public centre and list', async () => {
    assert.deepEqual(
      (await publicFields()).map((f) => [f.code, f.procedures]),
      [
        ['ho-tich', PROCEDURES],
        ['dat-dai', null],
      ],
    );
    const list = (await t.app.inject('/api/v1/centres')).json();
    assert.equal(list[0].fields[0].procedures, PROCEDURES);
  });

  test('the text is edited with the centre; blank clears it; more than 500 characters is refused', async () => {
    const edited = await put([
      { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', procedures: '   ' },
      { code: 'dat-dai', name: 'Đất đai', letter: 'B', procedures: 'Đăng ký biến động đất đai.' },
    ]);
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(
      (await publicFields()).map((f) => f.procedures),
      [null, 'Đăng ký biến động đất đai.'],
    );

    const tooLong = await put([
      { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', procedures: 'x'.repeat(501) },
    ]);
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.code, 'VALIDATION_FAILED');
    const notText = await put([{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', procedures: 42 }]);
    assert.equal(notText.statusCode, 400);
    // Nothing of the refused writes was kept.
    assert.deepEqual(
      (await publicFields()).map((f) => f.procedures),
      [null, 'Đăng ký biến động đất đai.'],
    );
    const longest = await put([
      { code: 'ho-tich', name: 'Hộ tịch', letter: 'A', procedures: 'ư'.repeat(500) },
      { code: 'dat-dai', name: 'Đất đai', letter: 'B' },
    ]);
    assert.equal(longest.statusCode, 200, longest.body);
    assert.equal((await publicFields())[0]?.procedures, 'ư'.repeat(500));
  });

  test('an officer of another agency is told which centres have counters and whose they are', async () => {
    const committee = await agencyId(t.database, 'ubnd-24133');
    const outsider = await createStaff(t.app, admin, {
      username: 'quay-xa',
      role: 'counter_officer',
      agencyId: committee,
    });
    const choices = await t.app.inject({ url: '/api/v1/counter/choices', headers: outsider.headers });
    assert.deepEqual(choices.json(), []);
    const elsewhere = await t.app.inject({ url: '/api/v1/counter/elsewhere', headers: outsider.headers });
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
    const committeeName = (
      await t.database.db
        .selectFrom('agencies')
        .select('name')
        .where('id', '=', committee)
        .executeTakeFirstOrThrow()
    ).name;
    const provinceName = (
      await t.database.db
        .selectFrom('agencies')
        .select('name')
        .where('code', '=', 'ttpvhcc-tinh')
        .executeTakeFirstOrThrow()
    ).name;
    assert.deepEqual(elsewhere.json(), {
      agencyName: committeeName,
      centres: [
        {
          centreId: provinceCentre,
          centreName: 'Trung tâm Phục vụ hành chính công tỉnh',
          agencyName: provinceName,
        },
      ],
    });

    // The centre's own officer has its counters to take, and nothing elsewhere.
    const own = await createStaff(t.app, admin, {
      username: 'quay-tinh',
      role: 'counter_officer',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
    });
    const ownChoices = await t.app.inject({ url: '/api/v1/counter/choices', headers: own.headers });
    assert.equal(ownChoices.json().length, 1);
    const ownElsewhere = await t.app.inject({ url: '/api/v1/counter/elsewhere', headers: own.headers });
    assert.deepEqual(ownElsewhere.json().centres, []);

    const anonymous = await t.app.inject({ url: '/api/v1/counter/elsewhere' });
    assert.equal(anonymous.statusCode, 401);
  });
});
