import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LandUseCode } from '@dltt/contracts';
import { prepareDatabase } from '../../bootstrap.ts';
import {
  ADMIN,
  agencyId,
  errorOf,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { insertPlanningData, rect } from '../../testing/planning.ts';

describe('land-use code dictionary', () => {
  let t: TestContext;
  let admin: StaffSession;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
  });
  after(() => t.close());

  test('the public list holds every code of the shipped file, current codes first', async () => {
    const shipped = JSON.parse(
      await readFile(path.join(t.config.referenceDir, '..', 'land-use-codes.json'), 'utf8'),
    ) as { codes: LandUseCode[] };
    const res = await t.app.inject('/api/v1/land-use-codes');
    assert.equal(res.statusCode, 200);
    const codes: LandUseCode[] = res.json();
    assert.equal(codes.length, shipped.codes.length);
    for (const c of ['LUC', 'ODT', 'ONT', 'DGT', 'SON', 'CLN', 'TMD', 'BCS', 'CNT']) {
      assert.equal(codes.find((x) => x.code === c)?.legacy, false, c);
    }
    for (const c of ['LUN', 'BHK', 'NHK', 'SKK', 'SKN', 'DCH', 'NTD']) {
      assert.equal(codes.find((x) => x.code === c)?.legacy, true, c);
    }
    const firstLegacy = codes.findIndex((c) => c.legacy);
    assert.ok(codes.slice(firstLegacy).every((c) => c.legacy));
    assert.deepEqual(
      codes.find((c) => c.code === 'ODT'),
      {
        code: 'ODT',
        nameVi: 'Đất ở tại đô thị',
        nameEn: 'Urban residential land',
        group: 'non_agricultural',
        color: '#ffa0ff',
        legacy: false,
      },
    );
  });

  test('admins add, change and delete codes; duplicates refused; audited', async () => {
    const add = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/admin/land-use-codes', headers: admin.headers, payload });
    const body = {
      code: 'dkt',
      nameVi: 'Đất công trình khí tượng thủy văn',
      nameEn: 'Meteorological works',
      group: 'non_agricultural',
      color: '#FFAAA0',
    };
    const created = await add(body);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().code, 'DKT');
    assert.equal(created.json().color, '#ffaaa0');
    assert.deepEqual(errorOf(await add(body)), [409, 'LAND_USE_CODE_EXISTS']);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/land-use-codes/DKT',
      headers: admin.headers,
      payload: { color: '#00ff00', legacy: true },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().color, '#00ff00');
    assert.equal(patched.json().nameVi, body.nameVi);
    assert.deepEqual(
      errorOf(
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/admin/land-use-codes/ZZZ',
          headers: admin.headers,
          payload: { legacy: true },
        }),
      ),
      [404, 'LAND_USE_CODE_NOT_FOUND'],
    );
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/land-use-codes/DKT',
      headers: admin.headers,
    });
    assert.equal(removed.statusCode, 204);
    const audit = await t.app.inject({
      url: '/api/v1/audit-log?entityType=land_use_code&entityId=DKT',
      headers: admin.headers,
    });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['land_use_code.delete', 'land_use_code.update', 'land_use_code.create'],
    );
    assert.equal(
      (await t.app.inject({ url: '/api/v1/admin/land-use-codes', method: 'POST', payload: body })).statusCode,
      401,
    );
  });

  test('a code used by published zones or parcels cannot be deleted; staged zones do not hold it', async () => {
    const agency = await agencyId(t.database, 'so-xay-dung');
    await insertPlanningData(t.database.db, {
      agencyId: agency,
      published: false,
      zones: [{ code: 'DGD', geom: rect([108, 12, 108.001, 12.001]) }],
    });
    await insertPlanningData(t.database.db, {
      agencyId: agency,
      zones: [{ code: 'DYT', geom: rect([108, 12, 108.001, 12.001]) }],
    });
    const del = (code: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/admin/land-use-codes/${code}`, headers: admin.headers });
    assert.deepEqual(errorOf(await del('DYT')), [409, 'LAND_USE_CODE_IN_USE']);
    assert.equal((await del('DGD')).statusCode, 204);
    // A live cadastral layer's land type holds its code too.
    await insertPlanningData(t.database.db, {
      agencyId: agency,
      kind: 'cadastral',
      parcels: [
        {
          communeCode: '24133',
          sheet: '1',
          parcelNo: '1',
          geom: rect([108, 12, 108.001, 12.001]),
          landType: 'CLN',
        },
      ],
    });
    assert.deepEqual(errorOf(await del('CLN')), [409, 'LAND_USE_CODE_IN_USE']);
  });

  test('a deleted or edited code stays as the admin left it after a restart', async () => {
    await t.app.inject({ method: 'DELETE', url: '/api/v1/admin/land-use-codes/NKH', headers: admin.headers });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/land-use-codes/ODT',
      headers: admin.headers,
      payload: { color: '#ff00ff' },
    });
    const again = await prepareDatabase(t.database, t.config);
    assert.equal(again.seed.landUseCodesAdded, 0);
    const codes: LandUseCode[] = (await t.app.inject('/api/v1/land-use-codes')).json();
    assert.equal(
      codes.find((c) => c.code === 'NKH'),
      undefined,
    );
    assert.equal(codes.find((c) => c.code === 'ODT')?.color, '#ff00ff');
  });
});
