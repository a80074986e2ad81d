import { z } from 'zod';

/**
 * Settings the apps read from the server at run time (GET /config), so an operator changes them without
 * rebuilding the apps: today the map's tile service.
 */
export const MapTiles = z.object({
  /** Tile URL template with `{z}`, `{x}`, `{y}` and, when `subdomains` is not empty, `{s}`. */
  url: z.string(),
  /** Values `{s}` takes in turn (e.g. ["a", "b", "c"]); empty when the template has no `{s}`. */
  subdomains: z.array(z.string()),
  maxZoom: z.number().int().min(1).max(24),
  /** Shown on every map, as a link to `attributionUrl` when there is one (most tile licences require it). */
  attribution: z.string(),
  attributionUrl: z.string().nullable(),
});
export type MapTiles = z.infer<typeof MapTiles>;

export const SiteConfig = z.object({ map: MapTiles });
export type SiteConfig = z.infer<typeof SiteConfig>;
