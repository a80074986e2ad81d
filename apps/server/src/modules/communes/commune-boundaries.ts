import { z } from 'zod';

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
/** A closed ring: at least four positions, the last equal to the first (GeoJSON, RFC 7946 §3.1.6). */
const Ring = z
  .array(Position)
  .min(4)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], {
    message: 'ring is not closed',
  });

/** A GeoJSON FeatureCollection of commune boundaries, property `code` = the commune's GSO code. */
export const CommuneBoundariesGeoJson = z.object({
  type: z.literal('FeatureCollection').optional(),
  features: z
    .array(
      z.object({
        properties: z.object({ code: z.string().regex(/^\d{5}$/) }),
        geometry: z.discriminatedUnion('type', [
          z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
          z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
        ]),
      }),
    )
    .min(1),
});
export type CommuneBoundariesGeoJson = z.infer<typeof CommuneBoundariesGeoJson>;

/**
 * The outer ring of every polygon part per commune. Holes are dropped: the shipped data has none, and a hole
 * would at worst route a report to the surrounding commune.
 */
export function boundaryParts(
  file: CommuneBoundariesGeoJson,
): { code: string; parts: [number, number][][] }[] {
  return file.features.map((f) => ({
    code: f.properties.code,
    parts: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map(
      (polygon) => (polygon[0] ?? []).map((p) => [p[0], p[1]] as [number, number]),
    ),
  }));
}

export type CommuneParts = ReturnType<typeof boundaryParts>;

/** What reading an uploaded boundary file gives: the parts per commune, or why the file is refused. */
export type BoundariesRead =
  | { ok: true; communes: CommuneParts }
  | { ok: false; code: 'INVALID_JSON' }
  | { ok: false; code: 'VALIDATION_FAILED'; details: { path: string; message: string }[] };

/** JSON, then the schema, then the parts: the work of one upload (boundaries.worker.ts runs it off the loop). */
export function readBoundaries(bytes: Uint8Array): BoundariesRead {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, code: 'INVALID_JSON' };
  }
  const parsed = CommuneBoundariesGeoJson.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'VALIDATION_FAILED',
      details: parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
    };
  }
  return { ok: true, communes: boundaryParts(parsed.data) };
}
