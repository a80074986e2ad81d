import type { Page, PublicReport } from '@dltt/contracts';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../../../app/api.ts';
import { publicReportPath } from '../../../app/paths.ts';
import { settle, useRetryingEffect } from '../../../app/useRequest.ts';
import { Icon } from '../../../components/Icon.tsx';
import { ICONS } from '../../../components/icons.ts';
import { type MapHandle, type MapPlace, MapView } from '../../../components/map/MapView.tsx';
import { type LatLng, MAX_ZOOM, PROVINCE_CENTRE } from '../../../components/map/tiles.ts';
import { RequestError } from '../../../components/RequestStatus.tsx';
import { formatDate } from '../../../lib/dates.ts';
import { PublicPhoto, StatusBadge } from '../ReportBits.tsx';
import { fetchPublicReports, type PublicFilters, useCategoryLabel } from '../reports.api.ts';

const MIN_ZOOM = 8;
const START_ZOOM = 12;
/** The API's largest page: the newest 100 results in the area; zooming in shows the others. */
const MAX_PINS = 100;
/** Wait for the map to stop moving before asking the server. */
const SETTLE_MS = 300;
const CARD_ID = 'map-report-card';
const NO_REPORTS: readonly PublicReport[] = [];

/** `zoom/lat/lng`, as in the `at` search parameter (so "back" from a result returns to the same place). */
interface MapPosition {
  center: LatLng;
  zoom: number;
}

function parseMapPosition(text: string | null): MapPosition | null {
  const [zoom, lat, lng] = (text ?? '').split('/').map(Number);
  if (zoom === undefined || lat === undefined || lng === undefined) return null;
  if (!Number.isInteger(zoom) || zoom < MIN_ZOOM || zoom > MAX_ZOOM) return null;
  if (!(Math.abs(lat) <= 85 && Math.abs(lng) <= 180)) return null;
  return { center: { lat, lng }, zoom };
}

const formatPosition = ({ center, zoom }: MapPosition) =>
  `${zoom}/${center.lat.toFixed(5)}/${center.lng.toFixed(5)}`;

type Pins =
  | { status: 'loading'; page: Page<PublicReport> | null }
  | { status: 'error'; error: ApiError; page: Page<PublicReport> | null }
  | { status: 'success'; page: Page<PublicReport> };

function ReportCard({ report, onClose }: { report: PublicReport; onClose: () => void }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const photo = report.photos.find((p) => p.kind === 'after') ?? report.photos[0];
  const titleId = `${CARD_ID}-title`;
  return (
    <article className="map-card" aria-labelledby={titleId}>
      {photo && (
        <PublicPhoto
          id={photo.id}
          size="thumb"
          alt={t(photo.kind === 'after' ? 'reports.photos.afterAlt' : 'reports.photos.beforeAlt', { n: 1 })}
        />
      )}
      <div className="report-card-body">
        <h2 id={titleId} className="report-card-title">
          {categoryLabel(report)}
        </h2>
        <p className="report-card-meta">
          <StatusBadge status={report.status} />
        </p>
        <p className="hint">
          {t('reports.list.codeDate', {
            code: report.code,
            date: formatDate(report.publishedAt ?? report.createdAt),
          })}
        </p>
        <Link className="text-link" to={publicReportPath(report.code)}>
          {t('reports.public.viewDetail', { code: report.code })}
        </Link>
      </div>
      <button
        type="button"
        className="map-card-close"
        aria-label={t('reports.public.map.close')}
        onClick={onClose}
      >
        <Icon name="close" size={24} />
      </button>
    </article>
  );
}

/** The pin drawn in each marker (the same line icon as components/Icon.tsx, as markup for Leaflet). */
const PIN_SVG = `<svg width="36" height="36" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="${ICONS.pin}"/></svg>`;

/** The area as the API's `bbox`, 5 decimals (about 1 m). */
const bboxParam = ({ bbox }: MapPlace) => bbox.map((n) => n.toFixed(5)).join(',');

/**
 * "Bản đồ": published results in the visible area as pins; a pin opens a small card that links to the result.
 * The area is asked for again (newest {@link MAX_PINS}) whenever the map settles or the filters change.
 */
export function PublicReportsMap({
  filters,
  at,
  onMoved,
}: {
  filters: PublicFilters;
  /** Where the map was left (`zoom/lat/lng`), if anywhere. */
  at: string | null;
  onMoved: (at: string) => void;
}) {
  const { t } = useTranslation();
  const [start] = useState(() => parseMapPosition(at) ?? { center: PROVINCE_CENTRE, zoom: START_ZOOM });
  const [place, setPlace] = useState<MapPlace | null>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [pins, setPins] = useState<Pins>({ status: 'loading', page: null });
  const [selected, setSelected] = useState<PublicReport | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<string, Leaflet.Marker>());
  const bbox = place ? bboxParam(place) : null;
  const { categoryId, communeCode, status } = filters;
  const remember = useRef(onMoved);
  remember.current = onMoved;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the centre and zoom are in `bbox`.
  const retry = useRetryingEffect(
    (signal) => {
      if (!place || !bbox) return undefined;
      setPins((p) => ({ status: 'loading', page: p.page }));
      const timer = setTimeout(() => {
        remember.current(formatPosition(place));
        settle(
          fetchPublicReports({ categoryId, communeCode, status, bbox }, 1, MAX_PINS, signal),
          signal,
          (page) => setPins({ status: 'success', page }),
          (error) => setPins((p) => ({ status: 'error', error, page: p.page })),
        );
      }, SETTLE_MS);
      return () => clearTimeout(timer);
    },
    [bbox, categoryId, communeCode, status],
  );

  useEffect(() => {
    if (selected) card.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const items = pins.page?.items ?? NO_REPORTS;
  const pinLabel = (code: string) => t('reports.public.map.pin', { code });
  const selectedCode = selected?.code ?? null;

  // The pins: Leaflet markers whose element is a named button (keyboard: Leaflet gives it role and tabindex).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the label follows the language through `t`.
  useEffect(() => {
    if (!handle) return;
    const { L, map } = handle;
    const layer = L.layerGroup().addTo(map);
    markers.current.clear();
    for (const report of items) {
      const marker = L.marker([report.location.lat, report.location.lng], {
        icon: L.divIcon({ className: 'map-pin', html: PIN_SVG, iconSize: [40, 44], iconAnchor: [20, 42] }),
        keyboard: true,
      });
      marker.on('click', () => setSelected((s) => (s?.code === report.code ? null : report)));
      marker.addTo(layer);
      markers.current.set(report.code, marker);
      const element = marker.getElement();
      element?.setAttribute('aria-label', pinLabel(report.code));
      element?.setAttribute('aria-controls', CARD_ID);
      element?.setAttribute('aria-expanded', 'false');
    }
    return () => {
      layer.remove();
    };
  }, [handle, items, t]);

  // Only the expanded state changes when a pin is chosen: the markers stay (and keep the focus).
  // biome-ignore lint/correctness/useExhaustiveDependencies: new markers (`items`) need their state set too.
  useEffect(() => {
    for (const [code, marker] of markers.current) {
      marker.getElement()?.setAttribute('aria-expanded', String(code === selectedCode));
      marker.setZIndexOffset(code === selectedCode ? 1000 : 0);
    }
  }, [selectedCode, items]);

  // Closing from the card's own button puts focus back on the pin it came from.
  const closeCard = () => {
    if (selectedCode) markers.current.get(selectedCode)?.getElement()?.focus();
    setSelected(null);
  };

  return (
    <section className="public-map" aria-labelledby="public-map-title">
      <h2 id="public-map-title" className="visually-hidden">
        {t('reports.public.map.title')}
      </h2>
      <MapView
        center={start.center}
        zoom={start.zoom}
        minZoom={MIN_ZOOM}
        pan
        label={t('reports.public.map.label')}
        noTilesHint={t('reports.public.map.noTiles')}
        onReady={(ready) => {
          setHandle(ready);
          return () => setHandle(null);
        }}
        onMoveEnd={setPlace}
      />
      <p className="hint" role="status">
        {pins.status === 'loading'
          ? pins.page === null && t('reports.public.map.loading')
          : pins.status === 'success' && pins.page.total > items.length
            ? t('reports.public.map.tooMany', { shown: items.length, total: pins.page.total })
            : pins.status === 'success'
              ? t('reports.public.map.count', { n: pins.page.total })
              : ''}
      </p>
      {pins.status === 'error' && <RequestError error={pins.error} onRetry={retry} />}
      <div id={CARD_ID} ref={card}>
        {selected && <ReportCard report={selected} onClose={closeCard} />}
      </div>
    </section>
  );
}
