import './map.css';
import type * as Leaflet from 'leaflet';
import { type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Spinner } from 'zmp-ui';
import { platform } from '../../platform/index.ts';
import { Icon } from '../Icon.tsx';
import type { IconName } from '../icons.ts';
import {
  type Bbox,
  getTileStatus,
  type LatLng,
  MAX_ZOOM,
  maxZoomOf,
  subscribeTileStatus,
  tileFailed,
  tileLoaded,
} from './tiles.ts';
import { useMapTiles } from './useMapTiles.ts';

/** The map library's module, handed to the features with the map so that none of them imports it itself. */
export type LeafletModule = typeof Leaflet;
export type LeafletMap = Leaflet.Map;

/** A map that is ready: the Leaflet map and the library, to add markers and GeoJSON layers with. */
export interface MapHandle {
  L: LeafletModule;
  map: LeafletMap;
}

/** What Leaflet's GeoJSON layer takes; the API's geometries are GeoJSON (typed `unknown` in the contract). */
export type GeoJsonInput = Parameters<LeafletModule['geoJSON']>[0];

/** Where the map is, after it has moved (and once when it is ready). */
export interface MapPlace {
  center: LatLng;
  zoom: number;
  bbox: Bbox;
}

/** The library in its own chunk (see leaflet.ts), fetched the first time a map is shown. */
const loadLeaflet = (): Promise<LeafletModule> => import('./leaflet.ts');

function placeOf(map: LeafletMap): MapPlace {
  const center = map.getCenter();
  const bounds = map.getBounds();
  return {
    center: { lat: center.lat, lng: center.lng },
    zoom: map.getZoom(),
    bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
  };
}

/**
 * The app's one map: Leaflet (canvas renderer) with the tile service the server is configured with, its
 * attribution as a link, and large zoom buttons — with `pan`, arrow buttons too, so that every place can be
 * reached without dragging. Uncontrolled: it opens at `center`/`zoom`, and tells where it went through `onMove`
 * (while moving) and `onMoveEnd`; `onTap` gets the place of a tap that was not a drag (or the map's middle on Enter,
 * for keyboards). `onReady` receives the map
 * and the library (and may return a clean-up), for markers and overlays; `children` are drawn above the map (a
 * centre pin) without catching taps. The library loads on first use, never with the home.
 */
export function MapView({
  center,
  zoom,
  minZoom = 6,
  label,
  noTilesHint,
  pan = false,
  controls = 'below',
  className,
  onReady,
  onMove,
  onMoveEnd,
  onTap,
  children,
}: {
  center: LatLng;
  zoom: number;
  minZoom?: number;
  /** What the map shows, for screen readers (the map is a named group holding its pins). */
  label: string;
  noTilesHint: string;
  /** Arrow buttons besides the zoom buttons. */
  pan?: boolean;
  /** The buttons in a row under the map, or stacked on its right edge (a full-screen map). */
  controls?: 'below' | 'overlay';
  className?: string;
  onReady?: (handle: MapHandle) => undefined | (() => void);
  onMove?: (center: LatLng) => void;
  onMoveEnd?: (place: MapPlace) => void;
  onTap?: (at: LatLng) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [library, setLibrary] = useState<'loading' | 'failed' | 'ready'>('loading');
  const [attempt, setAttempt] = useState(0);
  const [zoomNow, setZoomNow] = useState(zoom);
  const source = useMapTiles();
  const probed = useSyncExternalStore(subscribeTileStatus, getTileStatus);
  const status = source === 'failed' ? 'failed' : probed;
  const maxZoom = maxZoomOf(source);
  const start = useRef({ center, zoom, minZoom });
  const listeners = useRef({ onReady, onMove, onMoveEnd, onTap });
  listeners.current = { onReady, onMove, onMoveEnd, onTap };

  // The map is made once (per try): the props it opens with are read from `start`, later moves are its own.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger of a new try.
  useEffect(() => {
    let live = true;
    let made: LeafletMap | null = null;
    let observer: ResizeObserver | null = null;
    setLibrary('loading');
    loadLeaflet().then(
      (L) => {
        const element = container.current;
        if (!live || !element) return;
        const { center: at, zoom: z, minZoom: min } = start.current;
        const map = L.map(element, {
          center: [at.lat, at.lng],
          zoom: z,
          minZoom: min,
          maxZoom: MAX_ZOOM,
          preferCanvas: true,
          zoomControl: false,
          attributionControl: false,
        });
        made = map;
        map.on('move', () => {
          const c = map.getCenter();
          listeners.current.onMove?.({ lat: c.lat, lng: c.lng });
        });
        map.on('moveend', () => listeners.current.onMoveEnd?.(placeOf(map)));
        map.on('zoomend', () => setZoomNow(map.getZoom()));
        map.on('click', (event: Leaflet.LeafletMouseEvent) =>
          listeners.current.onTap?.({ lat: event.latlng.lat, lng: event.latlng.lng }),
        );
        // Without a pointer, Enter on the focused map is a tap in its middle (arrow keys move the map there).
        map.on('keydown', (event: Leaflet.LeafletKeyboardEvent) => {
          if (event.originalEvent.key !== 'Enter' || event.originalEvent.target !== element) return;
          const c = map.getCenter();
          listeners.current.onTap?.({ lat: c.lat, lng: c.lng });
        });
        // Leaflet follows the window's size only; the map's own box changes with the page (large text, a sheet).
        observer = new ResizeObserver(() => map.invalidateSize());
        observer.observe(element);
        setLibrary('ready');
        setHandle({ L, map });
        listeners.current.onMoveEnd?.(placeOf(map));
      },
      () => live && setLibrary('failed'),
    );
    return () => {
      live = false;
      observer?.disconnect();
      made?.remove();
      setHandle(null);
    };
  }, [attempt]);

  useEffect(() => {
    if (!handle) return;
    return listeners.current.onReady?.(handle);
  }, [handle]);

  // The tile layer, while the tile service is known and not known to fail.
  const showTiles = handle !== null && source !== null && source !== 'failed' && status !== 'failed';
  useEffect(() => {
    if (!showTiles) return;
    handle.map.setMaxZoom(maxZoomOf(source));
    const layer = handle.L.tileLayer(source.url, {
      subdomains: source.subdomains,
      maxZoom: maxZoomOf(source),
    });
    layer.on('tileload', tileLoaded);
    layer.on('tileerror', tileFailed);
    layer.addTo(handle.map);
    return () => {
      layer.remove();
    };
  }, [showTiles, handle, source]);

  const map = handle?.map;
  const step = 80;
  const arrows: { icon: IconName; label: string; dx: number; dy: number }[] = [
    { icon: 'up', label: t('map.up'), dx: 0, dy: -step },
    { icon: 'left', label: t('map.left'), dx: -step, dy: 0 },
    { icon: 'right', label: t('map.right'), dx: step, dy: 0 },
    { icon: 'down', label: t('map.down'), dx: 0, dy: step },
  ];
  const buttons = (
    <div className={`map-controls map-controls-${controls}`}>
      {pan &&
        arrows.map((arrow) => (
          <button
            key={arrow.icon}
            type="button"
            className="map-button"
            aria-label={arrow.label}
            disabled={!map}
            onClick={() => map?.panBy([arrow.dx, arrow.dy])}
          >
            <Icon name={arrow.icon} size={28} />
          </button>
        ))}
      <button
        type="button"
        className="map-button"
        aria-label={t('map.zoomIn')}
        disabled={!map || zoomNow >= maxZoom}
        onClick={() => map?.zoomIn()}
      >
        <Icon name="plus" size={28} />
      </button>
      <button
        type="button"
        className="map-button"
        aria-label={t('map.zoomOut')}
        disabled={!map || zoomNow <= minZoom}
        onClick={() => map?.zoomOut()}
      >
        <Icon name="minus" size={28} />
      </button>
    </div>
  );

  return (
    <div className={`map-view${className ? ` ${className}` : ''}`}>
      <div className="map-frame">
        {/* biome-ignore lint/a11y/useSemanticElements: a map holding pins is a named group, not a form's fieldset. */}
        <div ref={container} className="map-surface" role="group" aria-label={label} />
        {children && <div className="map-overlay">{children}</div>}
        {library === 'loading' && (
          <div className="map-message" role="status">
            <Spinner />
            <span>{t('map.loading')}</span>
          </div>
        )}
        {library === 'failed' && (
          <div className="map-message" role="alert">
            <p>{t('map.failed')}</p>
            <Button
              variant="secondary"
              prefixIcon={<Icon name="retry" />}
              onClick={() => setAttempt((n) => n + 1)}
            >
              {t('errors.retry')}
            </Button>
          </div>
        )}
        {/* Outside the map's own element: a link must not start a drag of the map. */}
        {source && source !== 'failed' ? (
          source.attributionUrl ? (
            <a
              className="map-attribution"
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
            <span className="map-attribution">{source.attribution}</span>
          )
        ) : null}
        {controls === 'overlay' && buttons}
      </div>
      {status === 'failed' && library === 'ready' && <p className="hint map-hint">{noTilesHint}</p>}
      {controls === 'below' && buttons}
    </div>
  );
}
