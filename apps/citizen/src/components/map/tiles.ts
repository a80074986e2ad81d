/**
 * What every map shares besides the library: where maps open, how far they zoom, and whether the configured tile
 * service answers at all. The tile service comes from the server at run time (GET /config, see useMapTiles.ts),
 * whose content-security-policy allows the same hosts. Without tiles (offline, blocked) the maps still work: the
 * pins, the overlays and the buttons, only the picture is missing.
 */
import type { MapTiles } from '@dltt/contracts';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Buôn Ma Thuột, where maps open when nothing better is known. */
export const PROVINCE_CENTRE: LatLng = { lat: 12.6667, lng: 108.0383 };

/** The deepest zoom any map offers; the tile service may stop earlier (its maxZoom). */
export const MAX_ZOOM = 19;

/** How far a map can zoom in: the deepest zoom the tile service offers, never beyond {@link MAX_ZOOM}. */
export function maxZoomOf(source: MapTiles | null | 'failed'): number {
  return source && source !== 'failed' ? Math.min(MAX_ZOOM, source.maxZoom) : MAX_ZOOM;
}

/** A map's visible area as the API's `bbox`: [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

// --- Can tiles load at all? -------------------------------------------------------------------------------

/**
 * Whether the tile server answers, learnt once per page load and shared by every map: the first tile that loads
 * makes it "ok", the first that fails before any loaded makes it "failed", and the maps then stop asking (each
 * failed request costs a 3G phone time and the browser logs it as an error) and say the picture is missing.
 * Offline nothing is asked for; coming back online tries again.
 */
export type TileStatus = 'unknown' | 'ok' | 'failed';

let tileStatus: TileStatus = 'unknown';
const listeners = new Set<() => void>();

function setTileStatus(next: TileStatus) {
  if (tileStatus === next) return;
  tileStatus = next;
  for (const listener of listeners) listener();
}

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
/** Only the first answers decide; a single tile failing once the server is known to answer is just missing. */
export const tileFailed = () => {
  if (tileStatus === 'unknown') setTileStatus('failed');
};
