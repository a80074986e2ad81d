// No zod here: the citizen app imports this file alone ('@dltt/contracts/map-tiles'), and ships no schema library.

/** The URL of one tile: `{s}` cycles through the subdomains so that neighbouring tiles spread across hosts. */
export function mapTileUrl(
  tiles: { url: string; subdomains: readonly string[] },
  x: number,
  y: number,
  z: number,
): string {
  const n = tiles.subdomains.length;
  const sub = n > 0 ? (tiles.subdomains[Math.abs(x + y) % n] ?? '') : '';
  return tiles.url
    .replace('{s}', sub)
    .replace('{z}', String(z))
    .replace('{x}', String(x))
    .replace('{y}', String(y));
}
