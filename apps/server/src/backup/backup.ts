// `npm run backup`: the database (a consistent dump, taken while the server runs) and DATA_DIR's files in one
// archive (archive.ts). The database is dumped first and the photos copied after it: a photo is written before
// the row that names it is committed, so every photo the dump refers to is already on disk when it is copied.
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Config } from '../config.ts';
import { appliedMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/pool.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  FILES_DIR,
  listFiles,
  MANIFEST,
  type Manifest,
  PGLITE_DUMP,
  POSTGRES_DUMP,
  SECRET_KEY_FILE,
  sha256File,
} from './archive.ts';
import {
  dataDirInUse,
  dumpDatabase,
  openMaintenanceSocket,
  requestDatabaseDump,
} from './maintenance-socket.ts';
import { connectionForTools, findPgTool, runPgTool } from './postgres-tools.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** A backup that cannot be taken for a reason the operator can act on (printed without a stack). */
export class BackupRefused extends Error {}

export interface BackupOptions {
  /** The archive to write; default `backups/dltt-<kind>-<time>.tar.gz` under the working directory. */
  output?: string | undefined;
  log?: (line: string) => void;
}

export interface BackupResult {
  file: string;
  manifest: Manifest;
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Dumps the embedded database: through the running server's socket, or by opening it when none runs. */
async function dumpPglite(config: Config, target: string, log: (line: string) => void): Promise<string[]> {
  if (await dataDirInUse(config.dataDir)) {
    log('The server is running: asking it for a dump of the embedded database.');
    const dump = await requestDatabaseDump(config.dataDir);
    await writeFile(target, dump.data);
    return dump.migrations;
  }
  const dbDir = path.join(config.dataDir, 'db');
  if ((await listFiles(dbDir)).length === 0)
    throw new BackupRefused(`There is no embedded database in ${dbDir} (is DATA_DIR right?)`);
  log('No server is running on DATA_DIR: opening the embedded database to dump it.');
  const claim = await openMaintenanceSocket(config.dataDir, () => {});
  try {
    const database = await openDatabase({ pgliteDir: dbDir, pgliteSettings: config.pgliteSettings });
    try {
      const dump = await dumpDatabase(database);
      await writeFile(target, dump.data);
      return dump.migrations;
    } finally {
      await database.close();
    }
  } finally {
    await claim.close();
  }
}

async function dumpPostgres(
  databaseUrl: string,
  target: string,
  log: (line: string) => void,
): Promise<{ migrations: string[]; serverVersion: string; pgDumpMajor: number }> {
  const database = await openDatabase({ databaseUrl, maxConnections: 1 });
  try {
    const info = await sql<{ version: string; num: string }>`
      SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num`.execute(
      database.db,
    );
    const serverVersion = info.rows[0]!.version;
    const serverMajor = Math.floor(Number(info.rows[0]!.num) / 10_000);
    const before = await appliedMigrations(database.db, database.schema);
    const pgDump = await findPgTool('pg_dump', serverMajor);
    log(`PostgreSQL ${serverVersion}: dumping with ${pgDump.file} (${pgDump.major}).`);
    const { url, env } = connectionForTools(databaseUrl);
    await runPgTool(
      pgDump,
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${url}`],
      env,
    );
    // pg_dump reads one snapshot; the level read around it must not have moved (an upgrade ran meanwhile).
    const after = await appliedMigrations(database.db, database.schema);
    if (after.join() !== before.join()) {
      throw new BackupRefused('Migrations ran while the backup was taken; take it again.');
    }
    return { migrations: after, serverVersion, pgDumpMajor: pgDump.major };
  } finally {
    await database.close();
  }
}

/** Puts a file in the staging folder: a hard link when it can (photos never change once written), else a copy. */
async function stage(from: string, to: string): Promise<boolean> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false; // deleted since it was listed (a removed photo)
    if (code !== 'EXDEV' && code !== 'EPERM') throw error;
  }
  try {
    await copyFile(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Writes one backup archive of the configured database and DATA_DIR's files. */
export async function createBackup(config: Config, options: BackupOptions = {}): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const createdAt = new Date();
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  const file = path.resolve(
    options.output ?? path.join('backups', `dltt-${kind}-${stamp(createdAt)}.tar.gz`),
  );
  await mkdir(path.dirname(file), { recursive: true });
  const staging = `${file}.staging-${randomBytes(4).toString('hex')}`;
  await mkdir(path.join(staging, 'database'), { recursive: true });
  try {
    let database: Manifest['database'];
    let migrations: string[];
    if (config.databaseUrl) {
      const dumped = await dumpPostgres(config.databaseUrl, path.join(staging, POSTGRES_DUMP), log);
      migrations = dumped.migrations;
      database = {
        kind: 'postgres',
        file: POSTGRES_DUMP,
        serverVersion: dumped.serverVersion,
        pgDumpMajor: dumped.pgDumpMajor,
      };
    } else {
      migrations = await dumpPglite(config, path.join(staging, PGLITE_DUMP), log);
      database = { kind: 'pglite', file: PGLITE_DUMP };
    }
    if (migrations.length === 0)
      throw new BackupRefused('The database has never been migrated: nothing to back up.');

    // Local photos go into the archive; an S3 bucket is protected by the storage's own versioning or
    // replication (docs/OPERATIONS.md), and the archive names it for the restore to say where the photos are.
    let fileStore: Manifest['fileStore'];
    let count = 0;
    if (config.storage.driver === 'local') {
      const filesRoot = config.storage.dir;
      for (const name of await listFiles(filesRoot)) {
        if (name.endsWith('.tmp')) continue; // a write in progress (LocalFileStore renames it when complete)
        if (await stage(path.join(filesRoot, name), path.join(staging, FILES_DIR, name))) count += 1;
      }
      fileStore = { kind: 'local', count };
    } else {
      fileStore = {
        kind: 's3',
        bucket: config.storage.s3.bucket,
        endpoint: config.storage.s3.endpoint ?? null,
      };
    }
    const secretKey =
      !config.secretKey &&
      (await stage(path.join(config.dataDir, 'secret.key'), path.join(staging, SECRET_KEY_FILE)));

    const checksums: Record<string, string> = {};
    for (const name of await listFiles(staging)) checksums[name] = await sha256File(path.join(staging, name));
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: createdAt.toISOString(),
      appVersion: pkg.version,
      database,
      migrations,
      fileStore,
      secretKey,
      checksums,
    };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    const partial = `${file}.partial`;
    const entries = [
      MANIFEST,
      'database',
      ...((await listFiles(path.join(staging, 'data'))).length ? ['data'] : []),
    ];
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    // The archive holds every reporter's data and the server's secret: readable by its owner only.
    await chmod(partial, 0o600);
    await rename(partial, file);
    log(
      `Backup written: ${file} (${database.kind}, schema ${migrations.at(-1)}, ${fileStore.kind === 'local' ? `${count} files` : `photos in S3 bucket ${fileStore.bucket}`}${secretKey ? ', secret key' : ''}).`,
    );
    return { file, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
