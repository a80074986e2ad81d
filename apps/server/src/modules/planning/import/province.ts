// "Is this point in the province?" for every imported feature, fast: the province's outline has thousands of
// vertices, so a grid over its box classifies most cells once (inside / outside) and only cells the border
// crosses run the exact test (@turf/boolean-point-in-polygon).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';

const GRID = 128;

export type InProvince = (lon: number, lat: number) => boolean;

/** A point test for the province outline (a Polygon or MultiPolygon), boundaries counted as inside. */
export function provinceTest(outline: Polygon | MultiPolygon): InProvince {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon = 0, lat = 0] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
  const cellW = (east - west) / GRID;
  const cellH = (north - south) / GRID;
  const cellOf = (lon: number, lat: number) => {
    const x = Math.min(GRID - 1, Math.max(0, Math.floor((lon - west) / cellW)));
    const y = Math.min(GRID - 1, Math.max(0, Math.floor((lat - south) / cellH)));
    return y * GRID + x;
  };
  // Cells an edge's box touches hold the border: only there does the answer change within a cell.
  const border = new Uint8Array(GRID * GRID);
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i += 1) {
        const [x1 = 0, y1 = 0] = ring[i - 1] as number[];
        const [x2 = 0, y2 = 0] = ring[i] as number[];
        const a = cellOf(Math.min(x1, x2), Math.min(y1, y2));
        const b = cellOf(Math.max(x1, x2), Math.max(y1, y2));
        for (let y = Math.floor(a / GRID); y <= Math.floor(b / GRID); y += 1)
          for (let x = a % GRID; x <= b % GRID; x += 1) border[y * GRID + x] = 1;
      }
  // 0 unknown, 1 inside, 2 outside: a border-free cell is wholly one or the other, learnt from its first point.
  const known = new Uint8Array(GRID * GRID);
  const exact = (lon: number, lat: number) => booleanPointInPolygon([lon, lat], outline);
  return (lon, lat) => {
    if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return false;
    const cell = cellOf(lon, lat);
    if (border[cell]) return exact(lon, lat);
    if (known[cell] === 0) known[cell] = exact(lon, lat) ? 1 : 2;
    return known[cell] === 1;
  };
}

/** The province outline shipped with the reference data (`province.geojson`). */
export async function loadProvinceTest(referenceDir: string): Promise<InProvince> {
  const collection = JSON.parse(await readFile(path.join(referenceDir, 'province.geojson'), 'utf8')) as {
    features: { geometry: Polygon | MultiPolygon }[];
  };
  const geometry = collection.features[0]?.geometry;
  if (!geometry) throw new Error('province.geojson has no outline');
  return provinceTest(geometry);
}
