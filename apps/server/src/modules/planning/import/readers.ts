// Reading a planning file record by record: GeoJSON through stream-json, a Shapefile through `shapefile` (.shp)
// in lockstep with `dbffile` (.dbf). Nothing holds the whole file: at most one batch of records at a time.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { PlanningEncoding } from '@dltt/contracts';
import { JSONParser } from '@streamparser/json';
import { DBFFile } from 'dbffile';
import * as shapefile from 'shapefile';
import { ICONV_NAMES } from './encodings.ts';
import type { ShapefilePart } from './zip.ts';

export type Cell = string | number | boolean | null;

/** One record of the file: its 1-based number, its attributes, and its geometry as the file has it. */
export interface SourceRecord {
  index: number;
  properties: Record<string, Cell>;
  /** GeoJSON geometry in the file's coordinates, or null for a record without one. */
  geometry: { type: string; coordinates?: unknown } | null;
}

/** The file ended early or does not parse: nothing of it can be trusted (`unreadable_file`). */
export class UnreadableFileError extends Error {}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

export function cells(properties: unknown): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  if (properties && typeof properties === 'object')
    for (const [key, value] of Object.entries(properties)) out[key] = cell(value);
  return out;
}

/**
 * A GeoJSON file's top-level `crs` member and features, as parsed values in file order. @streamparser/json emits
 * each feature once complete and keeps nothing of it after (`keepStack: false`): memory stays at one read chunk's
 * worth of features, whatever the file's size. (stream-json, tried first, read 2× slower on the same files.)
 */
export async function* geoJsonValues(file: string): AsyncGenerator<{ crs: unknown } | { feature: unknown }> {
  const source = createReadStream(file, { highWaterMark: 256 * 1024 });
  const parser = new JSONParser({ paths: ['$.crs', '$.features.*'], keepStack: false });
  let ready: ({ crs: unknown } | { feature: unknown })[] = [];
  parser.onValue = ({ value, key }) => {
    ready.push(key === 'crs' ? { crs: value } : { feature: value });
  };
  try {
    for await (const chunk of source) {
      try {
        parser.write(chunk as Buffer);
      } catch (error) {
        throw new UnreadableFileError(`GeoJSON: ${(error as Error).message}`);
      }
      const out = ready;
      ready = [];
      yield* out;
    }
    if (!parser.isEnded) throw new UnreadableFileError('GeoJSON: the file ends before the document does');
  } finally {
    source.destroy();
  }
}

/** Records of a GeoJSON FeatureCollection, in batches. */
export async function* readGeoJson(file: string, batchSize: number): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  let index = 0;
  for await (const value of geoJsonValues(file)) {
    if (!('feature' in value)) continue;
    const feature = value.feature as { properties?: unknown; geometry?: SourceRecord['geometry'] } | null;
    index += 1;
    batch.push({ index, properties: cells(feature?.properties), geometry: feature?.geometry ?? null });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function openDbf(file: string, encoding: PlanningEncoding): Promise<DBFFile> {
  // Loose: a column of a type dbffile does not know is read as null instead of refusing the file.
  return DBFFile.open(file, { encoding: ICONV_NAMES[encoding], readMode: 'loose' });
}

/** Features the .shx indexes: 8 bytes a record after its 100-byte header. */
export async function shxFeatureCount(file: string): Promise<number | null> {
  const size = (await stat(file)).size;
  return size >= 100 && (size - 100) % 8 === 0 ? (size - 100) / 8 : null;
}

/**
 * Records of a Shapefile in batches: the .dbf's next `batchSize` records and as many shapes from the .shp. The two
 * files must end together; one ending early (a truncated upload, a broken export) is an UnreadableFileError.
 */
export async function* readShapefile(
  parts: Partial<Record<ShapefilePart, string>>,
  encoding: PlanningEncoding,
  batchSize: number,
): AsyncGenerator<SourceRecord[]> {
  const { '.shp': shpPath, '.dbf': dbfPath } = parts;
  if (!shpPath || !dbfPath) throw new UnreadableFileError('the Shapefile lacks its .shp or .dbf');
  let dbf: DBFFile;
  let shp: Awaited<ReturnType<typeof shapefile.openShp>>;
  try {
    dbf = await openDbf(dbfPath, encoding);
    shp = await shapefile.openShp(shpPath);
  } catch (error) {
    throw new UnreadableFileError(`Shapefile: ${(error as Error).message}`);
  }
  let index = 0;
  try {
    while (true) {
      let records: Awaited<ReturnType<DBFFile['readRecords']>>;
      try {
        records = await dbf.readRecords(batchSize);
      } catch (error) {
        throw new UnreadableFileError(`.dbf: ${(error as Error).message}`);
      }
      const batch: SourceRecord[] = [];
      for (const record of records) {
        let next: { done: boolean; value: SourceRecord['geometry'] };
        try {
          next = (await shp.read()) as typeof next;
        } catch (error) {
          throw new UnreadableFileError(`.shp: ${(error as Error).message}`);
        }
        if (next.done)
          throw new UnreadableFileError(`.shp ends after ${index} shapes; the .dbf has more records`);
        index += 1;
        batch.push({ index, properties: cells(record), geometry: next.value ?? null });
      }
      if (records.length === 0) {
        let next: { done: boolean };
        try {
          next = await shp.read();
        } catch (error) {
          throw new UnreadableFileError(`.shp: ${(error as Error).message}`);
        }
        if (!next.done)
          throw new UnreadableFileError(`.dbf ends after ${index} records; the .shp has more shapes`);
        return;
      }
      yield batch;
    }
  } finally {
    await shp.cancel().catch(() => {});
  }
}
