import { type Insertable, sql, type UpdateObject } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB, ReportEventsTable, ReportStatusValue } from '../../db/types.ts';
import type { ReportPhotoRow } from './report-photos.repository.ts';

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

/** The year's reference-number sequence (file_report takes numbers from it by this name). */
const sequenceName = (year: number) => `report_number_${Math.trunc(year)}`;

/** A photo of a report as its reporter's view needs it. */
export type SubmittedPhotoRow = Pick<ReportPhotoRow, 'id' | 'kind' | 'width' | 'height' | 'hidden'>;

/** Everything a new report is filed with; checks that need no database were made before. */
export interface Submission {
  citizenId: string;
  idempotencyKey: string;
  requestHash: string;
  categoryId: string;
  /** The commune given by the citizen or client; null: the one whose boundary contains the point. */
  communeCode: string | null;
  photoIds: string[];
  description: string;
  address: string | null;
  location: { lat: number; lng: number; accuracy: number | null; source: 'gps' | 'map' | 'address' };
  contactPhone: string | null;
  hideIdentity: boolean;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  /** Set when an API client (Open311) files the report. */
  client?: {
    apiClientId: string;
    token: string;
    mediaUrl: string | null;
    reporterName: string | null;
    reporterEmail: string | null;
    attributes: Record<string, string | string[]>;
  };
  now: Date;
  /** The year of the reference number (in Vietnam). */
  year: number;
}

/**
 * What filing did: the new report (with its photos) when it filed one; otherwise the report already filed under
 * the key, or which check failed first (the later ones are false, unchecked).
 */
export interface SubmissionOutcome {
  report: ReportRow | null;
  photos: SubmittedPhotoRow[];
  existing: { id: string; request_hash: string } | null;
  citizenOk: boolean;
  categoryOk: boolean;
  placeOk: boolean;
  routeOk: boolean;
  photosOk: boolean;
}

interface FileReportRow {
  existing_id: string | null;
  existing_hash: string | null;
  citizen_ok: boolean;
  category_ok: boolean;
  place_ok: boolean;
  route_ok: boolean;
  photos_ok: boolean;
  report_id: string | null;
  report_code: string | null;
  commune_code: string | null;
  commune_name: string | null;
  agency_name: string | null;
  category_name: string | null;
  photos: SubmittedPhotoRow[];
}

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
   * Files a report in one round trip: commune, routing, the report with its reference number, its photos and the
   * first timeline entry, in the database function file_report (migration 0016), whose statements each
   * connection plans once. It writes nothing and takes no number unless every check passes; see the migration.
   */
  async submit(db: Executor, s: Submission): Promise<SubmissionOutcome> {
    const { location, client } = s;
    const r = await sql<FileReportRow>`
      select * from file_report(
        p_citizen_id => ${s.citizenId}::uuid,
        p_idempotency_key => ${s.idempotencyKey}::text,
        p_request_hash => ${s.requestHash}::text,
        p_category_id => ${s.categoryId}::uuid,
        p_lat => ${location.lat}::float8,
        p_lng => ${location.lng}::float8,
        p_commune_code => ${s.communeCode}::text,
        p_photo_ids => ${s.photoIds}::uuid[],
        p_description => ${s.description}::text,
        p_address_text => ${s.address}::text,
        p_accuracy_m => ${location.accuracy}::real,
        p_location_source => ${location.source}::text,
        p_contact_phone => ${s.contactPhone}::text,
        p_hide_identity => ${s.hideIdentity}::boolean,
        p_accept_due_at => ${s.acceptDueAt}::timestamptz,
        p_resolve_due_at => ${s.resolveDueAt}::timestamptz,
        p_source => ${client ? 'open311' : 'app'}::text,
        p_api_client_id => ${client?.apiClientId ?? null}::uuid,
        p_media_url => ${client?.mediaUrl ?? null}::text,
        p_reporter_name => ${client?.reporterName ?? null}::text,
        p_reporter_email => ${client?.reporterEmail ?? null}::text,
        p_attributes => ${JSON.stringify(client?.attributes ?? {})}::jsonb,
        p_open311_token => ${client?.token ?? null}::text,
        p_now => ${s.now}::timestamptz,
        p_year => ${s.year}::integer)`.execute(db);
    const row = r.rows[0];
    if (!row) throw new Error('file_report returned no row');
    const filed = row.report_id !== null && row.report_code !== null && row.commune_code !== null;
    return {
      // What was inserted, as the reporter's view reads it back (selectReports).
      report: filed
        ? {
            id: row.report_id as string,
            code: row.report_code as string,
            citizen_id: s.citizenId,
            status: 'submitted',
            category_id: s.categoryId,
            category_name: row.category_name ?? '',
            commune_code: row.commune_code as string,
            commune_name: row.commune_name ?? '',
            agency_name: row.agency_name ?? '',
            description: s.description,
            address_text: s.address,
            lat: location.lat,
            lng: location.lng,
            accuracy_m: location.accuracy,
            contact_phone: s.contactPhone,
            hide_identity: s.hideIdentity,
            accept_due_at: s.acceptDueAt,
            resolve_due_at: s.resolveDueAt,
            public_answer: null,
            rejection_reason: null,
            duplicate_of_code: null,
            published_at: null,
            rating: null,
            created_at: s.now,
          }
        : null,
      photos: row.photos,
      existing:
        row.existing_id && row.existing_hash
          ? { id: row.existing_id, request_hash: row.existing_hash }
          : null,
      citizenOk: row.citizen_ok,
      categoryOk: row.category_ok,
      placeOk: row.place_ok,
      routeOk: row.route_ok,
      photosOk: row.photos_ok,
    };
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

  async insertEvent(db: Executor, event: Insertable<ReportEventsTable>): Promise<void> {
    await db.insertInto('report_events').values(event).execute();
  },

  /** The agency handling a report (whose inboxes hear of its changes). */
  async agencyOf(db: Executor, reportId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('reports')
      .select('agency_id')
      .where('id', '=', reportId)
      .executeTakeFirst();
    return row?.agency_id;
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
