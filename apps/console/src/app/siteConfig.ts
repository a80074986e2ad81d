import type { SiteConfig } from '@dltt/contracts';
import { api } from './api.ts';

let pending: Promise<SiteConfig> | null = null;

/**
 * The server's run-time settings (GET /config: the map's tile service), asked once per page load; after a
 * failure the next caller asks again.
 */
export function loadSiteConfig(): Promise<SiteConfig> {
  pending ??= api<SiteConfig>('GET', '/config').catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
