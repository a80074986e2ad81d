// The backup archive: one .tar.gz holding manifest.json first, then the database dump and DATA_DIR's files.
//   manifest.json
//   database/pglite-datadir.tar.gz   (embedded: PGlite's data directory)  or  database/postgres.pgdump (pg_dump -Fc)
//   data/secret.key                  (when the key lives in DATA_DIR rather than in SECRET_KEY)
//   data/files/...                   (the local FileStore: report photos and thumbnails)
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'dltt-backup';
export const ARCHIVE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const PGLITE_DUMP = 'database/pglite-datadir.tar.gz';
export const POSTGRES_DUMP = 'database/postgres.pgdump';
export const SECRET_KEY_FILE = 'data/secret.key';
export const FILES_DIR = 'data/files';

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.iso.datetime(),
  /** The application's version (root package.json) that wrote the archive. */
  appVersion: z.string(),
  database: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('pglite'), file: z.literal(PGLITE_DUMP) }),
    z.object({
      kind: z.literal('postgres'),
      file: z.literal(POSTGRES_DUMP),
      serverVersion: z.string(),
      pgDumpMajor: z.number().int(),
    }),
  ]),
  /** Every migration applied to the database when it was dumped, in order; the last is its schema level. */
  migrations: z.array(z.string().regex(/^\d{4}_[a-z0-9_]+$/)),
  /**
   * Where the photos are. `local`: in the archive under data/files. `s3`: in that bucket, which the storage's own
   * versioning or replication protects; the archive only names it.
   */
  fileStore: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('local'), count: z.number().int().nonnegative() }),
    z.object({ kind: z.literal('s3'), bucket: z.string(), endpoint: z.string().nullable() }),
  ]),
  /** Whether data/secret.key is in the archive (false when the key comes from SECRET_KEY). */
  secretKey: z.boolean(),
  /** SHA-256 (hex) of every file in the archive but the manifest, by its path in the archive. */
  checksums: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type Manifest = z.infer<typeof Manifest>;

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Every regular file under `dir`, as paths relative to it with `/` separators; none when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Which migrations of an archive this code does not know: the archive comes from a newer version. */
export function unknownMigrations(archive: string[], known: string[]): string[] {
  const set = new Set(known);
  return archive.filter((m) => !set.has(m));
}
