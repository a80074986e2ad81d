import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Database } from './db/pool.ts';
import { agencyRepository } from './modules/agencies/agencies.repository.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { sessionRepository } from './modules/auth/auth.repository.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { reportRepository } from './modules/reports/reports.repository.ts';
import { createStaffService } from './modules/staff/staff.service.ts';
import { type SeedResult, seedPlanningSample, seedReferenceData } from './seed.ts';

export interface PrepareResult {
  migrations: string[];
  seed: SeedResult;
  /** Set only when the first admin was just created with a generated password. */
  generatedAdminPassword?: string;
  /** Sample planning zones and parcels written (the embedded first start only). */
  planningSample?: { zones: number; parcels: number };
}

/**
 * Brings a database to a working state: migrations, reference data, the first administrator. With
 * `planningSample` (main.ts on the embedded database) the sample plan is offered once per database.
 */
export async function prepareDatabase(
  database: Database,
  config: Config,
  options: { planningSample?: boolean } = {},
): Promise<PrepareResult> {
  const migrations = await migrateToLatest(database.db, database.schema);
  const seed = await seedReferenceData(database.db, config.referenceDir);
  const planningSample = options.planningSample
    ? await seedPlanningSample(database.db, config.referenceDir, new Date())
    : undefined;
  const staff = createStaffService({
    db: database.db,
    clock: systemClock,
    audit: createAuditService(database.db),
    agencyRepository,
    sessionRepository,
  });
  const { generatedPassword } = await staff.ensureFirstAdmin(config.admin.username, config.admin.password);
  // Public holidays of last year to two years ahead; admins add the official Tết break and swaps.
  const year = new Date().getUTCFullYear();
  await reportRepository.ensureSequences(database.db, [year - 1, year, year + 1, year + 2]);
  await createCalendarService({ db: database.db, audit: createAuditService(database.db) }).seedFromLibrary([
    year - 1,
    year,
    year + 1,
    year + 2,
  ]);
  return {
    migrations,
    seed,
    ...(generatedPassword ? { generatedAdminPassword: generatedPassword } : {}),
    ...(planningSample ? { planningSample } : {}),
  };
}

/** The server secret: SECRET_KEY when set, else a random key kept in DATA_DIR (created on first start). */
export async function loadSecretKey(config: Config): Promise<Buffer> {
  if (config.secretKey) return Buffer.from(config.secretKey, 'utf8');
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

/** Writes the generated first-admin password where the operator can read it once (mode 600). */
export async function writeInitialAdminPassword(config: Config, password: string): Promise<string> {
  await mkdir(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'initial-admin-password.txt');
  await writeFile(file, `${config.admin.username}\n${password}\n`, { mode: 0o600 });
  return file;
}
