// Geometry as the planning tables keep it: GeoJSON Polygon / MultiPolygon in WGS84 degrees (jsonb), with its
// bounding box in a core `box` column (GiST-indexed). Shared by the import (which writes rows) and the lookups
// (which read them); no PostGIS (docs/DECISIONS.md).
import type { PolygonalGeometryJson } from '../../db/types.ts';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** The polygons of a geometry, each as rings of [lon, lat] positions (outer ring first). */
export function polygonsOf(geometry: PolygonalGeometryJson): number[][][][] {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as number[][][]]
    : (geometry.coordinates as number[][][][]);
}

export function bboxOf(geometry: PolygonalGeometryJson): Bbox {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        if (lon === undefined || lat === undefined) continue;
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
  return [west, south, east, north];
}

/** The `box` literal PostgreSQL reads: `((west,south),(east,north))`. */
export function boxLiteral([west, south, east, north]: Bbox): string {
  return `((${west},${south}),(${east},${north}))`;
}

/** A `box` as PostgreSQL prints it, `(east,north),(west,south)` (upper right first), back to a Bbox. */
export function parseBox(text: string): Bbox {
  const n = text.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)?.map(Number) ?? [];
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) throw new Error(`Not a box: ${text}`);
  const [x1, y1, x2, y2] = n as [number, number, number, number];
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

const SCALE = 1e7;
/** Coordinates rounded to 1e-7 degrees (about 1 cm), as stored. */
export function roundPosition([lon, lat]: number[]): [number, number] {
  return [Math.round((lon ?? 0) * SCALE) / SCALE, Math.round((lat ?? 0) * SCALE) / SCALE];
}
