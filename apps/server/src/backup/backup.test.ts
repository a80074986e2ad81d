// Backup and restore of the embedded database, in-process: the archive's checks (older schema migrated, newer
// refused, damage found, a used target left alone unless forced, a claimed DATA_DIR refused). The journey with
// a running server, photos through the API and PostgreSQL is e2e/journeys/backup-restore.e2e.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tar from 'tar';
import { appliedMigrations, knownMigrations, migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/pool.ts';
import { testConfig } from '../testing/harness.ts';
import { type Manifest, PGLITE_DUMP } from './archive.ts';
import { createBackup } from './backup.ts';
import { openMaintenanceSocket } from './maintenance-socket.ts';
import { RestoreRefused, restoreBackup } from './restore.ts';

const PHOTO = 'report-photos/2026/ab/abcdef.jpg';

describe('backup and restore (embedded database)', () => {
  let root: string;
  let sourceDir: string;
  let archive: string;
  let known: string[];
  let manifest: Manifest;
  const photoBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
  /** No SECRET_KEY: the key lives in DATA_DIR and travels in the archive. */
  const config = (dataDir: string, extra: Record<string, string> = {}) =>
    testConfig({ SECRET_KEY: undefined, ...extra }, dataDir);

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dltt-backup-test-'));
    sourceDir = path.join(root, 'source');
    known = await knownMigrations();
    // A database one migration behind this code, as an archive from the previous version would be.
    const database = await openDatabase({ pgliteDir: path.join(sourceDir, 'db') });
    await migrateToLatest(database.db, database.schema, known.at(-2));
    await database.close();
    await mkdir(path.dirname(path.join(sourceDir, 'files', PHOTO)), { recursive: true });
    await writeFile(path.join(sourceDir, 'files', PHOTO), photoBytes);
    await writeFile(path.join(sourceDir, 'secret.key'), 'c2VjcmV0LWtleS1ieXRlcw==');
    const lines: string[] = [];
    const result = await createBackup(config(sourceDir), {
      output: path.join(root, 'backup.tar.gz'),
      log: (l) => lines.push(l),
    });
    archive = result.file;
    manifest = result.manifest;
    assert.match(lines.join('\n'), /No server is running/);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Rewrites the archive with `change` applied to its extracted contents. */
  async function tampered(name: string, change: (dir: string) => Promise<void>): Promise<string> {
    const dir = path.join(root, `unpacked-${name}`);
    await mkdir(dir);
    await tar.extract({ file: archive, cwd: dir });
    await change(dir);
    const file = path.join(root, `${name}.tar.gz`);
    await tar.create({ gzip: true, file, cwd: dir }, await readdir(dir));
    return file;
  }

  test('the manifest names the kind, the schema level, the files and a checksum of each', () => {
    assert.equal(manifest.database.kind, 'pglite');
    assert.deepEqual(manifest.migrations, known.slice(0, -1));
    assert.deepEqual(manifest.fileStore, { kind: 'local', count: 1 });
    assert.equal(manifest.secretKey, true);
    assert.deepEqual(Object.keys(manifest.checksums).sort(), [
      'data/files/report-photos/2026/ab/abcdef.jpg',
      'data/secret.key',
      PGLITE_DUMP,
    ]);
  });

  test('restores into an empty DATA_DIR and migrates the older schema to this code', async () => {
    const target = path.join(root, 'fresh');
    const result = await restoreBackup(config(target), archive);
    assert.deepEqual(result.migrated, [known.at(-1)]);
    assert.ok((await readFile(path.join(target, 'files', PHOTO))).equals(photoBytes));
    assert.equal(await readFile(path.join(target, 'secret.key'), 'utf8'), 'c2VjcmV0LWtleS1ieXRlcw==');
    const database = await openDatabase({ pgliteDir: path.join(target, 'db') });
    try {
      assert.deepEqual(await appliedMigrations(database.db, database.schema), known);
    } finally {
      await database.close();
    }
    assert.deepEqual(
      (await readdir(target)).sort(),
      ['db', 'files', 'secret.key'],
      'no staging folder is left behind',
    );

    // Used now: refused without --force and left as it is; with --force the old data is moved aside.
    await writeFile(path.join(target, 'files', 'report-photos', 'newer.jpg'), 'x');
    await assert.rejects(restoreBackup(config(target), archive), (e: Error) => {
      assert.ok(e instanceof RestoreRefused);
      assert.match(e.message, /already holds/);
      return true;
    });
    assert.ok((await readdir(path.join(target, 'files', 'report-photos'))).includes('newer.jpg'));
    const forced = await restoreBackup(config(target), archive, { force: true });
    assert.ok(forced.movedAside);
    assert.deepEqual((await readdir(forced.movedAside)).sort(), ['db', 'files', 'secret.key']);
    assert.ok((await readdir(path.join(forced.movedAside, 'files', 'report-photos'))).includes('newer.jpg'));
    assert.ok(!(await readdir(path.join(target, 'files', 'report-photos'))).includes('newer.jpg'));
  });

  test('refuses an archive from a newer schema and touches nothing', async () => {
    const file = await tampered('newer', async (dir) => {
      const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      m.migrations = [...known, '9999_from_the_future'];
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
    });
    const target = path.join(root, 'newer-target');
    await assert.rejects(restoreBackup(config(target), file), /newer version .*9999_from_the_future/);
    assert.deepEqual(await readdir(target), []);
  });

  test('refuses a damaged archive', async () => {
    const file = await tampered('damaged', async (dir) => {
      await writeFile(path.join(dir, 'data', 'files', PHOTO), Buffer.from('not the photo'));
    });
    await assert.rejects(restoreBackup(config(path.join(root, 'damaged-target')), file), /damaged/);
  });

  test('refuses an archive holding a link', async () => {
    const file = await tampered('link', async (dir) => {
      await symlink('/etc', path.join(dir, 'data', 'files', 'elsewhere'));
    });
    await assert.rejects(restoreBackup(config(path.join(root, 'link-target')), file), /holds links/);
  });

  test('refuses a DATA_DIR another process holds, and the wrong kind of database', async () => {
    const target = path.join(root, 'held');
    const claim = await openMaintenanceSocket(target, () => {});
    try {
      await assert.rejects(
        openMaintenanceSocket(target, () => {}),
        /in use by another process/,
      );
      await assert.rejects(restoreBackup(config(target), archive), /running on/);
    } finally {
      await claim.close();
    }
    // A holder killed with SIGKILL leaves its socket file behind: nobody answers, so the next one takes over.
    const stale = path.join(root, 'stale');
    await mkdir(stale);
    const holder = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(path.join(stale, 'maintenance.sock'))}, () => console.log('up'))`,
    ]);
    await once(holder.stdout, 'data');
    await assert.rejects(
      openMaintenanceSocket(stale, () => {}),
      /in use/,
    );
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    assert.ok((await readdir(stale)).includes('maintenance.sock'), 'the killed holder left its socket');
    await (await openMaintenanceSocket(stale, () => {})).close();

    await assert.rejects(
      restoreBackup(
        config(path.join(root, 'pg'), { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
        archive,
      ),
      /unset DATABASE_URL/,
    );
  });
});
