import {
  type PointerEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../../platform/index.ts';
import { Icon } from '../Icon.tsx';
import type { IconName } from '../icons.ts';
import {
  corner,
  fromScreen,
  getTileStatus,
  type LatLng,
  maxZoomOf,
  subscribeTileStatus,
  tileFailed,
  tileLoaded,
  type View,
  visibleTiles,
  zoomStep,
} from './tiles.ts';
import { useMapTiles } from './useMapTiles.ts';

/** The width of an element, kept up to date as it resizes (`fallback` until it is laid out). */
export function useElementWidth<E extends HTMLElement>(fallback: number): [RefObject<E>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth || fallback);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}

/** A press that moves less than this is a tap (on a pin), not a drag of the map. */
const DRAG_THRESHOLD = 4;

/**
 * A small slippy map without a library: OSM tiles, drag, arrow and zoom buttons, and whatever `children`
 * draws on top (a centre pin, report pins). Fully controlled: the parent owns the view and measures the
 * surface through `surfaceRef`. With `label` the surface is a named group (it holds buttons); without, it is
 * decorative and hidden from assistive technology.
 */
export function MapView({
  view,
  surfaceRef,
  minZoom,
  onMove,
  onZoom,
  noTilesHint,
  label,
  children,
}: {
  view: View;
  surfaceRef: RefObject<HTMLDivElement>;
  minZoom: number;
  onMove: (center: LatLng) => void;
  onZoom: (zoom: number) => void;
  noTilesHint: string;
  label?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const drag = useRef<{ id: number; x: number; y: number; moving: boolean } | null>(null);
  const source = useMapTiles();
  const probed = useSyncExternalStore(subscribeTileStatus, getTileStatus);
  const status = source === 'failed' ? 'failed' : probed;
  const maxZoom = maxZoomOf(source);
  const [failedTiles, setFailedTiles] = useState<ReadonlySet<string>>(new Set());
  const { width, height, zoom } = view;

  // Until the tile server is known to answer, only the central tile is asked for (see tiles.ts).
  const tiles =
    status === 'failed' || !source || source === 'failed'
      ? []
      : visibleTiles(view, source).filter(
          (tile) => (status === 'ok' || tile.central) && !failedTiles.has(tile.url),
        );

  // The grid under the tiles moves with the map, so a drag shows even when no picture loads.
  const origin = corner(view);
  const grid = `${-origin.x % 32}px ${-origin.y % 32}px`;

  const moveBy = (dx: number, dy: number) => onMove(fromScreen(view, width / 2 + dx, height / 2 + dy));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY, moving: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const last = drag.current;
    if (!last || last.id !== event.pointerId) return;
    const dx = last.x - event.clientX;
    const dy = last.y - event.clientY;
    if (!last.moving) {
      if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      // Captured only once it is a drag, so that a tap on a pin still reaches the pin.
      event.currentTarget.setPointerCapture(event.pointerId);
    }
    drag.current = { id: last.id, x: event.clientX, y: event.clientY, moving: true };
    moveBy(dx, dy);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const step = Math.round(Math.min(width, height) / 4);
  const arrows: { icon: IconName; label: string; dx: number; dy: number }[] = [
    { icon: 'up', label: t('reports.map.up'), dx: 0, dy: -step },
    { icon: 'left', label: t('reports.map.left'), dx: -step, dy: 0 },
    { icon: 'right', label: t('reports.map.right'), dx: step, dy: 0 },
    { icon: 'down', label: t('reports.map.down'), dx: 0, dy: step },
  ];

  return (
    <div className="pin-map">
      <div className="pin-map-frame">
        <div
          ref={surfaceRef}
          className="pin-map-surface"
          style={{ height, backgroundPosition: grid }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          {...(label ? { role: 'group', 'aria-label': label } : { 'aria-hidden': true })}
        >
          {tiles.map((tile) => (
            <img
              key={tile.key}
              className="pin-map-tile"
              src={tile.url}
              alt=""
              draggable={false}
              style={{ left: tile.x, top: tile.y }}
              onLoad={tileLoaded}
              onError={() => {
                tileFailed();
                setFailedTiles((failed) => new Set(failed).add(tile.url));
              }}
            />
          ))}
          {children}
        </div>
        {/* Outside the surface: a link must not sit in a decorative (aria-hidden) surface or start a drag. */}
        {source && source !== 'failed' ? (
          source.attributionUrl ? (
            <a
              className="pin-map-attribution"
              href={source.attributionUrl}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(event) => {
                // Inside Zalo a new browser tab does not open: the platform opens the page its own way.
                event.preventDefault();
                void platform.openExternal(event.currentTarget.href).catch(() => undefined);
              }}
            >
              {source.attribution}
            </a>
          ) : (
            <span className="pin-map-attribution">{source.attribution}</span>
          )
        ) : null}
      </div>
      {status === 'failed' && <p className="hint">{noTilesHint}</p>}
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
          disabled={zoom >= maxZoom}
          onClick={() => onZoom(zoomStep(zoom, 1, minZoom, maxZoom))}
        >
          <Icon name="plus" size={28} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('reports.map.zoomOut')}
          disabled={zoom <= minZoom}
          onClick={() => onZoom(zoomStep(zoom, -1, minZoom, maxZoom))}
        >
          <Icon name="minus" size={28} />
        </button>
      </div>
    </div>
  );
}
