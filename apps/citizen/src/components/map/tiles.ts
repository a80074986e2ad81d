/**
 * Web Mercator maths and tile placement for the maps. The tile service comes from the server at run time
 * (GET /config, see useMapTiles.ts), whose content-security-policy allows the same hosts. Without tiles
 * (offline, blocked) the maps still work: the grid, the pins and the buttons, only the picture is missing.
 */
import type { MapTiles } from '@dltt/contracts';
import { mapTileUrl } from '@dltt/contracts/map-tiles';

/** Buôn Ma Thuột, where maps open when nothing better is known. */
export const PROVINCE_CENTRE: LatLng = { lat: 12.6667, lng: 108.0383 };

export const TILE = 256;
/** The deepest zoom any map offers; the tile service may stop earlier (its maxZoom). */
export const MAX_ZOOM = 19;

/** How far a map can zoom in: the deepest zoom the tile service offers, never beyond {@link MAX_ZOOM}. */
export function maxZoomOf(source: MapTiles | null | 'failed'): number {
  return source && source !== 'failed' ? Math.min(MAX_ZOOM, source.maxZoom) : MAX_ZOOM;
}

/** The zoom one step in (+1) or out (-1), kept within `minZoom`…`maxZoom`. */
export function zoomStep(zoom: number, step: 1 | -1, minZoom: number, maxZoom: number): number {
  return step > 0 ? Math.min(maxZoom, zoom + 1) : Math.max(minZoom, zoom - 1);
}

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Web Mercator: degrees to world pixels at `zoom`. */
export function project({ lat, lng }: LatLng, zoom: number): Point {
  const size = TILE * 2 ** zoom;
  const sin = Math.min(Math.max(Math.sin((lat * Math.PI) / 180), -0.9999), 0.9999);
  return {
    x: ((lng + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

/** World pixels at `zoom` back to degrees (latitude kept within ±85°, longitude wrapped to ±180°). */
export function unproject(x: number, y: number, zoom: number): LatLng {
  const size = TILE * 2 ** zoom;
  const lng = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
  return { lat: Math.max(-85, Math.min(85, lat)), lng: ((((lng + 180) % 360) + 360) % 360) - 180 };
}

/** A `width` × `height` window on the world centred on `center`: its top-left corner in world pixels. */
export interface View {
  center: LatLng;
  zoom: number;
  width: number;
  height: number;
}

export interface PlacedTile {
  key: string;
  url: string;
  /** Position of the tile's top-left corner in the window, in CSS pixels. */
  x: number;
  y: number;
  /** The tile under the centre: the one loaded first, to learn whether the tile server answers at all. */
  central: boolean;
}

/** The window's top-left corner in world pixels. */
export function corner({ center, zoom, width, height }: View): Point {
  const middle = project(center, zoom);
  return { x: middle.x - width / 2, y: middle.y - height / 2 };
}

/** Where a place falls in the window, in CSS pixels from its top-left corner. */
export function toScreen(view: View, place: LatLng): Point {
  const origin = corner(view);
  const at = project(place, view.zoom);
  return { x: at.x - origin.x, y: at.y - origin.y };
}

/** The place under a window pixel. */
export function fromScreen(view: View, x: number, y: number): LatLng {
  const origin = corner(view);
  return unproject(origin.x + x, origin.y + y, view.zoom);
}

/** The tiles that cover the window (wrapped around the date line, none beyond the poles). */
export function visibleTiles(view: View, source: MapTiles): PlacedTile[] {
  const { zoom, width, height } = view;
  const { x: left, y: top } = corner(view);
  const count = 2 ** zoom;
  const middle = { x: Math.floor((left + width / 2) / TILE), y: Math.floor((top + height / 2) / TILE) };
  const tiles: PlacedTile[] = [];
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + height) / TILE); ty++) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx++) {
      const wrapped = ((tx % count) + count) % count;
      tiles.push({
        key: `${tx}/${ty}`,
        url: mapTileUrl(source, wrapped, ty, zoom),
        x: tx * TILE - left,
        y: ty * TILE - top,
        central: tx === middle.x && ty === middle.y,
      });
    }
  }
  return tiles;
}

/** The window as `minLng,minLat,maxLng,maxLat` (the API's `bbox`), 5 decimals (about 1 m). */
export function viewBbox(view: View): string {
  const topLeft = fromScreen(view, 0, 0);
  const bottomRight = fromScreen(view, view.width, view.height);
  return [topLeft.lng, bottomRight.lat, bottomRight.lng, topLeft.lat].map((n) => n.toFixed(5)).join(',');
}

// --- Can tiles load at all? -------------------------------------------------------------------------------

/**
 * Whether the tile server answers, learnt once per page load and shared by every map. While unknown, a map
 * asks for its central tile only; the first tile that loads makes it "ok" (all tiles are then asked for), the
 * first that fails makes it "failed" (no more tile requests: each failed request costs a 3G phone time and
 * the browser logs it as an error). Coming back online tries again.
 */
export type TileStatus = 'unknown' | 'ok' | 'failed';

let tileStatus: TileStatus = 'unknown';
const listeners = new Set<() => void>();

function setTileStatus(next: TileStatus) {
  if (tileStatus === next) return;
  tileStatus = next;
  for (const listener of listeners) listener();
}

// Offline, nothing is asked for (see getTileStatus); back online, maps try again.
if (typeof window !== 'undefined') {
  const recheck = () => {
    if (tileStatus === 'failed') tileStatus = 'unknown';
    for (const listener of listeners) listener();
  };
  window.addEventListener('online', recheck);
  window.addEventListener('offline', recheck);
}

export function subscribeTileStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An offline device need not try: "failed" until the browser reports it is online again. */
export const getTileStatus = (): TileStatus =>
  tileStatus === 'unknown' && typeof navigator !== 'undefined' && !navigator.onLine ? 'failed' : tileStatus;

export const tileLoaded = () => setTileStatus('ok');
/** Only the probe decides; a single tile failing once the server is known to answer is just hidden. */
export const tileFailed = () => {
  if (tileStatus === 'unknown') setTileStatus('failed');
};
