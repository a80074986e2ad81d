/** Where Open311 GeoReport v2 clients connect: served by the same host as the console (docs/OPEN311.md). */
export function open311Base(): string {
  return `${window.location.origin}/open311/v2/`;
}
