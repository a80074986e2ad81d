import type { MapTiles } from '@dltt/contracts';
import { useEffect, useState } from 'react';
import { loadSiteConfig } from '../../app/siteConfig.ts';

/**
 * The tile service the server is configured with (MAP_TILE_URL and friends): null while it is being asked,
 * 'failed' when it could not be (the map then works without pictures, as with tiles that do not load).
 */
export function useMapTiles(): MapTiles | null | 'failed' {
  const [tiles, setTiles] = useState<MapTiles | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    loadSiteConfig().then(
      (config) => live && setTiles(config.map),
      () => live && setTiles('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return tiles;
}
