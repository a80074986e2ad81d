import type { PlanningViewport } from '@dltt/contracts';
import { LAND_USE_UNKNOWN_COLOR, PLANNING_MIN_OVERLAY_ZOOM } from '@dltt/contracts/constants';
import type * as Leaflet from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../app/api.ts';
import { settle, useRetryingEffect } from '../../app/useRequest.ts';
import type { GeoJsonInput, MapHandle, MapPlace } from '../../components/map/MapView.tsx';
import type { Bbox } from '../../components/map/tiles.ts';
import type { LegendEntry } from './PlanningPanels.tsx';
import { fetchViewport } from './planning.api.ts';
import { bboxContains, overlayBbox } from './viewport.ts';

/** Wait this long after the map stops before asking for its overlay. */
const SETTLE_MS = 250;
const STYLE = { weight: 1, opacity: 0.9, fillOpacity: 0.45 };
const NO_COLOR = LAND_USE_UNKNOWN_COLOR;

export type Overlay =
  | { status: 'idle' }
  | { status: 'loading'; data: PlanningViewport | null }
  | { status: 'error'; error: ApiError; data: PlanningViewport | null }
  | { status: 'success'; data: PlanningViewport };

interface OverlayRequest {
  datasetId: string;
  bbox: Bbox;
  zoom: number;
}

/**
 * The chosen plan drawn over the map: its zones for the area on screen, asked for once the map has settled, for
 * the padded and snapped area around the view (viewport.ts), and only when the view has left the area already
 * loaded (or the zoom or the plan changed); a newer request aborts the older. Each zone is drawn in its land-use
 * colour and lets taps through to the map. `legend` lists the codes of the zones that meet the view.
 */
export function usePlanningOverlay(handle: MapHandle | null, place: MapPlace | null, datasetId: string) {
  const [request, setRequest] = useState<OverlayRequest | null>(null);
  const [overlay, setOverlay] = useState<Overlay>({ status: 'idle' });
  const [layer, setLayer] = useState<Leaflet.GeoJSON | null>(null);
  const overlayOf = useRef<string | null>(null);

  useEffect(() => {
    if (!place || !datasetId) return;
    const timer = setTimeout(() => {
      setRequest((last) =>
        last &&
        last.datasetId === datasetId &&
        last.zoom === place.zoom &&
        bboxContains(last.bbox, place.bbox)
          ? last
          : { datasetId, zoom: place.zoom, bbox: overlayBbox(place.bbox, place.zoom) },
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [place, datasetId]);

  const retry = useRetryingEffect(
    (signal) => {
      if (!request) return undefined;
      if (request.zoom < PLANNING_MIN_OVERLAY_ZOOM) {
        setOverlay({
          status: 'success',
          data: { type: 'FeatureCollection', features: [], truncated: false, zoomIn: true },
        });
        return undefined;
      }
      // Another plan's zones are not shown while this one's load.
      const samePlan = overlayOf.current === request.datasetId;
      overlayOf.current = request.datasetId;
      setOverlay((o) => ({ status: 'loading', data: samePlan && 'data' in o ? o.data : null }));
      settle(
        fetchViewport(request.datasetId, request.bbox, request.zoom, signal),
        signal,
        (data) => setOverlay({ status: 'success', data }),
        (error) => setOverlay((o) => ({ status: 'error', error, data: 'data' in o ? o.data : null })),
      );
      return undefined;
    },
    [request],
  );

  const data = 'data' in overlay ? overlay.data : null;
  useEffect(() => {
    if (!handle || !data) return;
    const { L, map } = handle;
    const drawn = L.geoJSON(data as unknown as GeoJsonInput, {
      interactive: false,
      style: (feature) => {
        const color = String(feature?.properties?.color ?? NO_COLOR);
        return { ...STYLE, color, fillColor: color };
      },
    }).addTo(map);
    drawn.bringToBack();
    setLayer(drawn);
    return () => {
      drawn.remove();
    };
  }, [handle, data]);

  const legend = useMemo((): LegendEntry[] => {
    if (!layer || !place || !handle) return [];
    const [west, south, east, north] = place.bbox;
    const view = handle.L.latLngBounds([south, west], [north, east]);
    const seen = new Map<string, string>();
    layer.eachLayer((zone) => {
      const feature = (zone as Leaflet.Polygon).feature;
      const code = String(feature?.properties?.code ?? '');
      if (code && !seen.has(code) && (zone as Leaflet.Polygon).getBounds().intersects(view))
        seen.set(code, String(feature?.properties?.color ?? NO_COLOR));
    });
    return [...seen].map(([code, color]) => ({ code, color })).sort((a, b) => a.code.localeCompare(b.code));
  }, [layer, place, handle]);

  return { overlay, retry, legend };
}
