import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { prepareDatabase } from '../../bootstrap.ts';
import { DEFAULT_ROUTING_MARK } from '../../seed.ts';
import {
  ADMIN,
  agencyId,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { BMT, reportKit, TUY_HOA } from '../../testing/reports.ts';

/** The categories the reference data marks as commune matters (categories.json, "routing": "commune"). */
const COMMUNE_LEVEL = ['an-ninh-trat-tu', 'dat-dai-xay-dung', 'ha-tang-do-thi', 'moi-truong'];

interface Rule {
  id: string;
  categoryId: string;
  communeCode: string | null;
  agencyId: string;
  agencyName: string;
}

describe('routing: default rules on a fresh install', () => {
  let t: TestContext;
  let admin: StaffSession;
  let kit: Awaited<ReturnType<typeof reportKit>>;
  const rules = async (): Promise<Rule[]> => {
    const res = await t.app.inject({ url: '/api/v1/routing-rules', headers: admin.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  /** Restarts as main.ts does: migrations, reference data, first admin. */
  const restart = () => prepareDatabase(t.database, t.config);

  before(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES: '10000' } });
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    kit = await reportKit(t);
  });
  after(() => t.close());

  test("each commune's reports of commune-level categories go to its People's Committee, the rest to the dispatcher", async () => {
    const all = await rules();
    assert.equal(all.length, 102 * COMMUNE_LEVEL.length, 'one rule per commune and commune-level category');
    const codeOf = new Map(Object.entries(kit.categories).map(([code, id]) => [id, code]));
    assert.deepEqual([...new Set(all.map((r) => codeOf.get(r.categoryId)))].sort(), COMMUNE_LEVEL);
    const committees = await t.database.db
      .selectFrom('agencies')
      .select(['id', 'commune_code'])
      .where('kind', '=', 'commune_committee')
      .execute();
    const committeeOf = new Map(committees.map((a) => [a.commune_code, a.id]));
    for (const r of all) assert.equal(r.agencyId, committeeOf.get(r.communeCode), JSON.stringify(r));

    const citizen = await kit.newCitizen();
    const local = await kit.file(citizen, {
      categoryId: kit.categories['moi-truong'],
      location: { ...TUY_HOA, accuracy: 10, source: 'gps' },
    });
    assert.equal(local.agencyName, 'UBND phường Tuy Hoà');
    const provincial = await kit.file(citizen, {
      categoryId: kit.categories['y-te'],
      location: { ...BMT, accuracy: 10, source: 'gps' },
    });
    assert.equal(provincial.agencyName, 'Bộ phận điều phối phản ánh hiện trường tỉnh');
  });

  test("a restart keeps the admin's deletions and changes: defaults are seeded once, never again", async () => {
    const before = await rules();
    const byKey = (category: string, commune: string) =>
      before.find((r) => r.categoryId === kit.categories[category] && r.communeCode === commune);
    const deleted = byKey('moi-truong', '22015');
    const changed = byKey('ha-tang-do-thi', '24133');
    assert.ok(deleted && changed);
    for (const r of [deleted, changed]) {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/routing-rules/${r.id}`,
        headers: admin.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const replaced = await t.app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules',
      headers: admin.headers,
      payload: {
        categoryId: kit.categories['ha-tang-do-thi'],
        communeCode: '24133',
        agencyId: await agencyId(t.database, 'so-xay-dung'),
      },
    });
    assert.equal(replaced.statusCode, 201, replaced.body);

    for (let i = 0; i < 2; i++) {
      const again = await restart();
      assert.equal(again.seed.routingRulesAdded, 0);
    }
    const after = await rules();
    assert.equal(after.length, before.length - 1);
    assert.equal(
      after.find((r) => r.id === deleted.id),
      undefined,
      'the deleted default stays deleted',
    );
    assert.equal(
      after.find((r) => r.categoryId === kit.categories['moi-truong'] && r.communeCode === '22015'),
      undefined,
    );
    const kept = after.find(
      (r) => r.categoryId === kit.categories['ha-tang-do-thi'] && r.communeCode === '24133',
    );
    assert.equal(kept?.agencyName, 'Sở Xây dựng', "the admin's rule is kept");
  });

  test('an install that already had rules before the defaults existed keeps exactly its own', async () => {
    // As a database from before this change: no mark, one rule of the admin's.
    const own = (await rules()).find((r) => r.agencyName === 'Sở Xây dựng');
    assert.ok(own);
    await t.database.db.deleteFrom('routing_rules').where('id', '!=', own.id).execute();
    await t.database.db.deleteFrom('reference_imports').where('name', '=', DEFAULT_ROUTING_MARK).execute();
    const again = await restart();
    assert.equal(again.seed.routingRulesAdded, 0);
    assert.deepEqual(
      (await rules()).map((r) => r.id),
      [own.id],
    );
  });
});
