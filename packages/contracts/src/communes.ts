import { z } from 'zod';
import { COMMUNE_KINDS } from './constants.ts';

export const CommuneKind = z.enum(COMMUNE_KINDS);

export const Commune = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  kind: CommuneKind,
  areaKm2: z.number().nullable(),
});
export type Commune = z.infer<typeof Commune>;

export const Province = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  communeCount: z.number().int(),
});
export type Province = z.infer<typeof Province>;
