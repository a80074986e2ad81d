import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import type { IconName } from '../../../components/icons.ts';

/**
 * The one place that names the map tile server (OpenStreetMap's standard tiles, attribution required).
 * The server's content-security-policy must allow this host in img-src. Without tiles (offline, blocked)
 * the map still works: the grid, the pin and the arrow buttons place the point, only the picture is missing.
 */
export const MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const MAP_ATTRIBUTION = '© OpenStreetMap';

const TILE = 256;
const MIN_ZOOM = 6;
const MAX_ZOOM = 19;
const HEIGHT = 320;

export interface LatLng {
  lat: number;
  lng: number;
}

/** Web Mercator: degrees to world pixels at `zoom` and back. */
function project({ lat, lng }: LatLng, zoom: number) {
  const size = TILE * 2 ** zoom;
  const sin = Math.min(Math.max(Math.sin((lat * Math.PI) / 180), -0.9999), 0.9999);
  return {
    x: ((lng + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

function unproject(x: number, y: number, zoom: number): LatLng {
  const size = TILE * 2 ** zoom;
  const lng = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
  return { lat: Math.max(-85, Math.min(85, lat)), lng: ((((lng + 180) % 360) + 360) % 360) - 180 };
}

const tileUrl = (x: number, y: number, z: number) =>
  MAP_TILE_URL.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

/**
 * A small slippy map with a pin fixed in the middle: the person drags the map (or taps the arrows) until the
 * pin sits on the place. No map library: this is all a citizen needs, for about 2 kB.
 */
export function PinMap({
  center,
  zoom: startZoom,
  onMove,
}: {
  center: LatLng;
  zoom: number;
  onMove: (center: LatLng) => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [width, setWidth] = useState(320);
  const [zoom, setZoom] = useState(startZoom);
  const [failedTiles, setFailedTiles] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth || 320);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const middle = project(center, zoom);
  const left = middle.x - width / 2;
  const top = middle.y - HEIGHT / 2;
  const count = 2 ** zoom;
  const tiles: { key: string; url: string; x: number; y: number }[] = [];
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + HEIGHT) / TILE); ty++) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx++) {
      const wrapped = ((tx % count) + count) % count;
      const url = tileUrl(wrapped, ty, zoom);
      tiles.push({ key: `${tx}/${ty}`, url, x: tx * TILE - left, y: ty * TILE - top });
    }
  }
  const allFailed = tiles.length > 0 && tiles.every((tile) => failedTiles.has(tile.url));

  const moveBy = (dx: number, dy: number) => onMove(unproject(middle.x + dx, middle.y + dy, zoom));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last || last.id !== event.pointerId) return;
    drag.current = { id: last.id, x: event.clientX, y: event.clientY };
    moveBy(last.x - event.clientX, last.y - event.clientY);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const step = Math.round(Math.min(width, HEIGHT) / 4);
  const arrows: { icon: IconName; label: string; dx: number; dy: number }[] = [
    { icon: 'up', label: t('reports.map.up'), dx: 0, dy: -step },
    { icon: 'left', label: t('reports.map.left'), dx: -step, dy: 0 },
    { icon: 'right', label: t('reports.map.right'), dx: step, dy: 0 },
    { icon: 'down', label: t('reports.map.down'), dx: 0, dy: step },
  ];

  return (
    <div className="pin-map">
      <div
        ref={box}
        className="pin-map-surface"
        style={{ height: HEIGHT }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        aria-hidden="true"
      >
        {tiles.map((tile) =>
          failedTiles.has(tile.url) ? null : (
            <img
              key={tile.key}
              className="pin-map-tile"
              src={tile.url}
              alt=""
              draggable={false}
              style={{ left: tile.x, top: tile.y }}
              onError={() => setFailedTiles((failed) => new Set(failed).add(tile.url))}
            />
          ),
        )}
        <span className="pin-map-pin">
          <Icon name="pin" size={44} />
        </span>
        <span className="pin-map-attribution">{MAP_ATTRIBUTION}</span>
      </div>
      {allFailed && <p className="hint">{t('reports.map.noTiles')}</p>}
      <div className="pin-map-controls">
        {arrows.map((arrow) => (
          <button
            key={arrow.icon}
            type="button"
            className="icon-button"
            aria-label={arrow.label}
            onClick={() => moveBy(arrow.dx, arrow.dy)}
          >
            <Icon name={arrow.icon} size={28} />
          </button>
        ))}
        <button
          type="button"
          className="icon-button"
          aria-label={t('reports.map.zoomIn')}
          disabled={zoom >= MAX_ZOOM}
          onClick={() => setZoom((z) => Math.min(MAX_ZOOM, z + 1))}
        >
          <Icon name="plus" size={28} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('reports.map.zoomOut')}
          disabled={zoom <= MIN_ZOOM}
          onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z - 1))}
        >
          <Icon name="minus" size={28} />
        </button>
      </div>
    </div>
  );
}
