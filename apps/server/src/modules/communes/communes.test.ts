import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedReferenceData } from '../../db/seed.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';

describe('reference data', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('the province has its 102 communes after the 2025 reform: 88 xã and 14 phường', async () => {
    const province = await t.app.inject('/api/v1/province');
    assert.deepEqual(province.json(), {
      code: '66',
      name: 'Đắk Lắk',
      fullName: 'Tỉnh Đắk Lắk',
      communeCount: 102,
    });
    const communes = (await t.app.inject('/api/v1/communes')).json() as { kind: string; fullName: string }[];
    assert.equal(communes.length, 102);
    assert.equal(communes.filter((c) => c.kind === 'xa').length, 88);
    assert.equal(communes.filter((c) => c.kind === 'phuong').length, 14);
    assert.ok(communes.some((c) => c.fullName === 'Phường Buôn Ma Thuột'));
  });

  test('every commune has a People’s Committee and a police station; the dispatcher and service centre exist', async () => {
    const kinds = await t.database.db
      .selectFrom('agencies')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const count = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    assert.equal(count.commune_committee, 102);
    assert.equal(count.commune_police, 102);
    assert.equal(count.dispatcher, 1);
    assert.equal(count.service_centre, 1);
    assert.ok((count.department ?? 0) >= 10);
  });

  test('seeding again changes nothing and keeps what admins edited', async () => {
    await t.database.db
      .updateTable('agencies')
      .set({ name: 'Sở Y tế (đã sửa)' })
      .where('code', '=', 'so-y-te')
      .execute();
    await t.database.db
      .updateTable('categories')
      .set({ default_deadline_hours: 4 })
      .where('code', '=', 'y-te')
      .execute();
    const before = await t.database.db.selectFrom('agencies').select('id').execute();
    const result = await seedReferenceData(t.database.db, t.config.referenceDir);
    assert.equal(result.agenciesAdded, 0);
    assert.equal(result.categoriesAdded, 0);
    assert.equal(result.communes, 102);
    const after = await t.database.db.selectFrom('agencies').select('id').execute();
    assert.equal(after.length, before.length);
    const yte = await t.database.db
      .selectFrom('agencies')
      .select('name')
      .where('code', '=', 'so-y-te')
      .executeTakeFirstOrThrow();
    assert.equal(yte.name, 'Sở Y tế (đã sửa)');
    const cat = await t.database.db
      .selectFrom('categories')
      .select('default_deadline_hours')
      .where('code', '=', 'y-te')
      .executeTakeFirstOrThrow();
    assert.equal(cat.default_deadline_hours, 4);
  });
});
