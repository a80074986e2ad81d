import { z } from 'zod';
import { ATTRIBUTE_DATATYPES, LIST_ATTRIBUTE_DATATYPES } from './constants.ts';

/** Administration of the Open311 GeoReport v2 API: clients with API keys, typed attributes per category. */

export const ApiClient = z.object({
  id: z.uuid(),
  name: z.string(),
  contact: z.string().nullable(),
  /** The first characters of the key, to tell keys apart; the key itself is never shown again. */
  keyPrefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiClient = z.infer<typeof ApiClient>;

export const CreateApiClientBody = z.object({
  name: z.string().trim().min(1).max(120),
  contact: z.string().trim().max(200).nullable().default(null),
});
export type CreateApiClientBody = z.infer<typeof CreateApiClientBody>;

/** The answer to issuing a key: the only time the key is shown. */
export const IssuedApiClient = ApiClient.extend({ apiKey: z.string() });
export type IssuedApiClient = z.infer<typeof IssuedApiClient>;

export const AttributeDatatype = z.enum(ATTRIBUTE_DATATYPES);
export type AttributeDatatype = z.infer<typeof AttributeDatatype>;

export const CategoryAttribute = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    datatype: AttributeDatatype,
    description: z.string().trim().min(1).max(500),
    datatypeDescription: z.string().trim().max(500).nullable().default(null),
    required: z.boolean().default(false),
    order: z.number().int().min(0).max(1000),
    /** The choices of the list datatypes. */
    values: z
      .array(z.object({ key: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(200) }))
      .max(100)
      .default([]),
  })
  .refine((a) => LIST_ATTRIBUTE_DATATYPES.includes(a.datatype) === a.values.length > 0, {
    message: 'list datatypes need values; other datatypes take none',
    path: ['values'],
  });
export type CategoryAttribute = z.infer<typeof CategoryAttribute>;

/** The whole list of a category's attributes, replacing the previous one. */
export const CategoryAttributesBody = z
  .array(CategoryAttribute)
  .max(50)
  .refine((list) => new Set(list.map((a) => a.code)).size === list.length, {
    message: 'duplicate attribute code',
  });
export type CategoryAttributesBody = z.infer<typeof CategoryAttributesBody>;
