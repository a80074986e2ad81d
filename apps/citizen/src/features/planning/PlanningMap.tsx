import type { PlanningParcelResult, PlanningPointResult, PublicPlanningDataset } from '@dltt/contracts';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from 'zmp-ui';
import type { ApiError } from '../../app/api.ts';
import { settle, useRetryingEffect } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { ICONS, type IconName } from '../../components/icons.ts';
import { type GeoJsonInput, type MapHandle, type MapPlace, MapView } from '../../components/map/MapView.tsx';
import { type LatLng, PROVINCE_CENTRE } from '../../components/map/tiles.ts';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { LocationError, platform } from '../../platform/index.ts';
import { DatasetBadges, ParcelResultView, PointResultView, Sheet } from './PlanningBits.tsx';
import { LayerList, Legend, ParcelSearch } from './PlanningPanels.tsx';
import { findParcel, lookupPoint, type ParcelKey } from './planning.api.ts';
import { usePlanningOverlay } from './usePlanningOverlay.ts';

/** Where the map opens without a dataset extent, and how close "Vị trí của tôi" and a parcel zoom in. */
const START_ZOOM = 14;
const CLOSE_ZOOM = 17;
/** The pin of the place looked up (the same line icon as components/Icon.tsx, as markup for Leaflet). */
const pinSvg = (path: string) =>
  `<svg width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="${path}"/></svg>`;

type Panel =
  | { kind: 'layers' }
  | { kind: 'legend' }
  | { kind: 'search' }
  | { kind: 'point'; at: LatLng }
  | { kind: 'parcel'; result: PlanningParcelResult };

type Answer<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; data: T };

const extentBounds = (extent: PublicPlanningDataset['extent']): Leaflet.LatLngBoundsExpression | null =>
  extent
    ? [
        [extent[1], extent[0]],
        [extent[3], extent[2]],
      ]
    : null;

/** The share of the map's height a sheet may cover (planning.css, .planning-sheet-wrap). */
const SHEET_SHARE = 0.65;

/** Fit the map to `bounds` above the sheet, which covers the lower part of the map. */
function fitAboveSheet(map: Leaflet.Map, bounds: Leaflet.LatLngBoundsExpression) {
  const below = Math.round(map.getSize().y * SHEET_SHARE) + 16;
  map.fitBounds(bounds, { paddingTopLeft: [16, 16], paddingBottomRight: [16, below], maxZoom: 18 });
}

/** Move the map so that `at` shows above the sheet, centred across. */
function showAboveSheet(map: Leaflet.Map, at: LatLng) {
  const point = map.latLngToContainerPoint([at.lat, at.lng]);
  const size = map.getSize();
  const top = (size.y * (1 - SHEET_SHARE)) / 2;
  if (point.y > top * 1.6 || point.y < top / 2 || Math.abs(point.x - size.x / 2) > size.x / 3)
    map.panBy([point.x - size.x / 2, point.y - top]);
}

/**
 * The planning map: the chosen plan drawn over the base map, fetched for the area on screen; a tap looks up
 * what every plan says there; "Vị trí của tôi" does the same where the person stands; a parcel can be found by
 * its numbers. The buttons sit in a bar at the bottom, within a thumb's reach; answers open in a sheet above it.
 */
export function PlanningMap({ datasets }: { datasets: PublicPlanningDataset[] }) {
  const { t } = useTranslation();
  const [datasetId, setDatasetId] = useState(
    () => (datasets.find((d) => d.status === 'in_force') ?? datasets[0])?.id ?? '',
  );
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [start] = useState(() => {
    const extent = dataset?.extent;
    return extent ? { lat: (extent[1] + extent[3]) / 2, lng: (extent[0] + extent[2]) / 2 } : PROVINCE_CENTRE;
  });
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [place, setPlace] = useState<MapPlace | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [point, setPoint] = useState<Answer<PlanningPointResult> | null>(null);
  const [search, setSearch] = useState<{
    key: ParcelKey;
    busy: boolean;
    notFound: boolean;
    error: ApiError | null;
  }>();
  const [locating, setLocating] = useState<'idle' | 'locating' | LocationError['reason']>('idle');
  /** Whether anything was looked up yet: until then a line says what a tap does. */
  const asked = point !== null || search !== undefined;
  const parcelOutline = useRef<Leaflet.Layer | null>(null);
  const searching = useRef<AbortController | null>(null);

  const { overlay, retry: retryOverlay, legend } = usePlanningOverlay(handle, place, datasetId);

  // The place looked up: a pin there, and what the plans say about it.
  const pointAt = panel?.kind === 'point' ? panel.at : null;
  useEffect(() => {
    if (!handle || !pointAt) return;
    const { L, map } = handle;
    const marker = L.marker([pointAt.lat, pointAt.lng], {
      icon: L.divIcon({
        className: 'planning-pin',
        html: pinSvg(ICONS.pin),
        iconSize: [40, 40],
        iconAnchor: [20, 38],
      }),
      interactive: false,
      keyboard: false,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [handle, pointAt]);

  const retryPoint = useRetryingEffect(
    (signal) => {
      if (!pointAt) return undefined;
      setPoint({ status: 'loading' });
      settle(
        lookupPoint(pointAt, datasetId, signal),
        signal,
        (data) => setPoint({ status: 'success', data }),
        (error) => setPoint({ status: 'error', error }),
      );
      return undefined;
    },
    [pointAt, datasetId],
  );

  const clearParcel = () => {
    parcelOutline.current?.remove();
    parcelOutline.current = null;
  };
  useEffect(
    () => () => {
      parcelOutline.current?.remove();
      searching.current?.abort();
    },
    [],
  );

  const lookAt = (at: LatLng) => {
    clearParcel();
    if (handle) showAboveSheet(handle.map, at);
    setPanel({ kind: 'point', at });
  };

  const chooseDataset = (next: PublicPlanningDataset) => {
    setDatasetId(next.id);
    setPanel(null);
    const bounds = extentBounds(next.extent);
    if (handle && bounds) handle.map.fitBounds(bounds);
  };

  const searchParcel = (key: ParcelKey) => {
    setSearch({ key, busy: true, notFound: false, error: null });
    searching.current?.abort();
    const controller = new AbortController();
    searching.current = controller;
    settle(
      findParcel(key, controller.signal),
      controller.signal,
      (result) => {
        setSearch({ key, busy: false, notFound: false, error: null });
        clearParcel();
        if (handle) {
          const outline = handle.L.geoJSON(result.parcel.geometry as GeoJsonInput, {
            interactive: false,
            style: { color: '#b42318', weight: 4, fill: false },
          }).addTo(handle.map);
          parcelOutline.current = outline;
          fitAboveSheet(handle.map, outline.getBounds());
        }
        setPanel({ kind: 'parcel', result });
      },
      (error) => {
        const notFound = error.status === 404;
        setSearch({ key, busy: false, notFound, error: notFound ? null : error });
      },
    );
  };

  const locate = async () => {
    setLocating('locating');
    try {
      const position = await platform.getLocation({ fresh: true });
      setLocating('idle');
      handle?.map.setView([position.lat, position.lng], Math.max(handle.map.getZoom(), CLOSE_ZOOM), {
        animate: false,
      });
      lookAt({ lat: position.lat, lng: position.lng });
    } catch (error) {
      setLocating(error instanceof LocationError ? error.reason : 'unavailable');
    }
  };

  // Once the map is ready it shows the chosen plan's whole extent.
  const onReady = (ready: MapHandle) => {
    setHandle(ready);
    const bounds = extentBounds(dataset?.extent ?? null);
    if (bounds) ready.map.fitBounds(bounds);
    return () => setHandle(null);
  };

  const data = 'data' in overlay ? overlay.data : null;
  const zoomIn = data?.zoomIn ?? false;
  const tabs: { id: 'layers' | 'legend' | 'search'; icon: IconName; label: string }[] = [
    { id: 'layers', icon: 'layers', label: t('planning.tabs.layers') },
    { id: 'legend', icon: 'list', label: t('planning.tabs.legend') },
    { id: 'search', icon: 'search', label: t('planning.tabs.search') },
  ];

  return (
    <div className="planning">
      <div className="planning-top" hidden={panel !== null}>
        {dataset && (
          <p className="planning-current" data-testid="planning-current">
            <span className="planning-current-name">{dataset.name}</span> <DatasetBadges dataset={dataset} />
          </p>
        )}
        <p className="planning-notice">{t('planning.notice')}</p>
      </div>
      <div className="planning-map">
        <MapView
          center={start}
          zoom={START_ZOOM}
          controls="overlay"
          label={t('planning.mapLabel')}
          noTilesHint={t('planning.noTiles')}
          onReady={onReady}
          onMoveEnd={setPlace}
          onTap={lookAt}
        >
          <div className="planning-status">
            {!asked && !zoomIn && overlay.status === 'success' && (
              <p className="planning-pill planning-pill-hint">{t('planning.tapHint')}</p>
            )}
            {zoomIn && (
              <p className="planning-pill" role="status">
                {t('planning.zoomIn')}
              </p>
            )}
            {!zoomIn && overlay.status === 'loading' && (
              <p className="planning-pill" role="status">
                <Spinner />
                {t('planning.overlayLoading')}
              </p>
            )}
            {!zoomIn && data?.truncated && (
              <p className="planning-pill" role="status">
                {t('planning.truncated')}
              </p>
            )}
            {overlay.status === 'error' && (
              <div className="planning-pill planning-pill-error" role="alert">
                <span>{t('planning.overlayError')}</span>
                <button type="button" className="planning-pill-button" onClick={retryOverlay}>
                  {t('errors.retry')}
                </button>
              </div>
            )}
            {locating === 'locating' && (
              <p className="planning-pill" role="status">
                <Spinner />
                {t('planning.locate.locating')}
              </p>
            )}
            {locating !== 'idle' && locating !== 'locating' && (
              <p className="planning-pill planning-pill-error" role="alert">
                {t(`planning.locate.error.${locating}`)}
              </p>
            )}
          </div>
        </MapView>
        {panel && (
          <div className="planning-sheet-wrap">
            {panel.kind === 'layers' && (
              <Sheet id="planning-layers" title={t('planning.layers.title')} onClose={() => setPanel(null)}>
                <LayerList datasets={datasets} selectedId={datasetId} onSelect={chooseDataset} />
              </Sheet>
            )}
            {panel.kind === 'legend' && (
              <Sheet id="planning-legend" title={t('planning.legend.title')} onClose={() => setPanel(null)}>
                <Legend entries={legend} zoomIn={zoomIn} />
              </Sheet>
            )}
            {panel.kind === 'search' && (
              <Sheet id="planning-search" title={t('planning.search.title')} onClose={() => setPanel(null)}>
                <ParcelSearch
                  initial={search?.key ?? null}
                  busy={search?.busy ?? false}
                  notFound={search?.notFound ?? false}
                  onSearch={searchParcel}
                />
                {search?.error && (
                  <RequestError error={search.error} onRetry={() => searchParcel(search.key)} />
                )}
              </Sheet>
            )}
            {panel.kind === 'point' && (
              <Sheet
                id={`planning-point-${panel.at.lat}-${panel.at.lng}`}
                title={t('planning.result.title')}
                onClose={() => setPanel(null)}
              >
                {(!point || point.status === 'loading') && <Loading />}
                {point?.status === 'error' && <RequestError error={point.error} onRetry={retryPoint} />}
                {point?.status === 'success' && <PointResultView result={point.data} />}
              </Sheet>
            )}
            {panel.kind === 'parcel' && (
              <Sheet
                id={`planning-parcel-${panel.result.parcel.id}`}
                title={t('planning.result.parcelSheet')}
                onClose={() => {
                  clearParcel();
                  setPanel(null);
                }}
              >
                <ParcelResultView result={panel.result} />
              </Sheet>
            )}
          </div>
        )}
      </div>
      <div className="planning-bar-wrap">
        <nav className="planning-bar" aria-label={t('features.planning.title')}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              className="planning-tab"
              aria-pressed={panel?.kind === tab.id}
              onClick={() => setPanel((p) => (p?.kind === tab.id ? null : { kind: tab.id }))}
            >
              <Icon name={tab.icon} size={26} />
              <span>{tab.label}</span>
            </button>
          ))}
          <button
            type="button"
            className="planning-tab"
            disabled={!handle || locating === 'locating'}
            onClick={() => void locate()}
          >
            <Icon name="locate" size={26} />
            <span>{t('planning.tabs.locate')}</span>
          </button>
        </nav>
      </div>
    </div>
  );
}
