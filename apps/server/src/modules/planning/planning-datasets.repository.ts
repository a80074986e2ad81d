import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  PlanningDatasetsTable,
  PlanningImportsTable,
  PlanningParcelsTable,
  PlanningZonesTable,
} from '../../db/types.ts';

export type PlanningDatasetRow = Selectable<PlanningDatasetsTable>;
/** A dataset with the name of the agency it belongs to. */
export type PlanningDatasetListRow = PlanningDatasetRow & { agency_name: string };

export interface DatasetFilter {
  /** Only this agency's datasets (a planning officer); undefined for all (an admin). */
  agencyId?: string;
  status?: PlanningDatasetRow['status'];
  q?: string;
}

function withAgency(db: Executor) {
  return db
    .selectFrom('planning_datasets as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .selectAll('d')
    .select('a.name as agency_name');
}

export const planningDatasetRepository = {
  async list(
    db: Executor,
    filter: DatasetFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: PlanningDatasetListRow[]; total: number }> {
    let query = withAgency(db);
    if (filter.agencyId) query = query.where('d.agency_id', '=', filter.agencyId);
    if (filter.status) query = query.where('d.status', '=', filter.status);
    if (filter.q)
      query = query.where(
        sql<boolean>`f_unaccent(d.name) ILIKE '%' || f_unaccent(${filter.q.replace(/[\\%_]/g, '\\$&')}) || '%'`,
      );
    const [rows, count] = await Promise.all([
      query.orderBy('d.created_at', 'desc').orderBy('d.id').limit(page.limit).offset(page.offset).execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  find(db: Executor, id: string): Promise<PlanningDatasetListRow | undefined> {
    return withAgency(db).where('d.id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, row: Insertable<PlanningDatasetsTable>): Promise<PlanningDatasetRow> {
    return db.insertInto('planning_datasets').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Executor, id: string, changes: Updateable<PlanningDatasetsTable>): Promise<void> {
    await db.updateTable('planning_datasets').set(changes).where('id', '=', id).execute();
  },

  /** The stored files of the dataset's imports (deleted from the file store with the dataset). */
  async importFileKeys(db: Executor, id: string): Promise<string[]> {
    const rows = await db
      .selectFrom('planning_imports')
      .select('file_key')
      .where('dataset_id', '=', id)
      .execute();
    return rows.map((r) => r.file_key);
  },

  /**
   * Deletes the dataset, its imports and their rows. Rows go first, by import, so the cascade from
   * planning_imports has nothing left to look for.
   */
  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('planning_zones').where('dataset_id', '=', id).execute();
    await db.deleteFrom('planning_parcels').where('dataset_id', '=', id).execute();
    await db.deleteFrom('planning_imports').where('dataset_id', '=', id).execute();
    await db.deleteFrom('planning_datasets').where('id', '=', id).execute();
  },

  async sampleIds(db: Executor, agencyId: string | undefined): Promise<string[]> {
    let query = db.selectFrom('planning_datasets').select('id').where('is_sample', '=', true);
    if (agencyId) query = query.where('agency_id', '=', agencyId);
    return (await query.execute()).map((r) => r.id);
  },

  /** A seeded agency's id by its code (the sample data's owners). */
  async agencyIdByCode(db: Executor, code: string): Promise<string | undefined> {
    return (await db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst())?.id;
  },

  /** An import row as a finished import leaves it (used by the generated sample data). */
  async insertImport(db: Executor, row: Insertable<PlanningImportsTable>): Promise<string> {
    return (await db.insertInto('planning_imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
  },

  async insertZones(db: Executor, rows: Insertable<PlanningZonesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('planning_zones')
        .values(rows.slice(i, i + 500))
        .execute();
  },

  async insertParcels(db: Executor, rows: Insertable<PlanningParcelsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('planning_parcels')
        .values(rows.slice(i, i + 500))
        .execute();
  },

  /** Published datasets a citizen may see: in force or drafts for consultation, never superseded. */
  listPublic(db: Executor): Promise<PlanningDatasetRow[]> {
    return db
      .selectFrom('planning_datasets')
      .selectAll()
      .where('live_import_id', 'is not', null)
      .where('status', 'in', ['in_force', 'draft'])
      .orderBy('decision_date', (ob) => ob.desc().nullsLast())
      .orderBy('published_at', 'desc')
      .execute();
  },
};
export type PlanningDatasetRepository = typeof planningDatasetRepository;
