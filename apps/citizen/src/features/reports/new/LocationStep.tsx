import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Spinner } from 'zmp-ui';
import { Icon } from '../../../components/Icon.tsx';
import { PROVINCE_CENTRE } from '../../../components/map/tiles.ts';
import { LocationError, type Position, platform } from '../../../platform/index.ts';
import type { DraftLocation, DraftPhoto } from '../report-draft.ts';
import { type LatLng, PinMap } from './PinMap.tsx';

/** The server refuses GPS fixes less precise than this (LOCATION_TOO_INACCURATE). */
export const MAX_GPS_ACCURACY_M = 100;
/** How often, and how many times, to ask again while the fix is too imprecise. */
const RETRY_DELAY_MS = 3_000;
const MAX_TRIES = 10;

/** A position whose accuracy is known. */
type Fix = Position & { accuracy: number };

type Gps =
  | { status: 'idle' }
  | { status: 'locating'; best: Fix | null }
  | { status: 'done'; best: Fix }
  | { status: 'approximate' }
  | { status: 'failed'; reason: LocationError['reason'] | 'poor'; best: Fix | null };

/**
 * Asks the platform for a position until one is within {@link MAX_GPS_ACCURACY_M}, keeping the best one seen.
 * Stops after {@link MAX_TRIES}, on an error, or when `stop` is called (the person chose on the map).
 * A position without an accuracy (Zalo gives none) cannot be judged: it goes to `onApproximate`, and the
 * person confirms it on the pin map, so it is sent as a point they chose, never as a GPS fix.
 */
function useGps(onGoodFix: (position: Fix) => void, onApproximate: (position: Position) => void) {
  const [gps, setGps] = useState<Gps>({ status: 'idle' });
  const run = useRef(0);
  const report = useRef({ onGoodFix, onApproximate });
  report.current = { onGoodFix, onApproximate };

  const stop = useCallback(() => {
    run.current += 1;
    setGps((g) => (g.status === 'locating' ? { status: 'failed', reason: 'poor', best: g.best } : g));
  }, []);

  const start = useCallback(async () => {
    const id = ++run.current;
    let best: Fix | null = null;
    setGps({ status: 'locating', best });
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      if (run.current !== id) return;
      try {
        const position = await platform.getLocation({ fresh: attempt > 0 });
        if (run.current !== id) return;
        const { accuracy } = position;
        if (accuracy === null) {
          setGps({ status: 'approximate' });
          report.current.onApproximate(position);
          return;
        }
        if (!best || accuracy < best.accuracy) best = { ...position, accuracy };
        if (best.accuracy <= MAX_GPS_ACCURACY_M) {
          setGps({ status: 'done', best });
          report.current.onGoodFix(best);
          return;
        }
        setGps({ status: 'locating', best });
      } catch (error) {
        if (run.current !== id) return;
        const reason = error instanceof LocationError ? error.reason : 'unavailable';
        setGps({ status: 'failed', reason, best });
        return;
      }
    }
    if (run.current === id) setGps({ status: 'failed', reason: 'poor', best });
  }, []);

  useEffect(
    () => () => {
      run.current += 1;
    },
    [],
  );
  return { gps, start, stop };
}

const round = (n: number) => n.toFixed(5);

export function LocationStep({
  location,
  photos,
  onChange,
  onMapOpen,
}: {
  location: DraftLocation | null;
  photos: DraftPhoto[];
  onChange: (location: DraftLocation) => void;
  /** The pin map opened or closed (the wizard hides its own buttons meanwhile). */
  onMapOpen?: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const [map, setMap] = useState<{ center: LatLng; zoom: number } | null>(null);
  const mapOpen = map !== null;
  const tellMapOpen = useRef(onMapOpen);
  tellMapOpen.current = onMapOpen;
  useEffect(() => {
    tellMapOpen.current?.(mapOpen);
  }, [mapOpen]);
  useEffect(() => () => tellMapOpen.current?.(false), []);
  const { gps, start, stop } = useGps(
    (p) => onChange({ lat: p.lat, lng: p.lng, accuracy: Math.round(p.accuracy), source: 'gps' }),
    (p) => setMap({ center: { lat: p.lat, lng: p.lng }, zoom: 17 }),
  );
  const exif = photos.find((p) => p.exifLocation)?.exifLocation ?? null;

  // A fresh step with nothing chosen yet: start looking right away, the person expects it.
  const hadLocation = useRef(location !== null);
  useEffect(() => {
    if (!hadLocation.current) void start();
  }, [start]);

  const openMap = () => {
    stop();
    const best = 'best' in gps ? gps.best : null;
    const from = location ?? best ?? exif;
    setMap({ center: from ? { lat: from.lat, lng: from.lng } : PROVINCE_CENTRE, zoom: from ? 17 : 13 });
  };
  const choosePin = () => {
    if (!map) return;
    onChange({ lat: map.center.lat, lng: map.center.lng, accuracy: null, source: 'map' });
    setMap(null);
  };
  const choosePhotoLocation = () => {
    if (!exif) return;
    stop();
    onChange({ lat: exif.lat, lng: exif.lng, accuracy: null, source: 'map' });
  };
  const locateAgain = () => {
    setMap(null);
    void start();
  };

  const poorAccuracy = 'best' in gps && gps.best ? Math.round(gps.best.accuracy) : null;

  return (
    <div className="step-body">
      <div className="gps-status" role="status">
        {gps.status === 'locating' && (
          <>
            <Spinner />
            <p>
              {poorAccuracy === null
                ? t('reports.location.locating')
                : t('reports.location.tooInaccurate', { metres: poorAccuracy })}
            </p>
          </>
        )}
        {gps.status === 'done' && (
          <p>
            <Icon name="check" size={24} className="ok-icon" />
            {t('reports.location.found', { metres: Math.round(gps.best.accuracy) })}
          </p>
        )}
        {gps.status === 'approximate' && <p>{t('reports.location.approximate')}</p>}
        {gps.status === 'failed' && (
          <p>
            <Icon name="alert" size={24} className="warn-icon" />
            {gps.reason === 'poor'
              ? t('reports.location.stillInaccurate', { metres: poorAccuracy ?? '?' })
              : t(`reports.location.error.${gps.reason}`)}
          </p>
        )}
      </div>

      {location && !map && (
        <div className="chosen-location" data-testid="chosen-location">
          <Icon name="pin" size={32} />
          <div>
            <p className="chosen-title">{t('reports.location.chosen')}</p>
            <p>
              {location.source === 'gps'
                ? t('reports.location.fromGps', { metres: location.accuracy ?? 0 })
                : t('reports.location.fromMap')}
            </p>
            <p className="hint">
              {t('reports.location.coordinates', { lat: round(location.lat), lon: round(location.lng) })}
            </p>
          </div>
        </div>
      )}

      {map ? (
        <section className="map-panel" aria-labelledby="map-title">
          <h3 id="map-title">{t('reports.location.mapTitle')}</h3>
          <p className="hint">{t('reports.location.mapHint')}</p>
          <PinMap
            center={map.center}
            zoom={map.zoom}
            onMove={(center) => setMap((m) => (m ? { ...m, center } : m))}
          />
          <p className="hint">
            {t('reports.location.coordinates', { lat: round(map.center.lat), lon: round(map.center.lng) })}
          </p>
          <div className="button-stack">
            <Button size="large" fullWidth prefixIcon={<Icon name="pin" />} onClick={choosePin}>
              {t('reports.location.usePin')}
            </Button>
            <Button variant="tertiary" size="large" fullWidth onClick={() => setMap(null)}>
              {t('reports.location.closeMap')}
            </Button>
          </div>
        </section>
      ) : (
        <div className="button-stack">
          {gps.status !== 'locating' && (
            <Button
              variant="secondary"
              size="large"
              fullWidth
              prefixIcon={<Icon name="locate" />}
              onClick={locateAgain}
            >
              {t('reports.location.locateAgain')}
            </Button>
          )}
          <Button
            variant="secondary"
            size="large"
            fullWidth
            prefixIcon={<Icon name="map" />}
            onClick={openMap}
          >
            {location ? t('reports.location.adjustOnMap') : t('reports.location.chooseOnMap')}
          </Button>
          {exif && (
            <Button
              variant="secondary"
              size="large"
              fullWidth
              prefixIcon={<Icon name="image" />}
              onClick={choosePhotoLocation}
            >
              {t('reports.location.usePhotoLocation')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
