// A zipped Shapefile, extracted entry by entry (streamed) into a private temporary folder.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../../errors.ts';

/** The parts of a Shapefile we read, by extension. */
export const SHAPEFILE_PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'] as const;
export type ShapefilePart = (typeof SHAPEFILE_PARTS)[number];

export interface ExtractedShapefile {
  /** Paths of the extracted parts (the required three and whichever of .prj / .cpg the zip has). */
  parts: Partial<Record<ShapefilePart, string>>;
  /** Names of the parts as the zip has them (shown to the officer). */
  names: string[];
}

const invalid = (detail: string) => new AppError('PLANNING_FILE_INVALID', { detail });

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(invalid(`zip: ${error?.message ?? 'unreadable'}`)) : resolve(zip),
    ),
  );
}

/**
 * Extracts the Shapefile of a zip into `dir`: exactly one `.shp` (in any subfolder), with the `.shx` and `.dbf`
 * of the same name, and its `.prj` / `.cpg` when present. Entries naming a path outside the archive are refused
 * (yauzl checks too); other files are skipped. `maxBytes` bounds what is written (a zip bomb stops there).
 */
export async function extractShapefile(
  file: string,
  dir: string,
  maxBytes: number,
  only: readonly ShapefilePart[] = SHAPEFILE_PARTS,
): Promise<ExtractedShapefile> {
  // First pass: the names (the central directory, no data read).
  const entries = await listEntries(file);
  const shps = entries.filter((name) => path.posix.extname(name).toLowerCase() === '.shp');
  if (shps.length !== 1)
    throw invalid(shps.length === 0 ? 'no .shp in the zip' : 'more than one .shp in the zip');
  const base = (shps[0] as string).slice(0, -4);
  const wanted = new Map<string, ShapefilePart>();
  for (const name of entries) {
    const ext = path.posix.extname(name).toLowerCase();
    if (name.slice(0, -ext.length) === base && (SHAPEFILE_PARTS as readonly string[]).includes(ext))
      wanted.set(name, ext as ShapefilePart);
  }
  const found = new Set(wanted.values());
  for (const required of ['.shx', '.dbf'] as const)
    if (!found.has(required)) throw invalid(`no ${required} beside the .shp`);

  const zip = await openZip(file);
  const parts: ExtractedShapefile['parts'] = {};
  let written = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof AppError ? error : invalid(`zip: ${(error as Error).message}`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      const part = wanted.get(entry.fileName);
      if (!part || !only.includes(part)) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ?? new Error('no stream'));
        const target = path.join(dir, `source${part}`);
        const limit = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            written += chunk.length;
            done(written > maxBytes ? invalid('the zip expands beyond the size limit') : null, chunk);
          },
        });
        pipeline(stream, limit, createWriteStream(target, { mode: 0o600 }))
          .then(() => {
            parts[part] = target;
            zip.readEntry();
          })
          .catch(fail);
      });
    });
    zip.readEntry();
  });
  return { parts, names: [...wanted.keys()].map((name) => path.posix.basename(name)) };
}

async function listEntries(file: string): Promise<string[]> {
  const zip = await openZip(file);
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    zip.on('error', (error: Error) => reject(invalid(`zip: ${error.message}`)));
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      const unsafe =
        name.startsWith('/') ||
        /^[a-z]:/i.test(name) ||
        name.split(/[\\/]/).some((segment) => segment === '..');
      if (unsafe) {
        zip.close();
        return reject(invalid(`unsafe path in the zip: ${name}`));
      }
      // Folders, and the resource forks macOS adds to zips it makes.
      if (!name.endsWith('/') && !name.startsWith('__MACOSX/')) names.push(name);
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    zip.readEntry();
  });
}
