import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AgencyKind, CategoryIcon } from '@dltt/contracts';
import { LAND_USE_CODE_PATTERN, LAND_USE_GROUPS } from '@dltt/contracts/constants';
import { z } from 'zod';
import type { Executor } from './db/executor.ts';
import { agencyRepository } from './modules/agencies/agencies.repository.ts';
import { categoryRepository } from './modules/categories/categories.repository.ts';
import { boundaryParts, CommuneBoundariesGeoJson } from './modules/communes/commune-boundaries.ts';
import { communeRepository } from './modules/communes/communes.repository.ts';
import { landUseCodeRepository } from './modules/planning/land-use-codes.repository.ts';
import { planningDatasetRepository } from './modules/planning/planning-datasets.repository.ts';
import { insertPlanningSample, SAMPLE_COMMUNE_CODE } from './modules/planning/planning-sample.ts';
import { routingRepository } from './modules/routing/routing.repository.ts';

const ProvinceFile = z.object({ code: z.string(), name: z.string(), fullName: z.string() });
const CommuneLine = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  full_name: z.string().min(1),
  kind: z.enum(['xa', 'phuong']),
  area_km2: z.coerce.number().nonnegative().nullable(),
});
const AgenciesFile = z.object({
  agencies: z.array(
    z.object({ code: z.string(), name: z.string(), kind: AgencyKind, address: z.string().optional() }),
  ),
});
const LandUseCodesFile = z.object({
  codes: z.array(
    z.object({
      code: z.string().regex(LAND_USE_CODE_PATTERN),
      nameVi: z.string().min(1),
      nameEn: z.string().min(1),
      group: z.enum(LAND_USE_GROUPS),
      color: z.string().regex(/^#[0-9a-f]{6}$/),
      legacy: z.boolean(),
    }),
  ),
});
const CategoriesFile = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      icon: CategoryIcon,
      defaultDeadlineHours: z.number().int().positive(),
      sortOrder: z.number().int(),
      /** "commune": a fresh install routes each commune's reports of it to the commune's People's Committee. */
      routing: z.literal('commune').optional(),
    }),
  ),
});

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
}

/** communes.csv has a header line and no quoted fields (checked: a quote would fail the parse). */
function parseCommunesCsv(text: string) {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line, i) => {
    if (line.includes('"')) throw new Error(`communes.csv line ${i + 2}: quoted fields are not supported`);
    const cells = line.split(',');
    return CommuneLine.parse(
      Object.fromEntries(columns.map((c, j) => [c, cells[j] === '' ? null : cells[j]])),
    );
  });
}

/**
 * Loads commune boundaries from a GeoJSON FeatureCollection (property `code` = GSO code). Only outer rings
 * are kept: the shipped data has no holes, and a hole would at worst route a report to the surrounding commune.
 * Skips the work when the same file was already loaded. Returns how many communes were loaded.
 */
export async function importCommuneBoundaries(
  db: Executor,
  name: string,
  text: string,
  now: Date,
): Promise<number> {
  const sha256 = createHash('sha256').update(text).digest('hex');
  if ((await communeRepository.importedHash(db, name)) === sha256) return 0;
  const communes = boundaryParts(CommuneBoundariesGeoJson.parse(JSON.parse(text)));
  await db.transaction().execute(async (trx) => {
    await communeRepository.replaceBoundaries(trx, communes);
    await communeRepository.recordImport(trx, name, sha256, now);
  });
  return communes.length;
}

export interface SeedResult {
  provinceCode: string;
  communes: number;
  boundariesLoaded: number;
  agenciesAdded: number;
  categoriesAdded: number;
  /** Default routing rules created (only on the first start of a database). */
  routingRulesAdded: number;
  /** Land-use codes loaded (only on the first start of a database). */
  landUseCodesAdded: number;
}

/** The reference_imports row that says the default routing rules were seeded (or skipped) once. */
export const DEFAULT_ROUTING_MARK = 'default-routing-rules';
/** The reference_imports row that says the land-use code dictionary was loaded once (admins edit it after). */
export const LAND_USE_CODES_MARK = 'land-use-codes';

/**
 * Loads the province's reference data. Safe to run on every start: the official list of communes is
 * refreshed, agencies and categories are only added when missing (admins may have edited them), and the default
 * routing rules are seeded on the very first start only.
 */
export async function seedReferenceData(db: Executor, referenceDir: string): Promise<SeedResult> {
  const province = await readJson(referenceDir, 'province.json', ProvinceFile);
  const communes = parseCommunesCsv(await readFile(path.join(referenceDir, 'communes.csv'), 'utf8'));
  const agencies = await readJson(referenceDir, 'agencies.json', AgenciesFile);
  const categories = await readJson(referenceDir, 'categories.json', CategoriesFile);
  // National, not per province: beside the province folders.
  const landUseCodes = await readJson(path.join(referenceDir, '..'), 'land-use-codes.json', LandUseCodesFile);

  const result = await db.transaction().execute(async (trx) => {
    await communeRepository.upsertProvince(trx, {
      code: province.code,
      name: province.name,
      full_name: province.fullName,
    });
    await communeRepository.upsertCommunes(
      trx,
      communes.map((c) => ({ ...c, province_code: province.code })),
    );
    const agencyRows = [
      ...agencies.agencies.map((a) => ({
        code: a.code,
        name: a.name,
        kind: a.kind,
        address: a.address ?? null,
        commune_code: null,
      })),
      // Every commune has a People's Committee and a police station that can receive reports.
      ...communes.flatMap((c) => [
        {
          code: `ubnd-${c.code}`,
          name: `UBND ${c.full_name.replace(/^(Xã|Phường)/, (k) => k.toLowerCase())}`,
          kind: 'commune_committee' as const,
          commune_code: c.code,
          address: null,
        },
        {
          code: `ca-${c.code}`,
          name: `Công an ${c.full_name.replace(/^(Xã|Phường)/, (k) => k.toLowerCase())}`,
          kind: 'commune_police' as const,
          commune_code: c.code,
          address: null,
        },
      ]),
    ];
    const agenciesAdded = await agencyRepository.insertMissing(trx, agencyRows);
    const categoriesAdded = await categoryRepository.insertMissing(
      trx,
      categories.categories.map((c) => ({
        code: c.code,
        name_vi: c.nameVi,
        name_en: c.nameEn,
        icon: c.icon,
        default_deadline_hours: c.defaultDeadlineHours,
        sort_order: c.sortOrder,
      })),
    );
    // Default routing, once per database and only into an empty rule table: an install that already has rules
    // (an upgrade) keeps them as they are, and a default an admin deleted later is not created again.
    let routingRulesAdded = 0;
    if (
      (await routingRepository.claimDefaults(trx, DEFAULT_ROUTING_MARK, new Date())) &&
      (await routingRepository.isEmpty(trx))
    ) {
      routingRulesAdded = await routingRepository.insertCommuneDefaults(
        trx,
        categories.categories.filter((c) => c.routing === 'commune').map((c) => c.code),
      );
    }
    // The dictionary once per database: codes an admin deleted or changed stay as the admin left them.
    const landUseCodesAdded = (await routingRepository.claimDefaults(trx, LAND_USE_CODES_MARK, new Date()))
      ? await landUseCodeRepository.insertMissing(
          trx,
          landUseCodes.codes.map((c) => ({
            code: c.code,
            name_vi: c.nameVi,
            name_en: c.nameEn,
            land_group: c.group,
            color: c.color,
            legacy: c.legacy,
          })),
        )
      : 0;
    return {
      provinceCode: province.code,
      communes: communes.length,
      agenciesAdded,
      categoriesAdded,
      routingRulesAdded,
      landUseCodesAdded,
    };
  });
  const boundariesFile = path.join(referenceDir, 'communes.geojson');
  const boundariesLoaded = existsSync(boundariesFile)
    ? await importCommuneBoundaries(
        db,
        'communes.geojson',
        await readFile(boundariesFile, 'utf8'),
        new Date(),
      )
    : 0;
  return { ...result, boundariesLoaded };
}

/** The reference_imports row that says the sample planning data was offered once (never re-created). */
export const PLANNING_SAMPLE_MARK = 'planning-sample';

/**
 * The generated sample plan of one ward of Buôn Ma Thuột (modules/planning/planning-sample.ts), once per
 * database: a removed sample does not come back. Only the embedded first start asks for it (main.ts), so tests
 * and production databases start without it. Returns the zones and parcels written (0 when already offered, or
 * when the province's reference data has no such ward).
 */
export async function seedPlanningSample(
  db: Executor,
  referenceDir: string,
  now: Date,
): Promise<{ zones: number; parcels: number }> {
  const file = path.join(referenceDir, 'communes.geojson');
  if (!existsSync(file)) return { zones: 0, parcels: 0 };
  const ward = boundaryParts(CommuneBoundariesGeoJson.parse(JSON.parse(await readFile(file, 'utf8')))).find(
    (c) => c.code === SAMPLE_COMMUNE_CODE,
  );
  return db.transaction().execute(async (trx) => {
    if (!(await routingRepository.claimDefaults(trx, PLANNING_SAMPLE_MARK, now)))
      return { zones: 0, parcels: 0 };
    const planAgencyId = await planningDatasetRepository.agencyIdByCode(trx, 'so-xay-dung');
    const cadastreAgencyId = await planningDatasetRepository.agencyIdByCode(trx, 'so-nong-nghiep-moi-truong');
    if (!ward || !planAgencyId || !cadastreAgencyId) return { zones: 0, parcels: 0 };
    return insertPlanningSample(trx, { ward: ward.parts, planAgencyId, cadastreAgencyId, now });
  });
}

/** The province code of a reference folder, read without touching the database. */
export async function readProvinceCode(referenceDir: string): Promise<string> {
  return (await readJson(referenceDir, 'province.json', ProvinceFile)).code;
}
