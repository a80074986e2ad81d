/**
 * Paths under the site's origin that the server answers itself (the API, its reference, probes, the console),
 * never the citizen app's page. The server keeps its SPA fallback off them (apps/server/src/http/static.ts); the
 * citizen app's service worker keeps its offline page off them (apps/citizen/vite.config.ts), so a navigation
 * there always reaches the server.
 */
export const API_PATH_PREFIXES = [
  '/api/',
  '/open311/',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/metrics',
] as const;

/** The staff console's own single-page app. */
export const CONSOLE_PREFIX = '/console/';

/** True for a path the API owns: `/api/v1/...`, `/docs`, and each prefix without its trailing slash. */
export function isApiPath(url: string): boolean {
  return API_PATH_PREFIXES.some((p) => url === p.replace(/\/$/, '') || url.startsWith(p));
}

/** True for any path the server answers itself rather than with the citizen app: the API's or the console's. */
export function isServerOwnedPath(url: string): boolean {
  return isApiPath(url) || url === CONSOLE_PREFIX.replace(/\/$/, '') || url.startsWith(CONSOLE_PREFIX);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * {@link isServerOwnedPath} as regular expressions, for tools that take patterns (Workbox's navigation
 * denylist, which is written into the service worker's file): each matches the prefix, or the prefix without its
 * trailing slash exactly.
 */
export function serverOwnedPathPatterns(): RegExp[] {
  return [...API_PATH_PREFIXES, CONSOLE_PREFIX].map((p) => {
    const bare = p.replace(/\/$/, '');
    return new RegExp(`^(?:${escapeRegExp(bare)}(?:[?#]|$)|${escapeRegExp(p)})`);
  });
}
