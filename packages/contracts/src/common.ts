import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from './constants.ts';
import { parsePhoneNumber } from './phone.ts';

/** The body of every error the API returns: a stable machine code and a readable message. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A page of items; `total` counts every match so clients can draw pagination. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const IdParams = z.object({ id: z.uuid() });

/** Trimmed text; empty after trimming counts as missing. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

export const OkBody = z.object({ ok: z.literal(true) });

export const NewPassword = z.string().min(PASSWORD_MIN_LENGTH).max(256);

/**
 * A Vietnamese mobile or landline number as people type it (0…, 84…, +84…, spaces, dots, dashes, brackets), kept
 * in its national form "0905333444". The rule is phone.ts's, which the public-text masker uses too.
 */
export const VietnamesePhone = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const parsed = parsePhoneNumber(v);
    if (parsed) return parsed.national;
    ctx.addIssue({ code: 'custom', message: 'not a Vietnamese phone number' });
    return z.NEVER;
  });
