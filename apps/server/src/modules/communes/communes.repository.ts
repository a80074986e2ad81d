import { type Insertable, type Selectable, sql } from 'kysely';
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

  /** The commune whose boundary contains the point (GiST box filter first, then the exact polygon test). */
  async findCommuneAt(db: Executor, lng: number, lat: number): Promise<string | undefined> {
    const row = await db
      .selectFrom('commune_boundaries')
      .select('commune_code')
      .where(sql<boolean>`bbox && box(point(${lng}, ${lat}), point(${lng}, ${lat}))`)
      .where(sql<boolean>`shape @> point(${lng}, ${lat})`)
      .orderBy('commune_code')
      .executeTakeFirst();
    return row?.commune_code;
  },

  /** A representative point of a commune: the centre of the bounding box of its largest part. */
  async centreOf(db: Executor, code: string): Promise<{ lat: number; lng: number } | undefined> {
    const row = await db
      .selectFrom('commune_boundaries')
      .select(sql<string>`center(bbox)::text`.as('centre'))
      .where('commune_code', '=', code)
      .orderBy(sql`area(bbox)`, 'desc')
      .limit(1)
      .executeTakeFirst();
    const m = row && /^\((-?[\d.e-]+),(-?[\d.e-]+)\)$/.exec(row.centre);
    return m ? { lng: Number(m[1]), lat: Number(m[2]) } : undefined;
  },

  async hasBoundaries(db: Executor): Promise<boolean> {
    return (
      (await db.selectFrom('commune_boundaries').select('part').limit(1).executeTakeFirst()) !== undefined
    );
  },

  /** Replaces the boundaries of the given communes; parts are rings of [lng, lat] pairs. */
  async replaceBoundaries(
    db: Executor,
    communes: { code: string; parts: [number, number][][] }[],
  ): Promise<void> {
    const codes = communes.map((c) => c.code);
    if (codes.length === 0) return;
    await db.deleteFrom('commune_boundaries').where('commune_code', 'in', codes).execute();
    for (const c of communes) {
      const rows = c.parts.map((ring, part) => {
        let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
        return {
          commune_code: c.code,
          part,
          bbox: `((${maxX},${maxY}),(${minX},${minY}))`,
          shape: `(${ring.map(([x, y]) => `(${x},${y})`).join(',')})`,
        };
      });
      if (rows.length) await db.insertInto('commune_boundaries').values(rows).execute();
    }
  },

  async importedHash(db: Executor, name: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('reference_imports')
      .select('sha256')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.sha256;
  },

  async recordImport(db: Executor, name: string, sha256: string, now: Date): Promise<void> {
    await db
      .insertInto('reference_imports')
      .values({ name, sha256, loaded_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ sha256, loaded_at: now }))
      .execute();
  },
};
export type CommuneRepository = typeof communeRepository;
