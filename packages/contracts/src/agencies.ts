import { z } from 'zod';
import { PageQuery, Text } from './common.ts';
import { AGENCY_KINDS, CODE_PATTERN } from './constants.ts';

export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const Agency = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: AgencyKind,
  communeCode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: AgencyKind.optional(),
  communeCode: z.string().max(10).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

const AgencyCode = z.string().trim().toLowerCase().regex(CODE_PATTERN);

export const CreateAgencyBody = z.object({
  code: AgencyCode,
  name: Text(200),
  kind: AgencyKind,
  communeCode: z.string().trim().max(10).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  email: z.email().nullable().default(null),
  address: z.string().trim().max(300).nullable().default(null),
});
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>;

export const UpdateAgencyBody = z
  .object({
    name: Text(200),
    kind: AgencyKind,
    communeCode: z.string().trim().max(10).nullable(),
    phone: z.string().trim().max(30).nullable(),
    email: z.email().nullable(),
    address: z.string().trim().max(300).nullable(),
    active: z.boolean(),
  })
  .partial();
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;
