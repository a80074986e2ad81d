import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { MapView } from '../../../components/map/MapView.tsx';
import type { LatLng } from '../../../components/map/tiles.ts';

export type { LatLng } from '../../../components/map/tiles.ts';

const MIN_ZOOM = 6;

/**
 * The map with a pin fixed in the middle: the person drags the map (or taps the arrows) until the pin sits on
 * the place. The app's one map (components/map), whose library loads only when this opens.
 */
export function PinMap({
  center,
  zoom,
  onMove,
}: {
  center: LatLng;
  zoom: number;
  onMove: (center: LatLng) => void;
}) {
  const { t } = useTranslation();
  return (
    <MapView
      center={center}
      zoom={zoom}
      minZoom={MIN_ZOOM}
      pan
      label={t('reports.map.label')}
      noTilesHint={t('reports.map.noTiles')}
      onMove={onMove}
    >
      <span className="map-centre-pin">
        <Icon name="pin" size={44} />
      </span>
    </MapView>
  );
}
