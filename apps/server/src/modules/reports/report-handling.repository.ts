import type { Role } from '@dltt/contracts';
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB, ReportStatusValue, ReportsTable, StaffNotificationsTable } from '../../db/types.ts';
import { AWAITING_ACCEPTANCE, OPEN_STATUSES } from './report-workflow.ts';

export interface StaffReportRow {
  id: string;
  code: string;
  status: ReportStatusValue;
  priority: 'urgent' | 'normal' | 'complex';
  category_id: string;
  category_name: string;
  requires_after_photo: boolean;
  default_deadline_hours: number;
  commune_code: string;
  commune_name: string;
  agency_id: string;
  agency_name: string;
  assigned_officer_id: string | null;
  assigned_officer_name: string | null;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  accuracy_m: number | null;
  contact_phone: string | null;
  hide_identity: boolean;
  public_answer: string | null;
  rejection_reason: 'duplicate' | 'out_of_scope' | 'invalid' | 'insufficient_information' | null;
  duplicate_of_code: string | null;
  rating: number | null;
  reopen_count: number;
  created_at: Date;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  thumbnail_photo_id: string | null;
}

export interface ReporterContactRow {
  reporter_name: string | null;
  reporter_email: string | null;
  client_name: string | null;
}

export interface StaffEventRow {
  at: Date;
  actor_type: 'citizen' | 'staff' | 'system';
  actor_name: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  visibility: 'public' | 'internal';
}

/** Who may see which reports: one agency, or all of them. */
export type AgencyScope = { kind: 'all' } | { kind: 'agency'; agencyId: string };

export interface StaffListFilter {
  page: number;
  pageSize: number;
  status?: ReportStatusValue | undefined;
  categoryId?: string | undefined;
  communeCode?: string | undefined;
  agencyId?: string | undefined;
  assignedOfficerId?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  sort: 'deadline' | 'newest';
}

type ReportsEB = ExpressionBuilder<DB & { r: DB['reports'] }, 'r'>;

/** Past the deadline that applies in the current status (see isOverdue in report-workflow.ts). */
function overdueExpr(eb: ReportsEB, now: Date) {
  return eb.or([
    eb.and([eb('r.status', 'in', AWAITING_ACCEPTANCE), eb('r.accept_due_at', '<', now)]),
    eb.and([eb('r.status', 'in', OPEN_STATUSES), eb('r.resolve_due_at', '<', now)]),
  ]);
}

function selectStaffReports(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('communes as m', 'm.code', 'r.commune_code')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('staff_users as o', 'o.id', 'r.assigned_officer_id')
    .leftJoin('reports as d', 'd.id', 'r.duplicate_of')
    .select((eb) => [
      'r.id',
      'r.code',
      'r.status',
      'r.priority',
      'r.category_id',
      'c.name_vi as category_name',
      'c.requires_after_photo',
      'c.default_deadline_hours',
      'r.commune_code',
      'm.full_name as commune_name',
      'r.agency_id',
      'a.name as agency_name',
      'r.assigned_officer_id',
      'o.full_name as assigned_officer_name',
      'r.description',
      'r.address_text',
      'r.lat',
      'r.lng',
      'r.accuracy_m',
      'r.contact_phone',
      'r.hide_identity',
      'r.public_answer',
      'r.rejection_reason',
      'd.code as duplicate_of_code',
      'r.rating',
      'r.reopen_count',
      'r.created_at',
      'r.accept_due_at',
      'r.resolve_due_at',
      eb
        .selectFrom('report_photos as p')
        .select('p.id')
        .whereRef('p.report_id', '=', 'r.id')
        .where('p.kind', '=', 'before')
        .orderBy('p.position')
        .limit(1)
        .as('thumbnail_photo_id'),
    ]);
}

/** Whom and what the inbox list shows: the caller's agency (or the one asked for), then the filters. */
function filterInbox<Q extends ReturnType<typeof selectStaffReports>>(
  q: Q,
  scope: AgencyScope,
  f: StaffListFilter,
  now: Date,
): Q {
  let out = q;
  if (scope.kind === 'agency') out = out.where('r.agency_id', '=', scope.agencyId) as Q;
  else if (f.agencyId) out = out.where('r.agency_id', '=', f.agencyId) as Q;
  if (f.status) out = out.where('r.status', '=', f.status) as Q;
  if (f.categoryId) out = out.where('r.category_id', '=', f.categoryId) as Q;
  if (f.communeCode) out = out.where('r.commune_code', '=', f.communeCode) as Q;
  if (f.assignedOfficerId) out = out.where('r.assigned_officer_id', '=', f.assignedOfficerId) as Q;
  if (f.overdue !== undefined) {
    const wanted = f.overdue;
    out = out.where((eb) => (wanted ? overdueExpr(eb, now) : eb.not(overdueExpr(eb, now)))) as Q;
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb) =>
      eb.or([
        eb('r.code', 'ilike', like),
        eb(sql`lower(f_unaccent(r.description))`, 'like', sql<string>`lower(f_unaccent(${like}))`),
        eb(
          sql`lower(f_unaccent(coalesce(r.address_text, '')))`,
          'like',
          sql<string>`lower(f_unaccent(${like}))`,
        ),
      ]),
    ) as Q;
  }
  return out;
}

/**
 * One page of the inbox in its order, not yet run (the query plan test reads it too). Default order: open reports
 * first, by the deadline that applies now; finished ones after, newest first. The two functions and the indexes
 * on them are migration 0020's, so the first page is read from an index in order instead of sorting them all.
 */
export function inboxPage(db: Executor, scope: AgencyScope, f: StaffListFilter, now: Date) {
  let q = filterInbox(selectStaffReports(db), scope, f, now);
  if (f.sort === 'newest') q = q.orderBy('r.created_at', 'desc');
  else
    q = q
      .orderBy(sql`report_inbox_rank(r.status)`)
      .orderBy(sql`report_inbox_due(r.status, r.accept_due_at, r.resolve_due_at)`, (ob) =>
        ob.asc().nullsLast(),
      )
      .orderBy('r.created_at', 'desc');
  return q.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
}

export const reportHandlingRepository = {
  async find(db: Executor, scope: AgencyScope, code: string): Promise<StaffReportRow | undefined> {
    let q = selectStaffReports(db).where('r.code', '=', code);
    if (scope.kind === 'agency') q = q.where('r.agency_id', '=', scope.agencyId);
    return (await q.executeTakeFirst()) as StaffReportRow | undefined;
  },

  /** Reports filed into `scope` after `since` (the inbox's "new" count). */
  async countFiledSince(db: Executor, scope: AgencyScope, since: Date): Promise<number> {
    let q = db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('created_at', '>', since);
    if (scope.kind === 'agency') q = q.where('agency_id', '=', scope.agencyId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  },

  async list(
    db: Executor,
    scope: AgencyScope,
    f: StaffListFilter,
    now: Date,
  ): Promise<{ rows: StaffReportRow[]; total: number }> {
    const rows = (await inboxPage(db, scope, f, now).execute()) as StaffReportRow[];
    const count = await filterInbox(selectStaffReports(db), scope, f, now)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  events(db: Executor, reportId: string): Promise<StaffEventRow[]> {
    return db
      .selectFrom('report_events as e')
      .leftJoin('staff_users as s', (j) =>
        j.onRef('s.id', '=', 'e.actor_id').on('e.actor_type', '=', 'staff'),
      )
      .select([
        'e.at',
        'e.actor_type',
        's.full_name as actor_name',
        'e.kind',
        'e.from_status',
        'e.to_status',
        'e.note',
        'e.visibility',
      ])
      .where('e.report_id', '=', reportId)
      .orderBy('e.id')
      .execute();
  },

  /**
   * The transition itself: changes the report only if it is still in one of `from` (and in scope).
   * Returns false when someone else moved it first or it is not in a state that allows the action.
   */
  async transition(
    db: Executor,
    id: string,
    from: readonly ReportStatusValue[],
    agencyId: string,
    changes: Updateable<ReportsTable>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('reports')
      .set(changes)
      .where('id', '=', id)
      .where('status', 'in', from)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async update(db: Executor, id: string, changes: Updateable<ReportsTable>): Promise<void> {
    await db.updateTable('reports').set(changes).where('id', '=', id).execute();
  },

  /** Appends an event; a public one also goes to the notification outbox in the same transaction. */
  async insertEvent(db: Executor, event: Insertable<DB['report_events']>): Promise<void> {
    const row = await db.insertInto('report_events').values(event).returning('id').executeTakeFirstOrThrow();
    if (event.visibility === 'public' && event.actor_type !== 'citizen') {
      await db
        .insertInto('notification_outbox')
        .values({ report_id: event.report_id, event_id: row.id })
        .execute();
    }
  },

  /** What an Open311 client told us about the reporter, for the handling agency only. */
  async reporterContact(db: Executor, reportId: string): Promise<ReporterContactRow> {
    return db
      .selectFrom('reports as r')
      .leftJoin('api_clients as k', 'k.id', 'r.api_client_id')
      .select(['r.reporter_name', 'r.reporter_email', 'k.name as client_name'])
      .where('r.id', '=', reportId)
      .executeTakeFirstOrThrow();
  },

  async deleteAfterPhoto(db: Executor, photoId: string): Promise<void> {
    await db.deleteFrom('report_photos').where('id', '=', photoId).where('kind', '=', 'after').execute();
  },

  async agencyOfReport(db: Executor, reportId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('reports')
      .select('agency_id')
      .where('id', '=', reportId)
      .executeTakeFirst();
    return row?.agency_id;
  },

  async countAfterPhotos(db: Executor, reportId: string): Promise<number> {
    const row = await db
      .selectFrom('report_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('report_id', '=', reportId)
      .where('kind', '=', 'after')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Hides exactly the given photos of the report (and shows the others); returns how many ids matched. */
  async setHiddenPhotos(db: Executor, reportId: string, hiddenIds: string[]): Promise<number> {
    await db.updateTable('report_photos').set({ hidden: false }).where('report_id', '=', reportId).execute();
    if (hiddenIds.length === 0) return 0;
    const r = await db
      .updateTable('report_photos')
      .set({ hidden: true })
      .where('report_id', '=', reportId)
      .where('id', 'in', hiddenIds)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** Staff of an agency who can be assigned reports. */
  assignees(db: Executor, agencyId: string) {
    return db
      .selectFrom('staff_users')
      .select(['id', 'full_name', 'role'])
      .where('agency_id', '=', agencyId)
      .where('active', '=', true)
      .where('role', 'in', ['agency_manager', 'agency_officer'])
      .orderBy('full_name')
      .execute();
  },

  findStaff(db: Executor, id: string) {
    return db
      .selectFrom('staff_users')
      .select(['id', 'agency_id', 'role', 'active'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  findAgency(db: Executor, id: string) {
    return db.selectFrom('agencies').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
  },

  /** Active staff of an agency with one of `roles` (managers to warn, dispatchers to escalate to). */
  async staffWithRoles(db: Executor, roles: Role[], agencyId: string | null): Promise<string[]> {
    let q = db.selectFrom('staff_users').select('id').where('active', '=', true).where('role', 'in', roles);
    if (agencyId) q = q.where('agency_id', '=', agencyId);
    return (await q.execute()).map((r) => r.id);
  },

  async notifyStaff(db: Executor, rows: Insertable<StaffNotificationsTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('staff_notifications').values(rows).execute();
  },

  /** Marks newly overdue open reports (once per deadline) and returns them. */
  markOverdue(db: Executor, now: Date) {
    return db
      .updateTable('reports')
      .set({ overdue_notified_at: now })
      .where('overdue_notified_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', AWAITING_ACCEPTANCE), eb('accept_due_at', '<', now)]),
          eb.and([eb('status', 'in', OPEN_STATUSES), eb('resolve_due_at', '<', now)]),
        ]),
      )
      .returning(['id', 'agency_id', 'assigned_officer_id'])
      .execute();
  },

  /** Overdue open reports not escalated yet, with the deadline they missed. */
  escalationCandidates(db: Executor) {
    return db
      .selectFrom('reports')
      .select(['id', 'status', 'accept_due_at', 'resolve_due_at'])
      .where('overdue_notified_at', 'is not', null)
      .where('escalated_at', 'is', null)
      .where('status', 'in', OPEN_STATUSES)
      .execute();
  },

  async markEscalated(db: Executor, id: string, now: Date): Promise<boolean> {
    const r = await db
      .updateTable('reports')
      .set({ escalated_at: now })
      .where('id', '=', id)
      .where('escalated_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
