import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import {
  assertSafeKey,
  assertSafePrefix,
  contentTypeOf,
  type FileStore,
  type StoredFile,
} from './file-store.ts';

/** A full disk or a read-only file system is the store's state, not a bug: 503 like an unreachable S3. */
const UNAVAILABLE = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);

function storageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code && UNAVAILABLE.has(code)
    ? Object.assign(new AppError('STORAGE_UNAVAILABLE'), { cause: error })
    : error;
}

/**
 * Files in a local directory. A put writes a temporary name in the same folder, flushes it to disk, then renames
 * it over the final name and flushes the folder: rename is atomic, so a reader sees the whole file or none, and
 * after a power cut the database never names a file whose bytes were still in the page cache. What a killed
 * writer leaves is a temporary file, never served (no key names it) and removed by the orphan sweep.
 */
export function createLocalFileStore(root: string): FileStore {
  const resolve = (key: string) => {
    assertSafeKey(key);
    return path.join(root, key);
  };
  /** Writes through `write` into a temporary file, flushes it and renames it over the key. */
  const writeAtomically = async <T>(key: string, write: (handle: FileHandle) => Promise<T>): Promise<T> => {
    const file = resolve(key);
    const dir = path.dirname(file);
    // Named `.<name>.<random>.tmp` in the file's own folder (same file system, so the rename is atomic).
    const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      const handle = await open(tmp, 'wx', 0o600);
      let result: T;
      try {
        result = await write(handle);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
      return result;
    } catch (error) {
      await rm(tmp, { force: true });
      throw storageError(error);
    }
  };
  return {
    async put(key, data) {
      await writeAtomically(key, (handle) => handle.writeFile(data));
    },
    putStream(key, data) {
      return writeAtomically(key, async (handle) => {
        let size = 0;
        // One chunk at a time: the next is read once the last is written (the stream's own backpressure).
        for await (const chunk of data) {
          await handle.writeFile(chunk);
          size += chunk.length;
        }
        return size;
      });
    },
    async openStream(key) {
      const file = resolve(key);
      try {
        const handle = await open(file, 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw storageError(error);
      }
    },
    async get(key) {
      try {
        const data = await readFile(resolve(key));
        return { data, contentType: contentTypeOf(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw storageError(error);
      }
    },
    async exists(key) {
      try {
        return (await stat(resolve(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw storageError(error);
      }
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
    async *list(prefix): AsyncGenerator<StoredFile> {
      assertSafePrefix(prefix);
      const walk = async function* (dir: string, keyPrefix: string): AsyncGenerator<StoredFile> {
        let entries: Dirent[];
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        for (const entry of entries) {
          const key = `${keyPrefix}${entry.name}`;
          if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), `${key}/`);
          else if (entry.isFile()) {
            const modifiedAt = (await stat(path.join(dir, entry.name)).catch(() => null))?.mtime;
            if (modifiedAt) yield { key, modifiedAt };
          }
        }
      };
      yield* walk(path.join(root, prefix), prefix);
    },
  };
}
