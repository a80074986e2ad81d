import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { ReportPhotosTable } from '../../db/types.ts';

export type ReportPhotoRow = Selectable<ReportPhotosTable>;

export const reportPhotoRepository = {
  async insert(db: Executor, values: Insertable<ReportPhotosTable>): Promise<void> {
    await db.insertInto('report_photos').values(values).execute();
  },

  findById(db: Executor, id: string): Promise<ReportPhotoRow | undefined> {
    return db.selectFrom('report_photos').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * Attaches a citizen's uploaded, still unattached photos to their new report, in the given order.
   * Returns how many were attached; fewer than asked means a foreign, used or unknown id.
   */
  async attach(db: Executor, citizenId: string, reportId: string, photoIds: string[]): Promise<number> {
    if (photoIds.length === 0) return 0;
    // One statement for all photos; the order given becomes their position.
    const r = await sql`
      update report_photos p set report_id = ${reportId}, position = x.ord - 1
      from unnest(${photoIds}::uuid[]) with ordinality as x(id, ord)
      where p.id = x.id and p.citizen_id = ${citizenId} and p.report_id is null`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },

  forReports(db: Executor, reportIds: string[]): Promise<ReportPhotoRow[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', 'in', reportIds)
      .orderBy('kind')
      .orderBy('position')
      .execute();
  },

  /** Photos uploaded but never attached to a report, older than `before` (abandoned drafts). */
  unattachedBefore(db: Executor, before: Date, limit: number): Promise<ReportPhotoRow[]> {
    return db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', 'is', null)
      .where('created_at', '<', before)
      .limit(limit)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('report_photos').where('id', '=', id).where('report_id', 'is', null).execute();
  },
};
