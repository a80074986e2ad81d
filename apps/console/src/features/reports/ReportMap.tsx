import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getTileStatus,
  type LatLng,
  metresPerPixel,
  subscribeTileStatus,
  tileFailed,
  tileLoaded,
  useMapTiles,
  visibleTiles,
} from './map-tiles.ts';

const HEIGHT = 240;
const START_ZOOM = 16;
const MIN_ZOOM = 5;
/** The deepest zoom offered; the tile service may stop earlier (its maxZoom). */
const MAX_ZOOM = 19;

/**
 * Where the report was made: map tiles centred on the place, a marker, the GPS accuracy as a circle, and zoom
 * buttons. Read-only on purpose (the location is the citizen's; staff only look). Without tiles (no network to
 * the tile server) the grid, marker and circle still show, with a line saying the picture is missing.
 */
export function ReportMap({ location, accuracy }: { location: LatLng; accuracy: number | null }) {
  const { t } = useTranslation();
  const surface = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(400);
  const [zoom, setZoom] = useState(START_ZOOM);
  const source = useMapTiles();
  const probed = useSyncExternalStore(subscribeTileStatus, getTileStatus);
  const status = source === 'failed' ? 'failed' : probed;
  const maxZoom = source && source !== 'failed' ? Math.min(MAX_ZOOM, source.maxZoom) : MAX_ZOOM;
  const [failedTiles, setFailedTiles] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const element = surface.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth || 400);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const tiles =
    status === 'failed' || !source || source === 'failed'
      ? []
      : visibleTiles(source, location, zoom, width, HEIGHT).filter(
          (tile) => (status === 'ok' || tile.central) && !failedTiles.has(tile.url),
        );
  const radius = accuracy === null ? 0 : accuracy / metresPerPixel(location.lat, zoom);

  return (
    <div className="report-map">
      <div ref={surface} className="report-map-surface" style={{ height: HEIGHT }}>
        <div
          className="report-map-picture"
          role="img"
          aria-label={t('report.mapLabel', { zoom })}
          data-testid="report-map"
        >
          {tiles.map((tile) => (
            <img
              key={tile.key}
              className="report-map-tile"
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
          {radius >= 8 ? (
            <span className="report-map-accuracy" style={{ width: radius * 2, height: radius * 2 }} />
          ) : null}
          <span className="report-map-marker" />
        </div>
        {source && source !== 'failed' ? (
          source.attributionUrl ? (
            <a
              className="report-map-attribution"
              href={source.attributionUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {source.attribution}
            </a>
          ) : (
            <span className="report-map-attribution">{source.attribution}</span>
          )
        ) : null}
      </div>
      {status === 'failed' ? <p className="hint">{t('report.mapNoTiles')}</p> : null}
      <div className="report-map-zoom">
        <button
          type="button"
          className="button button-small"
          disabled={zoom >= maxZoom}
          onClick={() => setZoom((z) => Math.min(maxZoom, z + 1))}
        >
          {t('report.zoomIn')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={zoom <= MIN_ZOOM}
          onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z - 1))}
        >
          {t('report.zoomOut')}
        </button>
      </div>
    </div>
  );
}
