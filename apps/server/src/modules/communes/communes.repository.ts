import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { CommunesTable, ProvincesTable } from '../../db/types.ts';

export type CommuneRow = Selectable<CommunesTable>;

export const communeRepository = {
  list(db: Executor, provinceCode: string): Promise<CommuneRow[]> {
    return db
      .selectFrom('communes')
      .selectAll()
      .where('province_code', '=', provinceCode)
      .orderBy('kind', 'desc')
      .orderBy('name')
      .execute();
  },

  findByCode(db: Executor, code: string): Promise<CommuneRow | undefined> {
    return db.selectFrom('communes').selectAll().where('code', '=', code).executeTakeFirst();
  },

  findProvince(db: Executor, code: string): Promise<Selectable<ProvincesTable> | undefined> {
    return db.selectFrom('provinces').selectAll().where('code', '=', code).executeTakeFirst();
  },

  /** Reference data: the official list wins, so names and areas are refreshed on every start. */
  async upsertProvince(db: Executor, p: Insertable<ProvincesTable>): Promise<void> {
    await db
      .insertInto('provinces')
      .values(p)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name, full_name: p.full_name }))
      .execute();
  },

  async upsertCommunes(db: Executor, rows: Insertable<CommunesTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('communes')
      .values(rows)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          full_name: eb.ref('excluded.full_name'),
          kind: eb.ref('excluded.kind'),
          area_km2: eb.ref('excluded.area_km2'),
          province_code: eb.ref('excluded.province_code'),
        })),
      )
      .execute();
  },
};
