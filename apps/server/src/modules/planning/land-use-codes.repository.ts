import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { LandUseCodesTable } from '../../db/types.ts';

export type LandUseCodeRow = Selectable<LandUseCodesTable>;

export const landUseCodeRepository = {
  list(db: Executor): Promise<LandUseCodeRow[]> {
    return db.selectFrom('land_use_codes').selectAll().orderBy('legacy').orderBy('code').execute();
  },

  async find(db: Executor, code: string): Promise<LandUseCodeRow | undefined> {
    return db.selectFrom('land_use_codes').selectAll().where('code', '=', code).executeTakeFirst();
  },

  insert(db: Executor, row: Insertable<LandUseCodesTable>): Promise<LandUseCodeRow> {
    return db.insertInto('land_use_codes').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Inserts the codes that are not there yet; returns how many were added. */
  async insertMissing(db: Executor, rows: Insertable<LandUseCodesTable>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const added = await db
      .insertInto('land_use_codes')
      .values(rows)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    return added.length;
  },

  update(
    db: Executor,
    code: string,
    changes: Updateable<LandUseCodesTable>,
  ): Promise<LandUseCodeRow | undefined> {
    return db
      .updateTable('land_use_codes')
      .set(changes)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
  },

  async delete(db: Executor, code: string): Promise<void> {
    await db.deleteFrom('land_use_codes').where('code', '=', code).execute();
  },

  /**
   * Whether a zone or a parcel (its land type) of some dataset's live data carries the code (staged imports do not
   * count). Deleting a code is rare: the parcels are scanned, not indexed by land type.
   */
  async usedByLiveZones(db: Executor, code: string): Promise<boolean> {
    const zone = await db
      .selectFrom('planning_zones as z')
      .innerJoin('planning_datasets as d', 'd.live_import_id', 'z.import_id')
      .select(sql<number>`1`.as('one'))
      .where('z.code', '=', code)
      .limit(1)
      .executeTakeFirst();
    if (zone) return true;
    const parcel = await db
      .selectFrom('planning_parcels as p')
      .innerJoin('planning_datasets as d', 'd.live_import_id', 'p.import_id')
      .select(sql<number>`1`.as('one'))
      .where('p.land_type', '=', code)
      .limit(1)
      .executeTakeFirst();
    return parcel !== undefined;
  },
};
export type LandUseCodeRepository = typeof landUseCodeRepository;
