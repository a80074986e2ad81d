// What an uploaded file holds, read before anything is imported: its format (by content, not by name), and for a
// Shapefile its parts, .cpg encoding, .prj coordinate system, columns and feature count; for GeoJSON the columns of
// its first features and its `crs`.
import { open, readFile } from 'node:fs/promises';
import type { PlanningCrs, PlanningEncoding, PlanningImportDetected } from '@dltt/contracts';
import { AppError } from '../../../errors.ts';
import { crsOfGeoJsonMember, crsOfPrj } from './crs.ts';
import { encodingOfCpg } from './encodings.ts';
import { type Cell, cells, geoJsonValues, openDbf, shxFeatureCount, UnreadableFileError } from './readers.ts';
import { type ExtractedShapefile, extractShapefile } from './zip.ts';

/** Features whose property names make a GeoJSON's columns (and whose coordinates hint at its system). */
const SAMPLE_FEATURES = 100;
export const PREVIEW_RECORDS = 10;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format the first bytes show: a zip (`PK\x03\x04`) or JSON (`{` after an optional BOM and blanks). */
export function formatOfBytes(head: Buffer): 'shapefile' | 'geojson' | null {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'shapefile';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('{') ? 'geojson' : null;
}

export async function formatOfFile(file: string): Promise<'shapefile' | 'geojson' | null> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return formatOfBytes(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const invalid = (detail: string) => new AppError('PLANNING_FILE_INVALID', { detail });

/** The first position of a geometry, to tell degrees from metres. */
function firstPosition(coordinates: unknown): number[] | null {
  let at: unknown = coordinates;
  while (Array.isArray(at) && Array.isArray(at[0])) at = at[0];
  return Array.isArray(at) && typeof at[0] === 'number' && typeof at[1] === 'number'
    ? (at as number[])
    : null;
}

export async function detectGeoJson(file: string): Promise<PlanningImportDetected> {
  const columns = new Set<string>();
  let crsMember: unknown;
  let features = 0;
  let projected = false;
  try {
    for await (const value of geoJsonValues(file)) {
      if ('crs' in value) {
        crsMember = value.crs;
        continue;
      }
      const feature = value.feature as {
        properties?: Record<string, unknown>;
        geometry?: { coordinates?: unknown };
      };
      for (const key of Object.keys(feature.properties ?? {})) columns.add(key);
      const position = firstPosition(feature.geometry?.coordinates);
      if (position && (Math.abs(position[0] ?? 0) > 180 || Math.abs(position[1] ?? 0) > 90)) projected = true;
      features += 1;
      if (features >= SAMPLE_FEATURES) break;
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw invalid(error.message);
    throw error;
  }
  if (features === 0) throw invalid('no features in the GeoJSON');
  // RFC 7946 GeoJSON is WGS84; a `crs` member (the 2008 draft) may say otherwise. Coordinates in metres with no
  // member saying which system: the officer chooses.
  let crsFromFile: PlanningCrs | null = crsMember === undefined ? 'EPSG:4326' : crsOfGeoJsonMember(crsMember);
  if (crsFromFile === 'EPSG:4326' && projected) crsFromFile = null;
  return {
    format: 'geojson',
    files: [],
    encodingFromCpg: null,
    crsFromFile,
    unknownPrj:
      crsMember !== undefined && crsFromFile === null ? JSON.stringify(crsMember).slice(0, 2000) : null,
    columns: [...columns],
    featureCount: null,
  };
}

export async function detectShapefile(
  file: string,
  dir: string,
  maxBytes: number,
): Promise<{ detected: PlanningImportDetected; shapefile: ExtractedShapefile }> {
  // The .shp itself (most of the file) is not needed to say what the file holds: read at import time only.
  const extracted = await extractShapefile(file, dir, maxBytes, ['.shx', '.dbf', '.prj', '.cpg']);
  const { parts } = extracted;
  const cpg = parts['.cpg'] ? (await readFile(parts['.cpg'], 'latin1')).slice(0, 200) : null;
  const prj = parts['.prj'] ? (await readFile(parts['.prj'], 'utf8')).slice(0, 4000).trim() : null;
  const encodingFromCpg = cpg === null ? null : encodingOfCpg(cpg);
  const crsFromFile = prj === null ? null : crsOfPrj(prj);
  let columns: string[];
  try {
    // Column names are ASCII in practice; the encoding of the values is chosen later.
    columns = (await openDbf(parts['.dbf'] as string, 'utf-8')).fields.map((field) => field.name);
  } catch (error) {
    throw invalid(`.dbf: ${(error as Error).message}`);
  }
  return {
    detected: {
      format: 'shapefile',
      files: extracted.names,
      encodingFromCpg,
      crsFromFile,
      unknownPrj: prj !== null && crsFromFile === null ? prj : null,
      columns,
      featureCount: await shxFeatureCount(parts['.shx'] as string),
    },
    shapefile: extracted,
  };
}

/** The first records' attributes, decoded with `encoding` (a Shapefile) or as the JSON has them. */
export async function previewRecords(
  format: 'shapefile' | 'geojson',
  source: { file: string } | { shapefile: ExtractedShapefile; encoding: PlanningEncoding },
): Promise<Record<string, Cell>[]> {
  const rows: Record<string, Cell>[] = [];
  if (format === 'geojson' && 'file' in source) {
    for await (const value of geoJsonValues(source.file)) {
      if (!('feature' in value)) continue;
      const properties = (value.feature as { properties?: Record<string, Cell> }).properties ?? {};
      rows.push(properties);
      if (rows.length >= PREVIEW_RECORDS) break;
    }
    return rows;
  }
  if (!('shapefile' in source)) return rows;
  const dbfPath = source.shapefile.parts['.dbf'];
  if (!dbfPath) return rows;
  try {
    const dbf = await openDbf(dbfPath, source.encoding);
    return (await dbf.readRecords(PREVIEW_RECORDS)).map(cells);
  } catch (error) {
    throw invalid(`.dbf: ${(error as Error).message}`);
  }
}
