import type { Insertable, Selectable } from 'kysely';
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

  /** The stored keys of these photos (the ones that exist). */
  keysOf(db: Executor, ids: string[]): Promise<Pick<ReportPhotoRow, 'id' | 'file_key' | 'thumb_key'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_photos')
      .select(['id', 'file_key', 'thumb_key'])
      .where('id', 'in', ids)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('report_photos').where('id', '=', id).where('report_id', 'is', null).execute();
  },
};
