// `npm run restore`: puts an archive written by `npm run backup` back, into DATA_DIR (embedded database) or into
// the database at DATABASE_URL, and the photos into DATA_DIR/files. It refuses a non-empty target unless forced
// (then the embedded data is moved aside, never deleted), refuses an archive from a newer schema than this code,
// and migrates an older one to this code's level.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Config } from '../config.ts';
import { knownMigrations, migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/pool.ts';
import {
  FILES_DIR,
  listFiles,
  MANIFEST,
  Manifest,
  SECRET_KEY_FILE,
  sha256File,
  unknownMigrations,
} from './archive.ts';
import { dataDirInUse, openMaintenanceSocket } from './maintenance-socket.ts';
import { connectionForTools, findPgTool, runPgTool } from './postgres-tools.ts';

export interface RestoreOptions {
  /** Replace what the target holds (the embedded data is moved to DATA_DIR/before-restore-<time>/). */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Migrations applied after the restore to bring an older archive to this code's level. */
  migrated: string[];
  /** Where the replaced embedded data went (forced restore over existing data). */
  movedAside: string | null;
}

/** A refusal the operator can act on (exit code 2 from the command). */
export class RestoreRefused extends Error {}

/** Extracts the archive into `staging` and checks it: manifest, checksums, nothing unlisted. */
async function unpack(archive: string, staging: string): Promise<Manifest> {
  // Only plain files and folders: a link in an archive could point the restore outside DATA_DIR.
  const odd: string[] = [];
  await tar.extract({
    file: archive,
    cwd: staging,
    strict: true,
    filter: (name, entry) => {
      const plain = 'type' in entry ? entry.type === 'File' || entry.type === 'Directory' : true;
      if (!plain) odd.push(name);
      return plain;
    },
  });
  if (odd.length) throw new RestoreRefused(`${archive} holds links or devices (${odd.join(', ')})`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(staging, MANIFEST), 'utf8'));
  } catch {
    throw new RestoreRefused(`${archive} has no readable ${MANIFEST}: not a backup made by npm run backup`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    throw new RestoreRefused(
      `${archive}: the manifest is not one this version reads (${parsed.error.message})`,
    );
  }
  const manifest = parsed.data;
  const present = (await listFiles(staging)).filter((f) => f !== MANIFEST);
  const listed = Object.keys(manifest.checksums);
  const unlisted = present.filter((f) => !(f in manifest.checksums));
  const missing = listed.filter((f) => !present.includes(f));
  if (unlisted.length || missing.length) {
    throw new RestoreRefused(
      `${archive} does not match its manifest (missing: ${missing.join(', ') || 'none'}; not listed: ${unlisted.join(', ') || 'none'})`,
    );
  }
  for (const name of listed) {
    if ((await sha256File(path.join(staging, name))) !== manifest.checksums[name]) {
      throw new RestoreRefused(`${archive}: ${name} is damaged (checksum mismatch)`);
    }
  }
  if (!listed.includes(manifest.database.file)) {
    throw new RestoreRefused(`${archive} holds no database dump`);
  }
  return manifest;
}

async function restorePglite(
  config: Config,
  staging: string,
  manifest: Manifest,
  force: boolean,
  log: (line: string) => void,
): Promise<{ migrated: string[]; movedAside: string | null }> {
  if (await dataDirInUse(config.dataDir)) {
    throw new RestoreRefused(
      `A server (or a backup) is running on ${config.dataDir}: stop it before restoring into it.`,
    );
  }
  const claim = await openMaintenanceSocket(config.dataDir, () => {});
  try {
    const dbDir = path.join(config.dataDir, 'db');
    const filesDir = path.join(config.dataDir, 'files');
    const keyFile = path.join(config.dataDir, 'secret.key');
    const occupied = (await listFiles(dbDir)).length > 0 || (await listFiles(filesDir)).length > 0;
    if (occupied && !force) {
      throw new RestoreRefused(
        `${config.dataDir} already holds a database or files; restore into an empty DATA_DIR, or add --force ` +
          '(the present data is then moved to DATA_DIR/before-restore-<time>/).',
      );
    }
    // Load the dump beside the target and bring it to this code's level before anything is replaced.
    const loaded = path.join(staging, 'db');
    const dump = await readFile(path.join(staging, manifest.database.file));
    const database = await openDatabase({
      pgliteDir: loaded,
      pgliteLoad: new Blob([dump]),
      pgliteSettings: config.pgliteSettings,
    });
    let migrated: string[];
    try {
      migrated = await migrateToLatest(database.db, database.schema);
    } finally {
      await database.close();
    }

    let movedAside: string | null = null;
    if (occupied) {
      movedAside = path.join(
        config.dataDir,
        `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`,
      );
      await mkdir(movedAside, { recursive: true });
      for (const [from, name] of [
        [dbDir, 'db'],
        [filesDir, 'files'],
        ...(manifest.secretKey ? [[keyFile, 'secret.key']] : []),
      ] as const) {
        await rename(from, path.join(movedAside, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      log(`The data that was in ${config.dataDir} is now in ${movedAside}.`);
    }
    await rm(dbDir, { recursive: true, force: true });
    await rename(loaded, dbDir);
    await placeFiles(config, staging, manifest, log);
    return { migrated, movedAside };
  } finally {
    await claim.close();
  }
}

async function restorePostgres(
  config: Config,
  databaseUrl: string,
  staging: string,
  manifest: Manifest,
  pgDumpMajor: number,
  force: boolean,
  log: (line: string) => void,
): Promise<{ migrated: string[]; movedAside: string | null }> {
  const filesDir = path.join(config.dataDir, 'files');
  const database = await openDatabase({ databaseUrl, maxConnections: 1 });
  let serverMajor: number;
  try {
    const state = await sql<{ num: string; tables: number; others: number; schemas: string[] }>`
      SELECT current_setting('server_version_num') AS num,
        (SELECT count(*)::int FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema')) AS tables,
        (SELECT count(*)::int FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()) AS others,
        ARRAY(SELECT nspname::text FROM pg_namespace
          WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema') AS schemas`.execute(
      database.db,
    );
    const row = state.rows[0]!;
    serverMajor = Math.floor(Number(row.num) / 10_000);
    if (row.others > 0 && !force) {
      throw new RestoreRefused(
        `${row.others} other connections are open on this database (a server still running?): stop them first.`,
      );
    }
    const occupied = row.tables > 0 || (await listFiles(filesDir)).length > 0;
    if (occupied && !force) {
      throw new RestoreRefused(
        `The database (${row.tables} tables) or ${filesDir} is not empty; restore into an empty database and ` +
          'DATA_DIR, or add --force (the database is then emptied first: back it up before).',
      );
    }
    if (row.tables > 0) {
      log(`Emptying the database (schemas ${row.schemas.join(', ')}).`);
      for (const schema of row.schemas) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
      await sql`CREATE SCHEMA public`.execute(database.db);
    }
  } finally {
    await database.close();
  }

  const pgRestore = await findPgTool('pg_restore', serverMajor, pgDumpMajor);
  log(`Restoring with ${pgRestore.file} (${pgRestore.major}) into PostgreSQL ${serverMajor}.`);
  const dump = path.join(staging, manifest.database.file);
  const { url, env } = connectionForTools(databaseUrl);
  // Comments on extensions need the extension's owner (a superuser): leave them out, they carry no data.
  const contents = await runPgTool(pgRestore, ['--list', dump], env);
  const list = path.join(staging, 'restore.list');
  await writeFile(
    list,
    contents
      .split('\n')
      .filter((line) => !/ COMMENT - EXTENSION /.test(line))
      .join('\n'),
  );
  await runPgTool(
    pgRestore,
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--use-list=${list}`,
      `--dbname=${url}`,
      dump,
    ],
    env,
  );
  const migratedDb = await openDatabase({ databaseUrl });
  let migrated: string[];
  try {
    migrated = await migrateToLatest(migratedDb.db, migratedDb.schema);
  } finally {
    await migratedDb.close();
  }
  let movedAside: string | null = null;
  if ((await listFiles(filesDir)).length > 0) {
    movedAside = path.join(
      config.dataDir,
      `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    );
    await mkdir(movedAside, { recursive: true });
    await rename(filesDir, path.join(movedAside, 'files'));
    log(`The files that were in ${filesDir} are now in ${movedAside}.`);
  }
  await placeFiles(config, staging, manifest, log);
  return { migrated, movedAside };
}

/** Moves the archive's photos and secret key into DATA_DIR (the target was checked or cleared before). */
async function placeFiles(config: Config, staging: string, manifest: Manifest, log: (line: string) => void) {
  const filesDir = path.join(config.dataDir, 'files');
  if (manifest.fileStore.kind === 's3') {
    log(
      `Photos are not in this archive: they are in the S3 bucket "${manifest.fileStore.bucket}"` +
        `${manifest.fileStore.endpoint ? ` at ${manifest.fileStore.endpoint}` : ''}, protected by the storage's own ` +
        'versioning or replication. Point the restored server at that bucket.',
    );
  } else if ((await listFiles(path.join(staging, FILES_DIR))).length > 0) {
    await rm(filesDir, { recursive: true, force: true });
    await rename(path.join(staging, FILES_DIR), filesDir);
  }
  if (manifest.secretKey) {
    const keyFile = path.join(config.dataDir, 'secret.key');
    await rm(keyFile, { force: true });
    await rename(path.join(staging, SECRET_KEY_FILE), keyFile);
    if (config.secretKey) {
      log(
        'Note: SECRET_KEY is set, so the restored DATA_DIR/secret.key is not used; the Zalo OA token sealed with ' +
          'the old key cannot be read until that key is set again (or a new token is entered).',
      );
    }
  }
}

/** Restores one archive into the configured database and DATA_DIR. */
export async function restoreBackup(
  config: Config,
  archive: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const force = options.force ?? false;
  await mkdir(config.dataDir, { recursive: true });
  // Inside DATA_DIR, so the final moves are renames on one file system.
  const staging = path.join(config.dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    const manifest = await unpack(path.resolve(archive), staging);
    const newer = unknownMigrations(manifest.migrations, await knownMigrations());
    if (newer.length) {
      throw new RestoreRefused(
        `The archive comes from a newer version (schema ${manifest.migrations.at(-1)}; this code does not know ` +
          `${newer.join(', ')}). Restore it with that version or a later one.`,
      );
    }
    log(
      `Archive of ${manifest.createdAt}: ${manifest.database.kind}, schema ${manifest.migrations.at(-1)}, ` +
        `${manifest.fileStore.kind === 'local' ? `${manifest.fileStore.count} files` : 'photos in S3'}.`,
    );
    let done: { migrated: string[]; movedAside: string | null };
    if (manifest.database.kind === 'pglite') {
      if (config.databaseUrl) {
        throw new RestoreRefused(
          'This archive holds an embedded (PGlite) database: unset DATABASE_URL to restore it into DATA_DIR.',
        );
      }
      done = await restorePglite(config, staging, manifest, force, log);
    } else {
      if (!config.databaseUrl) {
        throw new RestoreRefused(
          'This archive holds a PostgreSQL dump: set DATABASE_URL to the (empty) database to restore it into.',
        );
      }
      done = await restorePostgres(
        config,
        config.databaseUrl,
        staging,
        manifest,
        manifest.database.pgDumpMajor,
        force,
        log,
      );
    }
    if (done.migrated.length) log(`Migrated to this code's level: ${done.migrated.join(', ')}.`);
    log('Restore complete.');
    return { manifest, ...done };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
