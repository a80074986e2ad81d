import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../../db/pool.ts';
import { freshDatabase } from '../../testing/harness.ts';
import { type AgencyScope, inboxPage } from './report-handling.repository.ts';

/**
 * The inbox's default order must be served by migration 0020's indexes, whatever the table holds: with sorting
 * and sequential scans priced out, the plan shows whether an index can give the rows in the query's order (an
 * expression that drifted from the index's would bring the Sort back). A plan, not a timing.
 */
describe('staff inbox: the default order is read from an index', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  const planOf = (scope: AgencyScope) =>
    database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      const page = inboxPage(trx, scope, { page: 1, pageSize: 20, sort: 'deadline' }, new Date());
      const compiled = page.compile();
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]),
      );
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  test("everyone's inbox: reports_inbox_order_idx, no sort", async () => {
    const plan = await planOf({ kind: 'all' });
    assert.match(plan, /reports_inbox_order_idx/, plan);
    assert.doesNotMatch(plan, /^\s*(->\s*)?Sort\b/m, plan);
  });

  test("an agency's inbox: reports_agency_inbox_order_idx, no sort", async () => {
    const plan = await planOf({ kind: 'agency', agencyId: randomUUID() });
    assert.match(plan, /reports_agency_inbox_order_idx/, plan);
    assert.doesNotMatch(plan, /^\s*(->\s*)?Sort\b/m, plan);
  });
});
