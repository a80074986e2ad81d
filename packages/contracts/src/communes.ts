import { z } from 'zod';

export const CommuneKind = z.enum(['xa', 'phuong']);

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
