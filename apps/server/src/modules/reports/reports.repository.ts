import { type Insertable, sql, type UpdateObject } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB, ReportEventsTable, ReportStatusValue, ReportsTable } from '../../db/types.ts';

export interface ReportRow {
  id: string;
  code: string;
  citizen_id: string;
  status: ReportStatusValue;
  category_id: string;
  category_name: string;
  commune_code: string;
  commune_name: string;
  agency_name: string;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  accuracy_m: number | null;
  contact_phone: string | null;
  hide_identity: boolean;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  public_answer: string | null;
  rejection_reason: 'duplicate' | 'out_of_scope' | 'invalid' | 'insufficient_information' | null;
  duplicate_of_code: string | null;
  published_at: Date | null;
  rating: number | null;
  created_at: Date;
}

export interface ReportEventRow {
  at: Date;
  kind: string;
  to_status: string | null;
  note: string | null;
}

const sequenceName = (year: number) => `report_number_${Math.trunc(year)}`;

function selectReports(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('communes as m', 'm.code', 'r.commune_code')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('reports as d', 'd.id', 'r.duplicate_of')
    .select([
      'r.id',
      'r.code',
      'r.citizen_id',
      'r.status',
      'r.category_id',
      'c.name_vi as category_name',
      'r.commune_code',
      'm.full_name as commune_name',
      'a.name as agency_name',
      'r.description',
      'r.address_text',
      'r.lat',
      'r.lng',
      'r.accuracy_m',
      'r.contact_phone',
      'r.hide_identity',
      'r.accept_due_at',
      'r.resolve_due_at',
      'r.public_answer',
      'r.rejection_reason',
      'd.code as duplicate_of_code',
      'r.published_at',
      'r.rating',
      'r.created_at',
    ]);
}

export const reportRepository = {
  /**
   * Gives the report its code, PA-<year>-<n> (at least six digits), from the year's sequence. Taken as the last
   * statement of the submission, after every check: a number is lost only when the commit itself fails. A
   * sequence holds no lock until commit, unlike a counter row, so submissions do not queue behind each other's
   * disk flush (docs/DECISIONS.md).
   */
  async assignCode(db: Executor, reportId: string, year: number): Promise<string> {
    const r = await sql<{ code: string }>`
      update reports set code = 'PA-' || ${String(year)} || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
      from (select nextval(${sequenceName(year)}::regclass) as n) s
      where reports.id = ${reportId}
      returning reports.code`.execute(db);
    const code = r.rows[0]?.code;
    if (!code) throw new Error(`report ${reportId} vanished while taking its number`);
    return code;
  },

  /**
   * Makes the number sequences of these years if missing (at start and daily), continuing from the counters the
   * first version kept, so no number is given twice.
   */
  async ensureSequences(db: Executor, years: number[]): Promise<void> {
    for (const year of years) {
      const counter = await db
        .selectFrom('report_counters')
        .select('last')
        .where('year', '=', year)
        .executeTakeFirst();
      const start = (counter?.last ?? 0) + 1;
      await sql`create sequence if not exists ${sql.id(sequenceName(year))} start with ${sql.lit(start)}`.execute(
        db,
      );
    }
  },

  async insert(db: Executor, values: Insertable<ReportsTable>): Promise<string> {
    const row = await db.insertInto('reports').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async insertEvent(db: Executor, event: Insertable<ReportEventsTable>): Promise<void> {
    await db.insertInto('report_events').values(event).execute();
  },

  findByIdempotencyKey(
    db: Executor,
    citizenId: string,
    key: string,
  ): Promise<{ id: string; request_hash: string } | undefined> {
    return db
      .selectFrom('reports')
      .select(['id', 'request_hash'])
      .where('citizen_id', '=', citizenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  findForCitizen(db: Executor, citizenId: string, idOrCode: { id?: string; code?: string }) {
    let q = selectReports(db).where('r.citizen_id', '=', citizenId);
    if (idOrCode.id) q = q.where('r.id', '=', idOrCode.id);
    if (idOrCode.code) q = q.where('r.code', '=', idOrCode.code);
    return q.executeTakeFirst() as Promise<ReportRow | undefined>;
  },

  async listForCitizen(
    db: Executor,
    citizenId: string,
    page: { page: number; pageSize: number },
  ): Promise<{ rows: ReportRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      selectReports(db)
        .where('r.citizen_id', '=', citizenId)
        .orderBy('r.created_at', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute() as Promise<ReportRow[]>,
      db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  publicEvents(db: Executor, reportId: string): Promise<ReportEventRow[]> {
    return db
      .selectFrom('report_events')
      .select(['at', 'kind', 'to_status', 'note'])
      .where('report_id', '=', reportId)
      .where('visibility', '=', 'public')
      .orderBy('id')
      .execute();
  },

  /**
   * The reporter's feedback, only while the result is published, unrated and within the feedback window:
   * the conditions sit in the UPDATE so a double tap cannot rate twice or reopen twice.
   */
  async applyFeedback(
    db: Executor,
    citizenId: string,
    reportId: string,
    windowStart: Date,
    changes: UpdateObject<DB, 'reports'>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('reports')
      .set(changes)
      .where('id', '=', reportId)
      .where('citizen_id', '=', citizenId)
      .where('status', '=', 'published')
      .where('published_at', '>', windowStart)
      .where('rating', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  findFeedbackContext(db: Executor, reportId: string) {
    return db
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .select([
        'r.priority',
        'r.agency_id',
        'r.assigned_officer_id',
        'r.category_id',
        'c.default_deadline_hours',
      ])
      .where('r.id', '=', reportId)
      .executeTakeFirstOrThrow();
  },

  async follow(db: Executor, reportId: string, citizenId: string): Promise<void> {
    await db
      .insertInto('report_followers')
      .values({ report_id: reportId, citizen_id: citizenId })
      .onConflict((oc) => oc.columns(['report_id', 'citizen_id']).doNothing())
      .execute();
  },

  findByCode(
    db: Executor,
    code: string,
  ): Promise<{ id: string; citizen_id: string; status: ReportStatusValue } | undefined> {
    return db
      .selectFrom('reports')
      .select(['id', 'citizen_id', 'status'])
      .where('code', '=', code)
      .executeTakeFirst();
  },
};
