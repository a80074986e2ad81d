// Test and bench support: planning files generated from features drawn in WGS84 around Buôn Ma Thuột, written as
// GeoJSON (WGS84) or as a zipped Shapefile in a projected system (.shp/.shx written here, .dbf by dbffile in the
// chosen encoding, .prj, optional .cpg), so the same features can come in both ways.
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PlanningCrs, PlanningEncoding } from '@dltt/contracts';
import { DBFFile, type FieldDescriptor } from 'dbffile';
import yazl from 'yazl';
import { projector, VN2000_TM3_108_30_WKT } from '../modules/planning/import/crs.ts';
import { ICONV_NAMES } from '../modules/planning/import/encodings.ts';

export type FixtureValue = string | number | null;
export interface FixtureFeature {
  properties: Record<string, FixtureValue>;
  /** WGS84 Polygon or MultiPolygon (RFC 7946: outer rings counter-clockwise). */
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** A centre in Buôn Ma Thuột. */
export const BMT = { lon: 108.03, lat: 12.68 };

/** An axis-aligned square ring (counter-clockwise), `size` degrees wide, its south-west corner at (lon, lat). */
export function square(lon: number, lat: number, size: number): number[][] {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

/**
 * Four zones: a square with a hole (ODT), a MultiPolygon of two squares (CLN), a self-intersecting "bow-tie"
 * (DGT, repairable into its two triangles) and a plain square (TMD). Columns: MADAT, TEN, TANG, MATDO.
 */
export function sampleZones(): FixtureFeature[] {
  const { lon, lat } = BMT;
  const hole = square(lon + 0.002, lat + 0.002, 0.002).reverse();
  return [
    {
      properties: { MADAT: 'ODT', TEN: 'Đất ở tại đô thị', TANG: 5, MATDO: 60 },
      geometry: { type: 'Polygon', coordinates: [square(lon, lat, 0.006), hole] },
    },
    {
      properties: { MADAT: 'CLN', TEN: 'Đất trồng cây lâu năm', TANG: null, MATDO: null },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(lon + 0.01, lat, 0.003)], [square(lon + 0.015, lat, 0.003)]],
      },
    },
    {
      properties: { MADAT: 'DGT', TEN: 'Đất giao thông', TANG: null, MATDO: null },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat + 0.01],
            [lon + 0.004, lat + 0.014],
            [lon + 0.004, lat + 0.01],
            [lon, lat + 0.014],
            [lon, lat + 0.01],
          ],
        ],
      },
    },
    {
      properties: { MADAT: 'TMD', TEN: 'Đất thương mại, dịch vụ', TANG: 9, MATDO: 40.5 },
      geometry: { type: 'Polygon', coordinates: [square(lon + 0.01, lat + 0.01, 0.002)] },
    },
  ];
}

/** `count` small square zones on a grid around Buôn Ma Thuột, one at a time (big files: cancel, bench). */
export function* zonesOnGrid(
  count: number,
  codes = ['ODT', 'CLN', 'TMD', 'DGT', 'ONT'],
): Generator<FixtureFeature> {
  const side = Math.ceil(Math.sqrt(count));
  // Cells of ~7 m at a million features, ~60 m at ten thousand: the grid stays within ~7 km of the centre.
  const step = 0.12 / side;
  for (let i = 0; i < count; i += 1)
    yield {
      properties: {
        MADAT: codes[i % codes.length] ?? 'ODT',
        TEN: `Ô ${i + 1}`,
        TANG: (i % 9) + 1,
        MATDO: 50,
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          square(
            BMT.lon - 0.06 + (i % side) * step,
            BMT.lat - 0.06 + Math.floor(i / side) * step,
            step * 0.9,
          ),
        ],
      },
    };
}

export function gridZones(count: number): FixtureFeature[] {
  return [...zonesOnGrid(count)];
}

/** `count` cadastral parcels (MAXA, SOTO, SOTHUA, LOAIDAT) on a grid, one at a time. */
export function* parcelsOnGrid(count: number): Generator<FixtureFeature> {
  let i = 0;
  for (const zone of zonesOnGrid(count)) {
    yield {
      properties: {
        MAXA: '24121',
        SOTO: String(Math.floor(i / 500) + 1),
        SOTHUA: String((i % 500) + 1),
        LOAIDAT: 'ODT',
      },
      geometry: zone.geometry,
    };
    i += 1;
  }
}

export function geoJsonOf(features: FixtureFeature[], crsName?: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      ...(crsName ? { crs: { type: 'name', properties: { name: crsName } } } : {}),
      features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })),
    }),
  );
}

/** Shoelace sum: positive for counter-clockwise in x-right, y-up coordinates. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    const [x1 = 0, y1 = 0] = ring[i - 1] as number[];
    const [x2 = 0, y2 = 0] = ring[i] as number[];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Rings as the .shp wants them: outer rings clockwise, holes counter-clockwise (the reverse of RFC 7946). */
function shpParts(geometry: FixtureFeature['geometry'], project: (p: number[]) => number[]): number[][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const parts: number[][][] = [];
  for (const polygon of polygons)
    polygon.forEach((ring, i) => {
      const projected = ring.map(project);
      const clockwise = signedArea(projected) < 0;
      parts.push(clockwise === (i === 0) ? projected : projected.reverse());
    });
  return parts;
}

/** One .shp record of polygons (shape type 5), per the ESRI Shapefile Technical Description (1998). */
function shpRecord(
  n: number,
  parts: number[][][],
): { record: Buffer; box: [number, number, number, number] } {
  const points = parts.flat();
  const content = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  content.writeInt32LE(5, 0);
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of points) {
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  }
  const box: [number, number, number, number] = [xmin, ymin, xmax, ymax];
  for (const [i, v] of box.entries()) content.writeDoubleLE(v, 4 + 8 * i);
  content.writeInt32LE(parts.length, 36);
  content.writeInt32LE(points.length, 40);
  let start = 0;
  for (const [i, part] of parts.entries()) {
    content.writeInt32LE(start, 44 + 4 * i);
    start += part.length;
  }
  for (const [i, [x = 0, y = 0]] of points.entries()) {
    content.writeDoubleLE(x, 44 + 4 * parts.length + 16 * i);
    content.writeDoubleLE(y, 44 + 4 * parts.length + 16 * i + 8);
  }
  const header = Buffer.alloc(8);
  header.writeInt32BE(n, 0);
  header.writeInt32BE(content.length / 2, 4);
  return { record: Buffer.concat([header, content]), box };
}

function shpHeader(lengthBytes: number, box: number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(lengthBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(5, 32);
  for (const [i, v] of box.entries()) h.writeDoubleLE(Number.isFinite(v) ? v : 0, 36 + 8 * i);
  return h;
}

/**
 * Writes `zones.shp`, `zones.shx` and `zones.dbf` into `dir` feature by feature (a million features never sit in
 * memory together): records appended in chunks, the headers written last once the lengths and the box are known.
 */
async function writeShapefileFiles(
  dir: string,
  features: Iterable<FixtureFeature>,
  options: ShapefileOptions,
): Promise<{ shp: string; shx: string; dbf: string }> {
  const project = options.crs === 'EPSG:4326' ? (p: number[]) => p : projector(options.crs, options.towgs84);
  const files = {
    shp: path.join(dir, 'zones.shp'),
    shx: path.join(dir, 'zones.shx'),
    dbf: path.join(dir, 'zones.dbf'),
  };
  const shp = await open(files.shp, 'w');
  const shx = await open(files.shx, 'w');
  const dbf = await DBFFile.create(files.dbf, options.fields ?? ZONE_FIELDS, {
    encoding: ICONV_NAMES[options.encoding],
  });
  try {
    let offset = 100;
    let n = 0;
    const extent = [Infinity, Infinity, -Infinity, -Infinity];
    let records: Buffer[] = [];
    let index: Buffer[] = [];
    let rows: Record<string, FixtureValue>[] = [];
    let shpAt = 100;
    let shxAt = 100;
    const flush = async () => {
      const shpBytes = Buffer.concat(records);
      const shxBytes = Buffer.concat(index);
      await shp.write(shpBytes, 0, shpBytes.length, shpAt);
      await shx.write(shxBytes, 0, shxBytes.length, shxAt);
      shpAt += shpBytes.length;
      shxAt += shxBytes.length;
      await dbf.appendRecords(rows);
      records = [];
      index = [];
      rows = [];
    };
    await shp.write(Buffer.alloc(100), 0, 100, 0);
    await shx.write(Buffer.alloc(100), 0, 100, 0);
    for (const feature of features) {
      n += 1;
      const { record, box } = shpRecord(n, shpParts(feature.geometry, project));
      extent[0] = Math.min(extent[0] as number, box[0]);
      extent[1] = Math.min(extent[1] as number, box[1]);
      extent[2] = Math.max(extent[2] as number, box[2]);
      extent[3] = Math.max(extent[3] as number, box[3]);
      const entry = Buffer.alloc(8);
      entry.writeInt32BE(offset / 2, 0);
      entry.writeInt32BE((record.length - 8) / 2, 4);
      records.push(record);
      index.push(entry);
      rows.push(feature.properties);
      offset += record.length;
      if (rows.length >= 10_000) await flush();
    }
    await flush();
    await shp.write(shpHeader(offset, extent), 0, 100, 0);
    await shx.write(shpHeader(100 + 8 * n, extent), 0, 100, 0);
  } finally {
    await shp.close();
    await shx.close();
  }
  return files;
}

export interface ShapefileOptions {
  crs: PlanningCrs;
  /** The .dbf's text encoding. */
  encoding: PlanningEncoding;
  /** Write a .cpg naming the encoding (default true). */
  cpg?: boolean;
  /** Write the .prj (default true; only EPSG:9218 and EPSG:4326 have one here). */
  prj?: boolean;
  towgs84: string;
  /** Folder inside the zip (files in a subfolder are accepted). */
  folder?: string;
  /** Keep only this share of the .shp's bytes (a truncated upload). */
  truncateShpTo?: number;
  /** Columns; by default those of the zones (MADAT, TEN, TANG, MATDO). */
  fields?: FieldDescriptor[];
}

const ZONE_FIELDS: FieldDescriptor[] = [
  { name: 'MADAT', type: 'C', size: 10 },
  { name: 'TEN', type: 'C', size: 100 },
  { name: 'TANG', type: 'N', size: 4, decimalPlaces: 0 },
  { name: 'MATDO', type: 'N', size: 8, decimalPlaces: 1 },
];
export const PARCEL_FIELDS: FieldDescriptor[] = [
  { name: 'MAXA', type: 'C', size: 5 },
  { name: 'SOTO', type: 'C', size: 10 },
  { name: 'SOTHUA', type: 'C', size: 10 },
  { name: 'LOAIDAT', type: 'C', size: 10 },
];

const CPG_TEXT: Record<PlanningEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1258': '1258',
  tcvn3: 'TCVN3',
};

/** A zipped Shapefile of the features, projected into `crs`, written to `file`. */
export async function writeShapefileZip(
  file: string,
  features: Iterable<FixtureFeature>,
  options: ShapefileOptions,
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dltt-fixture-'));
  try {
    const parts = await writeShapefileFiles(dir, features, options);
    if (options.truncateShpTo) {
      const size = (await stat(parts.shp)).size;
      await truncate(parts.shp, Math.floor(size * options.truncateShpTo));
    }
    const zip = new yazl.ZipFile();
    const at = (name: string) => (options.folder ? `${options.folder}/${name}` : name);
    zip.addFile(parts.shp, at('zones.shp'));
    zip.addFile(parts.shx, at('zones.shx'));
    zip.addFile(parts.dbf, at('zones.dbf'));
    if (options.prj !== false)
      zip.addBuffer(
        Buffer.from(
          options.crs === 'EPSG:9218'
            ? VN2000_TM3_108_30_WKT
            : 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]',
        ),
        at('zones.prj'),
      );
    if (options.cpg !== false) zip.addBuffer(Buffer.from(CPG_TEXT[options.encoding]), at('zones.cpg'));
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A zipped Shapefile of the features, projected into `crs`, in memory (small test files). */
export async function shapefileZipOf(features: FixtureFeature[], options: ShapefileOptions): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dltt-fixture-zip-'));
  try {
    const file = path.join(dir, 'zones.zip');
    await writeShapefileZip(file, features, options);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
