import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PlanningDataset } from '@dltt/contracts';
import { createFileStore } from '../../storage/create-file-store.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  errorOf,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { insertPlanningData, rect } from '../../testing/planning.ts';

describe('planning datasets', () => {
  let t: TestContext;
  let admin: StaffSession;
  let officer: StaffSession;
  let otherOfficer: StaffSession;
  let construction: string;
  let environment: string;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, ADMIN.username, ADMIN.password);
    construction = await agencyId(t.database, 'so-xay-dung');
    environment = await agencyId(t.database, 'so-nong-nghiep-moi-truong');
    officer = await createStaff(t.app, admin, {
      username: 'quyhoach',
      role: 'planning_officer',
      agencyId: construction,
    });
    otherOfficer = await createStaff(t.app, admin, {
      username: 'diachinh',
      role: 'planning_officer',
      agencyId: environment,
    });
  });
  after(() => t.close());

  const create = (who: StaffSession, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/admin/planning/datasets', headers: who.headers, payload });

  test("an officer's dataset belongs to their agency; another agency's officer sees 404", async () => {
    const res = await create(officer, {
      name: 'Quy hoạch phân khu Phường Tân An',
      kind: 'construction_zoning',
      decisionNumber: '1234/QĐ-UBND',
      decisionDate: '2024-06-30',
      decisionAuthority: 'UBND tỉnh Đắk Lắk',
      scale: '1/2000',
      periodStart: 2024,
      periodEnd: 2035,
      communeCodes: ['24133'],
      // Ignored for an officer: their own agency.
      agencyId: environment,
    });
    assert.equal(res.statusCode, 201, res.body);
    const created: PlanningDataset = res.json();
    assert.equal(created.agencyId, construction);
    assert.equal(created.agencyName, 'Sở Xây dựng');
    assert.equal(created.status, 'in_force');
    assert.deepEqual(created.decision, {
      number: '1234/QĐ-UBND',
      date: '2024-06-30',
      authority: 'UBND tỉnh Đắk Lắk',
      url: null,
    });
    assert.equal(created.liveImportId, null);
    assert.equal(created.extent, null);
    assert.deepEqual(created.mapping, { zone: {}, parcel: {} });

    const url = `/api/v1/admin/planning/datasets/${created.id}`;
    assert.equal((await t.app.inject({ url, headers: officer.headers })).statusCode, 200);
    assert.equal((await t.app.inject({ url, headers: admin.headers })).statusCode, 200);
    assert.deepEqual(errorOf(await t.app.inject({ url, headers: otherOfficer.headers })), [
      404,
      'PLANNING_DATASET_NOT_FOUND',
    ]);
    assert.deepEqual(errorOf(await t.app.inject({ method: 'DELETE', url, headers: otherOfficer.headers })), [
      404,
      'PLANNING_DATASET_NOT_FOUND',
    ]);
    const othersList = await t.app.inject({
      url: '/api/v1/admin/planning/datasets',
      headers: otherOfficer.headers,
    });
    assert.equal(othersList.json().total, 0);
  });

  test('admins choose the agency; without one the dataset is refused', async () => {
    const missing = await create(admin, { name: 'Không cơ quan', kind: 'cadastral' });
    assert.deepEqual(errorOf(missing), [400, 'AGENCY_REQUIRED']);
    const res = await create(admin, {
      name: 'Bản đồ địa chính Phường Buôn Ma Thuột',
      kind: 'cadastral',
      agencyId: environment,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().agencyId, environment);
    // No decision number: no decision.
    assert.equal(res.json().decision, null);
  });

  test('list with paging, status and a diacritic-insensitive search; patch; audit', async () => {
    const draft = await create(officer, {
      name: 'Quy hoạch chi tiết Khu đô thị Ea Tam',
      kind: 'construction_detailed',
      status: 'draft',
    });
    assert.equal(draft.statusCode, 201);
    const list = (query: string, who = officer) =>
      t.app
        .inject({ url: `/api/v1/admin/planning/datasets?${query}`, headers: who.headers })
        .then((r) => r.json());
    assert.deepEqual(
      (await list('status=draft')).items.map((d: PlanningDataset) => d.name),
      ['Quy hoạch chi tiết Khu đô thị Ea Tam'],
    );
    assert.deepEqual(
      (await list('q=khu do thi')).items.map((d: PlanningDataset) => d.name),
      ['Quy hoạch chi tiết Khu đô thị Ea Tam'],
    );
    const paged = await list('pageSize=1&page=2', admin);
    assert.equal(paged.total, 3);
    assert.equal(paged.items.length, 1);

    const id = draft.json().id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/planning/datasets/${id}`,
      headers: officer.headers,
      payload: {
        status: 'in_force',
        decisionNumber: '55/QĐ-UBND',
        decisionDate: '2025-02-01',
        decisionAuthority: 'UBND tỉnh',
      },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().status, 'in_force');
    assert.equal(patched.json().decision.number, '55/QĐ-UBND');
    const badPeriod = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/planning/datasets/${id}`,
      headers: officer.headers,
      payload: { periodStart: 2030, periodEnd: 2025 },
    });
    assert.equal(badPeriod.statusCode, 400);

    const audit = await t.app.inject({
      url: `/api/v1/audit-log?entityType=planning_dataset&entityId=${id}`,
      headers: admin.headers,
    });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['planning_dataset.update', 'planning_dataset.create'],
    );
  });

  test('delete removes the imports, their rows and the stored files', async () => {
    const key = 'planning-imports/delete-me.zip';
    await createFileStore(t.config.storage).put(key, Buffer.from('zip'), 'application/zip');
    const { datasetId, importId } = await insertPlanningData(t.database.db, {
      agencyId: construction,
      zones: [{ code: 'ODT', geom: rect([108, 12, 108.001, 12.001]) }],
      parcels: [{ communeCode: '24133', sheet: '1', parcelNo: '1', geom: rect([108, 12, 108.001, 12.001]) }],
      fileKey: key,
    });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/planning/datasets/${datasetId}`,
      headers: officer.headers,
    });
    assert.equal(res.statusCode, 204);
    const db = t.database.db;
    assert.equal(
      (await db.selectFrom('planning_imports').select('id').where('id', '=', importId).execute()).length,
      0,
    );
    assert.equal(
      (await db.selectFrom('planning_zones').select('id').where('dataset_id', '=', datasetId).execute())
        .length,
      0,
    );
    assert.equal(
      (await db.selectFrom('planning_parcels').select('id').where('dataset_id', '=', datasetId).execute())
        .length,
      0,
    );
    assert.equal(await createFileStore(t.config.storage).exists(key), false);
    const audit = await t.app.inject({
      url: `/api/v1/audit-log?entityType=planning_dataset&entityId=${datasetId}`,
      headers: admin.headers,
    });
    assert.equal(audit.json().items[0].action, 'planning_dataset.delete');
  });

  test('removing the sample data deletes every sample dataset and nothing else', async () => {
    const db = t.database.db;
    const real = await insertPlanningData(db, {
      agencyId: construction,
      zones: [{ code: 'ODT', geom: rect([108, 12, 108.001, 12.001]) }],
    });
    await insertPlanningData(db, {
      agencyId: construction,
      sample: true,
      zones: [{ code: 'ODT', geom: rect([108, 12, 108.001, 12.001]) }],
    });
    await insertPlanningData(db, { agencyId: environment, sample: true, kind: 'cadastral' });
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/planning/sample',
      headers: admin.headers,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { removed: 2 });
    const left = await db.selectFrom('planning_datasets').select(['id', 'is_sample']).execute();
    assert.ok(left.every((d) => !d.is_sample));
    assert.ok(left.some((d) => d.id === real.datasetId));
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/planning/sample',
      headers: admin.headers,
    });
    assert.deepEqual(again.json(), { removed: 0 });
  });

  test('citizens and other staff cannot manage datasets', async () => {
    assert.equal((await t.app.inject({ url: '/api/v1/admin/planning/datasets' })).statusCode, 401);
    const counter = await createStaff(t.app, admin, {
      username: 'quay',
      role: 'counter_officer',
      agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
    });
    assert.equal(
      (await t.app.inject({ url: '/api/v1/admin/planning/datasets', headers: counter.headers })).statusCode,
      403,
    );
  });
});
