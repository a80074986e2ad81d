// The embedded database belongs to the one process that opened it: PGlite is a single in-process backend, and a
// second process opening DATA_DIR/db would corrupt it. That process listens on a Unix socket inside DATA_DIR
// (mode 600), which does two things:
// - it marks DATA_DIR as in use: a second server, `npm run backup` or `npm run restore` finds it and does not
//   open the database itself;
// - it answers `POST /database-dump` with a consistent copy of the database (PGlite's dumpDataDir, taken between
//   two queries after a CHECKPOINT), which `npm run backup` puts in the archive.
// Whoever can reach the socket can already read DATA_DIR, so the file's permissions are the whole access rule:
// no token, no TCP port, nothing reachable from the network.
import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { appliedMigrations } from '../db/migrate.ts';
import type { Database } from '../db/pool.ts';

export const MAINTENANCE_SOCKET = 'maintenance.sock';
/** Unix socket paths are limited to 107 bytes on Linux. */
const MAX_SOCKET_PATH = 107;

/** Another process holds DATA_DIR (or its path cannot carry the socket): the operator must act. */
export class DataDirUnavailable extends Error {}

export function maintenanceSocketPath(dataDir: string): string {
  return path.join(dataDir, MAINTENANCE_SOCKET);
}

/** True when a process answers on DATA_DIR's maintenance socket (a server, or a backup or restore at work). */
export function dataDirInUse(dataDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(maintenanceSocketPath(dataDir));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    // ENOENT: nobody ever listened; ECONNREFUSED: a process that listened has died (the file is stale).
    socket.once('error', () => resolve(false));
  });
}

export interface DatabaseDump {
  /** PGlite's data directory as a gzipped tar (what `PGlite.create({ loadDataDir })` takes back). */
  data: Buffer;
  migrations: string[];
}

/** A consistent dump of an embedded database this process has open. */
export async function dumpDatabase(database: Database): Promise<DatabaseDump> {
  if (!database.pglite) throw new Error('Only the embedded database is dumped through the socket');
  // Fewer WAL records to replay when the copy is opened; the copy is consistent without it too (crash-safe).
  await database.pglite.exec('CHECKPOINT');
  const migrations = await appliedMigrations(database.db, database.schema);
  const blob = await database.pglite.dumpDataDir('gzip');
  return { data: Buffer.from(await blob.arrayBuffer()), migrations };
}

export interface MaintenanceSocket {
  /** From now on, dump requests are answered from this database (until then: 503). */
  serve(database: Database): void;
  close(): Promise<void>;
}

/**
 * Claims DATA_DIR for this process (throws when another process holds it) and serves database dumps to
 * `npm run backup` once `serve` hands it the open database.
 */
export async function openMaintenanceSocket(
  dataDir: string,
  log: (msg: string, err?: unknown) => void,
): Promise<MaintenanceSocket> {
  const file = maintenanceSocketPath(dataDir);
  await mkdir(dataDir, { recursive: true });
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    throw new DataDirUnavailable(
      `DATA_DIR is too long for its maintenance socket (${file}: over ${MAX_SOCKET_PATH} bytes); use a shorter path`,
    );
  }
  if (await dataDirInUse(dataDir)) {
    throw new DataDirUnavailable(
      `DATA_DIR ${dataDir} is in use by another process (a server, a backup or a restore)`,
    );
  }
  await rm(file, { force: true });
  let busy = false;
  let database: Database | null = null;
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/database-dump') {
      res.writeHead(404).end();
      return;
    }
    if (!database) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('the database is not open (yet)');
      return;
    }
    if (busy) {
      res.writeHead(409, { 'content-type': 'text/plain' }).end('a dump is already being taken');
      return;
    }
    busy = true;
    dumpDatabase(database).then(
      (dump) => {
        busy = false;
        res.writeHead(200, {
          'content-type': 'application/gzip',
          'content-length': dump.data.length,
          'x-migrations': dump.migrations.join(','),
        });
        res.end(dump.data);
      },
      (err: unknown) => {
        busy = false;
        log('database dump failed', err);
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  await chmod(file, 0o600);
  return {
    serve(open) {
      database = open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Asks the server that holds DATA_DIR for a dump of its embedded database. */
export function requestDatabaseDump(dataDir: string): Promise<DatabaseDump> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: maintenanceSocketPath(dataDir), path: '/database-dump', method: 'POST' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if (res.statusCode !== 200) {
            reject(new Error(`The server refused the dump (${res.statusCode}): ${body.toString('utf8')}`));
            return;
          }
          const header = res.headers['x-migrations'];
          const migrations = typeof header === 'string' && header ? header.split(',') : [];
          resolve({ data: body, migrations });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
