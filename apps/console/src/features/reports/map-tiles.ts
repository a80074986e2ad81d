/**
 * Map tiles for the report location map, without a map library. The tile service comes from the server at run
 * time (GET /config: MAP_TILE_URL, its subdomains, maximum zoom and attribution), whose content-security-policy
 * allows the same hosts. The citizen app has the same maths in apps/citizen/src/components/map/tiles.ts
 * (the apps share no UI code).
 */
import type { MapTiles } from '@dltt/contracts';
import { mapTileUrl } from '@dltt/contracts/map-tiles';
import { useEffect, useState } from 'react';
import { loadSiteConfig } from '../../app/siteConfig.ts';

export const TILE = 256;

export interface LatLng {
  lat: number;
  lng: number;
}

/** Web Mercator: degrees to world pixels at `zoom`. */
export function project({ lat, lng }: LatLng, zoom: number): { x: number; y: number } {
  const size = TILE * 2 ** zoom;
  const sin = Math.min(Math.max(Math.sin((lat * Math.PI) / 180), -0.9999), 0.9999);
  return {
    x: ((lng + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

/** Ground metres per CSS pixel at a latitude and zoom. */
export const metresPerPixel = (lat: number, zoom: number) =>
  (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (TILE * 2 ** zoom);

export interface PlacedTile {
  key: string;
  url: string;
  x: number;
  y: number;
  /** The tile under the centre: asked for first, to learn whether the tile server answers at all. */
  central: boolean;
}

/** The tiles covering a `width` × `height` window centred on `center`, placed in window pixels. */
export function visibleTiles(
  source: MapTiles,
  center: LatLng,
  zoom: number,
  width: number,
  height: number,
): PlacedTile[] {
  const middle = project(center, zoom);
  const left = middle.x - width / 2;
  const top = middle.y - height / 2;
  const count = 2 ** zoom;
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
        central: tx === Math.floor(middle.x / TILE) && ty === Math.floor(middle.y / TILE),
      });
    }
  }
  return tiles;
}

/**
 * Whether the tile server answers, learnt once per page load: while unknown only the central tile is asked
 * for; the first load makes it "ok", the first failure "failed" (no more tile requests, which on a network
 * without the tile server would each fail and be logged by the browser). Coming back online tries again.
 */
export type TileStatus = 'unknown' | 'ok' | 'failed';

let tileStatus: TileStatus = 'unknown';
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  const recheck = () => {
    if (tileStatus === 'failed') tileStatus = 'unknown';
    notify();
  };
  window.addEventListener('online', recheck);
  window.addEventListener('offline', recheck);
}

export function subscribeTileStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getTileStatus = (): TileStatus =>
  tileStatus === 'unknown' && typeof navigator !== 'undefined' && !navigator.onLine ? 'failed' : tileStatus;

export function tileLoaded() {
  if (tileStatus === 'ok') return;
  tileStatus = 'ok';
  notify();
}

export function tileFailed() {
  if (tileStatus !== 'unknown') return;
  tileStatus = 'failed';
  notify();
}

/** The configured tile service: null while it is being asked, 'failed' when it could not be. */
export function useMapTiles(): MapTiles | null | 'failed' {
  const [tiles, setTiles] = useState<MapTiles | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    loadSiteConfig().then(
      (config) => live && setTiles(config.map),
      () => live && setTiles('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return tiles;
}
