// No zod here: the citizen app imports this file alone ('@dltt/contracts/map-tiles'), and ships no schema library.

/** The URL of one tile: `{s}` cycles through the subdomains so that neighbouring tiles spread across hosts. */
export function mapTileUrl(
  tiles: { url: string; subdomains: readonly string[] },
  x: number,
  y: number,
  z: number,
): string {
  const n = tiles.subdomains.length;
  const sub = n > 0 ? (tiles.subdomains[Math.abs(x + y) % n] ?? '') : '';
  return tiles.url
    .replace('{s}', sub)
    .replace('{z}', String(z))
    .replace('{x}', String(x))
    .replace('{y}', String(y));
}

/** [west, south, east, north] in WGS84 degrees. */
type Bbox = [number, number, number, number];

/**
 * The largest map area the planning overlay draws in one answer: 2048 × 2048 screen pixels' worth at the zoom (a
 * desktop screen's width fits: the limit is on the area, each side up to 4096 px). The server refuses more
 * (PLANNING_VIEWPORT_TOO_LARGE) and the app never asks for more: both use {@link planningViewportTooLarge}.
 */
export const PLANNING_MAX_VIEWPORT_AREA_PX = 2048 * 2048;
export const PLANNING_MAX_VIEWPORT_SIDE_PX = 4096;

/** Width and height of `bbox` on screen at `zoom`, in CSS px (Web Mercator, 256 px tiles). */
export function mercatorPixelSize(
  [west, south, east, north]: Bbox,
  zoom: number,
): { width: number; height: number } {
  const world = 256 * 2 ** zoom;
  const y = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  };
  return { width: ((east - west) / 360) * world, height: Math.abs(y(south) - y(north)) * world };
}

export function planningViewportTooLarge(bbox: Bbox, zoom: number): boolean {
  const { width, height } = mercatorPixelSize(bbox, zoom);
  return (
    width * height > PLANNING_MAX_VIEWPORT_AREA_PX ||
    width > PLANNING_MAX_VIEWPORT_SIDE_PX ||
    height > PLANNING_MAX_VIEWPORT_SIDE_PX
  );
}
