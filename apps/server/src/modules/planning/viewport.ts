// The maths of map data for a viewport: Web Mercator pixels at a zoom (256 px tiles, as Leaflet draws them),
// simplification to what a pixel can show, and rounding. Pure functions, unit-tested in viewport.test.ts.
import simplify from 'simplify-js';
import type { PolygonalGeometryJson } from '../../db/types.ts';
import { polygonsOf } from './geometry.ts';

const TILE = 256;
const MAX_LAT = 85.0511287798;

/** World size in pixels at a zoom. */
const worldPx = (zoom: number) => TILE * 2 ** zoom;

export function toPixel(lon: number, lat: number, zoom: number): { x: number; y: number } {
  const size = worldPx(zoom);
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return {
    x: ((lon + 180) / 360) * size,
    y: (0.5 - Math.log((1 + Math.sin(phi)) / (1 - Math.sin(phi))) / (4 * Math.PI)) * size,
  };
}

export function fromPixel(x: number, y: number, zoom: number): [number, number] {
  const size = worldPx(zoom);
  const lon = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
  return [lon, lat];
}

/** Degrees (longitude, and latitude near `lat`) that `px` pixels span at the zoom. */
export function degreesOfPixels(px: number, zoom: number, lat: number): { lon: number; lat: number } {
  const lon = (px * 360) / worldPx(zoom);
  return { lon, lat: lon * Math.cos((lat * Math.PI) / 180) };
}

/**
 * Decimal places a coordinate needs at the zoom: enough for a tenth of a pixel, at most 7 (the stored
 * precision). 6 at street zoom (z17), 5 at z12.
 */
export function decimalsFor(zoom: number): number {
  const degPerPx = 360 / worldPx(zoom);
  return Math.min(7, Math.ceil(-Math.log10(degPerPx)) + 1);
}

/**
 * A polygonal geometry simplified for the zoom: each ring simplified in screen pixels (Douglas-Peucker through
 * simplify-js) with `tolerancePx`, coordinates rounded to `decimalsFor(zoom)`. A hole that shrinks below a
 * triangle is dropped, and so is a polygon whose outer ring does; null when nothing is left.
 */
export function simplifyForZoom(
  geometry: PolygonalGeometryJson,
  zoom: number,
  tolerancePx = 0.5,
): PolygonalGeometryJson | null {
  const factor = 10 ** decimalsFor(zoom);
  const round = (v: number) => Math.round(v * factor) / factor;
  const polygons: number[][][][] = [];
  for (const polygon of polygonsOf(geometry)) {
    const rings: number[][][] = [];
    for (const [index, ring] of polygon.entries()) {
      const pixels = ring.map(([lon, lat]) => toPixel(lon ?? 0, lat ?? 0, zoom));
      const kept = simplify(pixels, tolerancePx, false);
      const out: number[][] = [];
      for (const p of kept) {
        const [lon, lat] = fromPixel(p.x, p.y, zoom);
        const position = [round(lon), round(lat)];
        const last = out[out.length - 1];
        if (!last || last[0] !== position[0] || last[1] !== position[1]) out.push(position);
      }
      // A closed ring needs 4 positions (a triangle and the closing one).
      if (out.length < 4) {
        if (index === 0) break;
        continue;
      }
      rings.push(out);
    }
    if (rings.length > 0) polygons.push(rings);
  }
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as number[][][] }
    : { type: 'MultiPolygon', coordinates: polygons };
}
