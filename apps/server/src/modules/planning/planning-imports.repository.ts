import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  PlanningDatasetsTable,
  PlanningImportsTable,
  PlanningParcelsTable,
  PlanningZonesTable,
} from '../../db/types.ts';
import { boxLiteral } from './geometry.ts';
import type { ParcelValues, StagedFeature, ZoneValues } from './import/validate.ts';

export type PlanningImportRow = Selectable<PlanningImportsTable>;
export type PlanningDatasetRow = Selectable<PlanningDatasetsTable>;
/** What an import's rules need of its dataset. */
export type DatasetOfImport = Pick<PlanningDatasetRow, 'id' | 'agency_id' | 'kind' | 'live_import_id'>;

/** Statuses whose rows nobody will ever look at again (deleted in batches by the job). */
const DEAD = ['failed', 'cancelled'] as const;

export const planningImportRepository = {
  findDataset(db: Executor, id: string): Promise<DatasetOfImport | undefined> {
    return db
      .selectFrom('planning_datasets')
      .select(['id', 'agency_id', 'kind', 'live_import_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The dataset row locked for the rest of the transaction (publishing switches it). */
  lockDataset(db: Executor, id: string): Promise<DatasetOfImport | undefined> {
    return db
      .selectFrom('planning_datasets')
      .select(['id', 'agency_id', 'kind', 'live_import_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async rememberMapping(db: Executor, datasetId: string, mapping: string, now: Date): Promise<void> {
    await db
      .updateTable('planning_datasets')
      .set({ column_mapping: mapping, updated_at: now })
      .where('id', '=', datasetId)
      .execute();
  },

  async switchLive(
    db: Executor,
    datasetId: string,
    values: Pick<
      Updateable<PlanningDatasetsTable>,
      | 'live_import_id'
      | 'feature_count'
      | 'extent_west'
      | 'extent_south'
      | 'extent_east'
      | 'extent_north'
      | 'published_at'
      | 'updated_at'
    >,
  ): Promise<void> {
    await db.updateTable('planning_datasets').set(values).where('id', '=', datasetId).execute();
  },

  insert(db: Executor, values: Insertable<PlanningImportsTable>): Promise<PlanningImportRow> {
    return db.insertInto('planning_imports').values(values).returningAll().executeTakeFirstOrThrow();
  },

  find(db: Executor, id: string): Promise<PlanningImportRow | undefined> {
    return db.selectFrom('planning_imports').selectAll().where('id', '=', id).executeTakeFirst();
  },

  listForDataset(db: Executor, datasetId: string, limit: number): Promise<PlanningImportRow[]> {
    return db
      .selectFrom('planning_imports')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  /** Changes an import only while it is in one of `from` (the state check and the write are one statement). */
  update(
    db: Executor,
    id: string,
    from: readonly PlanningImportRow['status'][],
    values: Updateable<PlanningImportsTable>,
  ): Promise<PlanningImportRow | undefined> {
    return db
      .updateTable('planning_imports')
      .set(values)
      .where('id', '=', id)
      .where('status', 'in', from)
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * Cancels a queued or validated import at once; a running one is asked to stop (its job notices within a
   * batch and finishes the cancel). Null when the import is in no state to cancel.
   */
  requestCancel(db: Executor, id: string, now: Date): Promise<PlanningImportRow | undefined> {
    return db
      .updateTable('planning_imports')
      .set({
        status: sql`CASE WHEN status = 'running' THEN status ELSE 'cancelled' END`,
        cancel_requested: true,
        finished_at: sql`CASE WHEN status = 'running' THEN finished_at ELSE ${now} END`,
      })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running', 'validated'])
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * Takes the oldest queued import, or a running one whose worker stopped extending its lease, for `leaseUntil`.
   * `started_at` becomes the holder's token: progress writes name it, so a worker whose lease was retaken stops.
   */
  claim(db: Executor, now: Date, leaseUntil: Date): Promise<PlanningImportRow | undefined> {
    return db
      .updateTable('planning_imports')
      .set({ status: 'running', lease_until: leaseUntil, started_at: now })
      .where(
        'id',
        '=',
        db
          .selectFrom('planning_imports')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('status', '=', 'queued'),
              eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
            ]),
          )
          .orderBy('created_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * Progress of a batch and a longer lease, for the holder only; answers whether a cancel was asked, or null when
   * the import is no longer this worker's (its lease was retaken, or it left `running`).
   */
  async progress(
    db: Executor,
    id: string,
    token: Date,
    values: { processed: number; total?: number | null; leaseUntil: Date },
  ): Promise<{ cancelRequested: boolean } | null> {
    const row = await db
      .updateTable('planning_imports')
      .set({
        processed: values.processed,
        lease_until: values.leaseUntil,
        ...(values.total !== undefined ? { total: values.total } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('started_at', '=', token)
      .returning('cancel_requested')
      .executeTakeFirst();
    return row ? { cancelRequested: row.cancel_requested } : null;
  },

  /** The end of a run: only while this worker still holds the import. */
  finish(
    db: Executor,
    id: string,
    token: Date,
    values: Updateable<PlanningImportsTable>,
  ): Promise<PlanningImportRow | undefined> {
    return (
      db
        .updateTable('planning_imports')
        .set({ ...values, lease_until: null })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('started_at', '=', token)
        // A cancel asked after the last batch still wins over "validated".
        .$if(values.status === 'validated', (q) => q.where('cancel_requested', '=', false))
        .returningAll()
        .executeTakeFirst()
    );
  },

  async knownCodes(db: Executor): Promise<Set<string>> {
    const rows = await db.selectFrom('land_use_codes').select('code').execute();
    return new Set(rows.map((r) => r.code));
  },

  /** Staged zones, one multi-row INSERT. */
  async insertZones(
    db: Executor,
    importId: string,
    datasetId: string,
    features: StagedFeature<ZoneValues>[],
  ): Promise<void> {
    if (features.length === 0) return;
    const rows: Insertable<PlanningZonesTable>[] = features.map((f) => ({
      import_id: importId,
      dataset_id: datasetId,
      source_index: f.sourceIndex,
      ...f.values,
      geom: JSON.stringify(f.geometry),
      bbox: boxLiteral(f.bbox),
    }));
    await db.insertInto('planning_zones').values(rows).execute();
  },

  /** Staged parcels, one multi-row INSERT. */
  async insertParcels(
    db: Executor,
    importId: string,
    datasetId: string,
    features: StagedFeature<ParcelValues>[],
  ): Promise<void> {
    if (features.length === 0) return;
    const rows: Insertable<PlanningParcelsTable>[] = features.map((f) => ({
      import_id: importId,
      dataset_id: datasetId,
      source_index: f.sourceIndex,
      ...f.values,
      geom: JSON.stringify(f.geometry),
      bbox: boxLiteral(f.bbox),
    }));
    await db.insertInto('planning_parcels').values(rows).execute();
  },

  /** Deletes up to `limit` rows of an import from both tables; answers how many went (0: none left). */
  async deleteRows(db: Executor, importId: string, limit: number): Promise<number> {
    let deleted = 0;
    for (const table of ['planning_zones', 'planning_parcels'] as const) {
      const result = await db
        .deleteFrom(table)
        .where('id', 'in', db.selectFrom(table).select('id').where('import_id', '=', importId).limit(limit))
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  },

  async countRows(db: Executor, importId: string): Promise<number> {
    const counts = await Promise.all(
      (['planning_zones', 'planning_parcels'] as const).map((table) =>
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('import_id', '=', importId)
          .executeTakeFirstOrThrow(),
      ),
    );
    return counts.reduce((sum, c) => sum + Number(c.n), 0);
  },

  /**
   * Imports whose rows may be left behind: failed and cancelled ones, and published ones a later publish
   * replaced. Their rows are invisible (not the dataset's live import); the job deletes them in batches.
   */
  async importsWithDeadRows(db: Executor, limit: number, replacedBefore: Date): Promise<string[]> {
    const rows = await db
      .selectFrom('planning_imports as i')
      .innerJoin('planning_datasets as d', 'd.id', 'i.dataset_id')
      .select('i.id')
      .where((eb) =>
        eb.or([
          eb('i.status', 'in', DEAD),
          eb.and([
            eb('i.status', '=', 'published'),
            eb.or([eb('d.live_import_id', 'is', null), eb('d.live_import_id', '!=', eb.ref('i.id'))]),
            // Lookups in other processes may still name the replaced import for a few seconds after the switch.
            eb.or([eb('d.published_at', 'is', null), eb('d.published_at', '<', replacedBefore)]),
          ]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('planning_zones as z').select('z.id').whereRef('z.import_id', '=', 'i.id')),
          eb.exists(
            eb.selectFrom('planning_parcels as p').select('p.id').whereRef('p.import_id', '=', 'i.id'),
          ),
        ]),
      )
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },
};
