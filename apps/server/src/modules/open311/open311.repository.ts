import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { ReportStatusValue } from '../../db/types.ts';

/** A report as Open311 may show it; personal fields are simply not selected. */
export interface Open311ReportRow {
  id: string;
  code: string;
  status: ReportStatusValue;
  category_code: string;
  category_name: string;
  agency_name: string;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  created_at: Date;
  updated_at: Date;
  resolve_due_at: Date | null;
  published_at: Date | null;
  public_answer: string | null;
  media_url: string | null;
  first_photo_id: string | null;
}

export interface Open311Filter {
  codes?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  statuses?: ReportStatusValue[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

function selectOpen311(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select((eb) => [
      'r.id',
      'r.code',
      'r.status',
      'c.code as category_code',
      'c.name_vi as category_name',
      'a.name as agency_name',
      'r.description',
      'r.address_text',
      'r.lat',
      'r.lng',
      'r.created_at',
      'r.updated_at',
      'r.resolve_due_at',
      'r.published_at',
      'r.public_answer',
      'r.media_url',
      eb
        .selectFrom('report_photos as p')
        .select('p.id')
        .whereRef('p.report_id', '=', 'r.id')
        .where('p.hidden', '=', false)
        .orderBy('p.kind', 'desc')
        .orderBy('p.position')
        .limit(1)
        .as('first_photo_id'),
    ]);
}

export const open311Repository = {
  findClientByKeyHash(db: Executor, keyHash: Buffer) {
    return db
      .selectFrom('api_clients')
      .select(['id', 'citizen_id', 'revoked_at'])
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
  },

  listClients(db: Executor) {
    return db.selectFrom('api_clients').selectAll().orderBy('created_at', 'desc').execute();
  },

  insertClient(
    db: Executor,
    values: {
      name: string;
      contact: string | null;
      key_hash: Buffer;
      key_prefix: string;
      citizen_id: string;
      created_by: string;
    },
  ) {
    return db.insertInto('api_clients').values(values).returningAll().executeTakeFirstOrThrow();
  },

  revokeClient(db: Executor, id: string, at: Date) {
    return db
      .updateTable('api_clients')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  findClient(db: Executor, id: string) {
    return db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async createCitizen(db: Executor): Promise<string> {
    const row = await db.insertInto('citizens').defaultValues().returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  attributes(db: Executor, categoryId: string) {
    return db
      .selectFrom('category_attributes')
      .selectAll()
      .where('category_id', '=', categoryId)
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
  },

  /** Categories with at least one attribute (Open311 `metadata: true`). */
  async categoriesWithAttributes(db: Executor): Promise<Set<string>> {
    const rows = await db.selectFrom('category_attributes').select('category_id').distinct().execute();
    return new Set(rows.map((r) => r.category_id));
  },

  async replaceAttributes(
    db: Executor,
    categoryId: string,
    rows: {
      code: string;
      datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
      description: string;
      datatype_description: string | null;
      required: boolean;
      sort_order: number;
      values: string;
    }[],
  ): Promise<void> {
    await db.deleteFrom('category_attributes').where('category_id', '=', categoryId).execute();
    if (rows.length > 0)
      await db
        .insertInto('category_attributes')
        .values(rows.map((r) => ({ ...r, category_id: categoryId })))
        .execute();
  },

  async listReports(db: Executor, f: Open311Filter): Promise<Open311ReportRow[]> {
    let q = selectOpen311(db);
    if (f.codes) q = q.where('r.code', 'in', f.codes);
    else {
      if (f.serviceCodes) q = q.where('c.code', 'in', f.serviceCodes);
      if (f.statuses) q = q.where('r.status', 'in', f.statuses);
      if (f.from) q = q.where('r.created_at', '>=', f.from);
      if (f.to) q = q.where('r.created_at', '<=', f.to);
    }
    return q.orderBy('r.created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  },

  findReportByToken(db: Executor, token: string) {
    return db
      .selectFrom('reports')
      .select(['code', 'open311_token'])
      .where('open311_token', '=', token)
      .executeTakeFirst();
  },

  /** Public status changes and notes, oldest first, for `servicerequestupdates` and `notes[]`. */
  publicUpdates(db: Executor, f: { reportIds?: string[]; from?: Date; to?: Date; limit: number }) {
    let q = db
      .selectFrom('report_events as e')
      .innerJoin('reports as r', 'r.id', 'e.report_id')
      .select(['e.id', 'e.report_id', 'r.code', 'e.at', 'e.kind', 'e.to_status', 'e.note'])
      .where('e.visibility', '=', 'public');
    if (f.reportIds)
      q = f.reportIds.length ? q.where('e.report_id', 'in', f.reportIds) : q.where(sql<boolean>`false`);
    if (f.from) q = q.where('e.at', '>=', f.from);
    if (f.to) q = q.where('e.at', '<=', f.to);
    return q.orderBy('e.id').limit(f.limit).execute();
  },
};
