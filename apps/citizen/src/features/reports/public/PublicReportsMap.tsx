import type { Page, PublicReport } from '@dltt/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../../../app/api.ts';
import { publicReportPath } from '../../../app/paths.ts';
import { settle, useRetryingEffect } from '../../../app/useRequest.ts';
import { Icon } from '../../../components/Icon.tsx';
import { MapView, useElementWidth } from '../../../components/map/MapView.tsx';
import {
  type LatLng,
  MAX_ZOOM,
  PROVINCE_CENTRE,
  toScreen,
  type View,
  viewBbox,
} from '../../../components/map/tiles.ts';
import { RequestError } from '../../../components/RequestStatus.tsx';
import { formatDate } from '../../../lib/dates.ts';
import { PublicPhoto, StatusBadge } from '../ReportBits.tsx';
import { fetchPublicReports, type PublicFilters, useCategoryLabel } from '../reports.api.ts';

const HEIGHT = 340;
const MIN_ZOOM = 8;
const START_ZOOM = 12;
/** The API's largest page: the newest 100 results in the area; zooming in shows the others. */
const MAX_PINS = 100;
/** Wait for the map to stop moving before asking the server. */
const SETTLE_MS = 300;
const CARD_ID = 'map-report-card';

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
  const [position] = useState(() => parseMapPosition(at));
  const [surfaceRef, width] = useElementWidth<HTMLDivElement>(320);
  const [center, setCenter] = useState(position?.center ?? PROVINCE_CENTRE);
  const [zoom, setZoom] = useState(position?.zoom ?? START_ZOOM);
  const [pins, setPins] = useState<Pins>({ status: 'loading', page: null });
  const [selected, setSelected] = useState<PublicReport | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const view: View = { center, zoom, width, height: HEIGHT };
  const bbox = viewBbox(view);
  const { categoryId, communeCode, status } = filters;
  const remember = useRef(onMoved);
  remember.current = onMoved;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the centre and zoom are in `bbox`.
  const retry = useRetryingEffect(
    (signal) => {
      setPins((p) => ({ status: 'loading', page: p.page }));
      const timer = setTimeout(() => {
        remember.current(formatPosition({ center, zoom }));
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

  // Closing from the card's own button puts focus back on the pin it came from.
  const closeCard = () => {
    surfaceRef.current?.querySelector<HTMLElement>('[aria-expanded="true"]')?.focus();
    setSelected(null);
  };

  const items = pins.page?.items ?? [];
  const shown = items
    .map((report) => ({ report, at: toScreen(view, report.location) }))
    .filter(({ at }) => at.x >= 0 && at.x <= width && at.y >= 0 && at.y <= HEIGHT);

  return (
    <section className="public-map" aria-labelledby="public-map-title">
      <h2 id="public-map-title" className="visually-hidden">
        {t('reports.public.map.title')}
      </h2>
      <MapView
        view={view}
        surfaceRef={surfaceRef}
        minZoom={MIN_ZOOM}
        onMove={setCenter}
        onZoom={setZoom}
        noTilesHint={t('reports.public.map.noTiles')}
        label={t('reports.public.map.label')}
      >
        {shown.map(({ report, at }) => (
          <button
            key={report.code}
            type="button"
            className="map-pin"
            style={{ left: at.x, top: at.y }}
            aria-label={t('reports.public.map.pin', { code: report.code })}
            aria-expanded={selected?.code === report.code}
            aria-controls={CARD_ID}
            onClick={() => setSelected((s) => (s?.code === report.code ? null : report))}
          >
            <Icon name="pin" size={36} />
          </button>
        ))}
      </MapView>
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
