import type { TFunction } from 'i18next';

/*
 * A first look at a boundary file in the browser, before it is sent: enough to tell the administrator what
 * the file holds and to catch the wrong file early. The server validates every ring again.
 */

const COMMUNE_CODE = /^\d{5}$/;
const GEOMETRY_TYPES = new Set(['Polygon', 'MultiPolygon']);
/** Listing more problems than this helps nobody: the file needs fixing in a GIS tool either way. */
const MAX_PROBLEMS = 5;

export interface BoundariesSummary {
  features: number;
  /** Distinct commune codes: how many communes get new boundaries. */
  codes: string[];
}

export type ReadResult = { ok: true; summary: BoundariesSummary } | { ok: false; problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the text of a .geojson file and checks its shape: a FeatureCollection of commune polygons. */
export function readBoundaries(text: string, t: TFunction): ReadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: [t('boundaries.errors.notJson')] };
  }
  if (!isRecord(parsed) || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    return { ok: false, problems: [t('boundaries.errors.notCollection')] };
  }
  const features: unknown[] = parsed.features;
  if (features.length === 0) return { ok: false, problems: [t('boundaries.errors.empty')] };

  const problems: string[] = [];
  let more = 0;
  const codes = new Set<string>();
  features.forEach((feature, index) => {
    const n = index + 1;
    const properties = isRecord(feature) ? feature.properties : undefined;
    const geometry = isRecord(feature) ? feature.geometry : undefined;
    const code = isRecord(properties) ? properties.code : undefined;
    const found: string[] = [];
    if (typeof code === 'string' && COMMUNE_CODE.test(code)) codes.add(code);
    else found.push(t('boundaries.errors.code', { n }));
    if (!isRecord(geometry) || typeof geometry.type !== 'string' || !GEOMETRY_TYPES.has(geometry.type)) {
      found.push(t('boundaries.errors.geometry', { n }));
    }
    for (const p of found) {
      if (problems.length < MAX_PROBLEMS) problems.push(p);
      else more += 1;
    }
  });
  if (more > 0) problems.push(t('boundaries.errors.more', { count: more }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, summary: { features: features.length, codes: [...codes].sort() } };
}

/** "9,1 MB" / "850 kB". */
export function fileSize(bytes: number, format: (n: number, digits: number) => string): string {
  if (bytes >= 1_000_000) return `${format(bytes / 1_000_000, 1)} MB`;
  return `${format(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
}
