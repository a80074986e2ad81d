import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  AGENCY_SCOPED_ROLES,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
  roleHas,
} from '@dltt/contracts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  type StaffSession,
  startTestApp,
  type TestContext,
} from '../testing/harness.ts';
import { reportKit } from '../testing/reports.ts';

/**
 * The access matrix, generated from the running app's route table (/openapi.json lists every route with its
 * `x-access` rule): every staff route × anonymous, a citizen and each role; then every route of one report, by
 * code or photo, × an officer of the agency that has it and one of another agency. A new route is in the matrix
 * the day it is registered; nothing here lists routes by hand.
 */

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Permission;
}

const isPermission = (value: unknown): value is Permission =>
  (PERMISSIONS as readonly unknown[]).includes(value);

describe('access matrix from the route table', () => {
  let t: TestContext;
  let operations: Operation[];
  const sessions = new Map<Role, StaffSession>();
  let otherOfficer: StaffSession;
  let citizen: { authorization: string };
  let report: { code: string; photoId: string };

  before(async () => {
    t = await startTestApp();
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const agency = await agencyId(t.database, 'ubnd-24133');
    const other = await agencyId(t.database, 'ubnd-22015');
    sessions.set('admin', admin);
    for (const role of ROLES) {
      if (role === 'admin') continue;
      const scoped = AGENCY_SCOPED_ROLES.includes(role);
      sessions.set(
        role,
        await createStaff(t.app, admin, {
          username: `rbac-${role}`,
          role,
          agencyId: scoped ? agency : null,
        }),
      );
    }
    otherOfficer = await createStaff(t.app, admin, {
      username: 'rbac-other-officer',
      role: 'agency_officer',
      agencyId: other,
    });
    const kit = await reportKit(t);
    citizen = await kit.newCitizen();
    // Filed at Buôn Ma Thuột: commune matters route to its People's Committee (ubnd-24133) by default.
    const filed = await kit.file(citizen, { categoryId: kit.categories['ha-tang-do-thi'] });
    const row = await t.database.db
      .selectFrom('report_photos')
      .innerJoin('reports', 'reports.id', 'report_photos.report_id')
      .select(['report_photos.id', 'reports.agency_id'])
      .where('reports.code', '=', filed.code)
      .executeTakeFirstOrThrow();
    assert.equal(row.agency_id, agency, 'the report belongs to the first agency');
    report = { code: filed.code, photoId: row.id };

    const doc = (await t.app.inject('/openapi.json')).json<{
      paths: Record<string, Record<string, { 'x-access'?: unknown }>>;
    }>();
    operations = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const access = op['x-access'];
        if (access === 'public' || access === 'citizen') continue;
        assert.ok(isPermission(access), `${method} ${path}: x-access ${String(access)}`);
        operations.push({ method: method.toUpperCase() as Operation['method'], path, access });
      }
    }
  });
  after(() => t.close());

  /** The path with its parameters filled: the report's code and photo where the route takes them. */
  const urlOf = (op: Operation) =>
    op.path
      .replace('{code}', report.code)
      .replace('{photoId}', report.photoId)
      .replace(/\/report-photos\/\{id\}\/\{size\}/, `/report-photos/${report.photoId}/thumb`)
      .replace(/\{[^}]+\}/g, () => randomUUID());

  const call = (op: Operation, headers: Record<string, string>) =>
    t.app.inject({
      method: op.method,
      url: urlOf(op),
      headers: op.method === 'GET' ? headers : { ...headers, 'content-type': 'application/json' },
      ...(op.method === 'GET' ? {} : { payload: '{}' }),
    });

  test('the table holds the staff routes', () => {
    assert.ok(operations.length >= 70, `${operations.length} staff operations`);
  });

  test('every staff route: 401 for anyone without a session (a citizen too), 403 for a role without its permission', async () => {
    for (const op of operations) {
      for (const headers of [{}, citizen]) {
        const res = await call(op, headers);
        assert.equal(res.statusCode, 401, `${op.method} ${op.path} without a session: ${res.body}`);
        assert.equal(res.json().error.code, 'UNAUTHENTICATED');
      }
      for (const role of ROLES) {
        if (roleHas(role, op.access)) continue;
        const res = await call(op, (sessions.get(role) as StaffSession).headers);
        assert.equal(res.statusCode, 403, `${op.method} ${op.path} as ${role}: ${res.body}`);
        assert.equal(res.json().error.code, 'FORBIDDEN');
      }
    }
  });

  test("every route of one report: another agency's officer is answered as if it did not exist", async () => {
    const ofOneReport = operations.filter(
      (op) =>
        roleHas('agency_officer', op.access) &&
        (op.path.includes('/staff/reports/{code}') || op.path.includes('/staff/report-photos/{id}')),
    );
    assert.ok(ofOneReport.length >= 10, `${ofOneReport.length} routes of one report`);
    // The same answer as for a code nobody filed (a body the route refuses is refused the same way for both):
    // nothing tells the other agency the report exists.
    const missing = { code: 'PA-2000-000000', photoId: randomUUID() };
    const answer = async (op: Operation, target: { code: string; photoId: string }) => {
      const url = op.path
        .replace('{code}', target.code)
        .replace('{photoId}', target.photoId)
        .replace(/\/report-photos\/\{id\}\/\{size\}/, `/report-photos/${target.photoId}/thumb`);
      const headers = otherOfficer.headers;
      const res = await t.app.inject({
        method: op.method,
        url,
        headers: op.method === 'GET' ? headers : { ...headers, 'content-type': 'application/json' },
        ...(op.method === 'GET' ? {} : { payload: '{}' }),
      });
      return `${res.statusCode} ${res.statusCode < 500 ? res.json().error?.code : res.body}`;
    };
    let notFound = 0;
    for (const op of ofOneReport) {
      const theirs = await answer(op, report);
      assert.equal(theirs, await answer(op, missing), `${op.method} ${op.path} from another agency`);
      if (theirs.startsWith('404')) notFound++;
    }
    assert.ok(notFound >= 5, `${notFound} routes answered 404 (the others refused the empty body first)`);
    // And the report is untouched: still as filed.
    const row = await t.database.db
      .selectFrom('reports')
      .select(['status', 'agency_id'])
      .where('code', '=', report.code)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'submitted');
  });

  test('every staff route: a role with the permission gets past the access check', async () => {
    for (const op of operations) {
      // A live stream never ends under inject; its access is the same hook as every other route's. Signing
      // out would end the session the rest of the loop uses: it is checked last.
      if (op.path.endsWith('/stream') || op.path === '/api/v1/auth/logout') continue;
      for (const role of ROLES) {
        if (!roleHas(role, op.access)) continue;
        const res = await call(op, (sessions.get(role) as StaffSession).headers);
        assert.ok(
          ![401, 403].includes(res.statusCode) && res.statusCode < 500,
          `${op.method} ${op.path} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      }
    }
    for (const role of ROLES) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: (sessions.get(role) as StaffSession).headers,
      });
      assert.equal(res.statusCode, 200, `logout as ${role}`);
    }
  });
});
