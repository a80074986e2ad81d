import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { MapView, useElementWidth } from '../../../components/map/MapView.tsx';
import type { LatLng } from '../../../components/map/tiles.ts';

export type { LatLng } from '../../../components/map/tiles.ts';

const MIN_ZOOM = 6;
const HEIGHT = 320;

/**
 * A small slippy map with a pin fixed in the middle: the person drags the map (or taps the arrows) until the
 * pin sits on the place. No map library: this is all a citizen needs, for about 2 kB (see ../map/).
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
  const [surfaceRef, width] = useElementWidth<HTMLDivElement>(320);
  const [zoom, setZoom] = useState(startZoom);
  return (
    <MapView
      view={{ center, zoom, width, height: HEIGHT }}
      surfaceRef={surfaceRef}
      minZoom={MIN_ZOOM}
      onMove={onMove}
      onZoom={setZoom}
      noTilesHint={t('reports.map.noTiles')}
    >
      <span className="pin-map-pin">
        <Icon name="pin" size={44} />
      </span>
    </MapView>
  );
}
