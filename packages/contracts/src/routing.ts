import { z } from 'zod';

/** Which agency handles a category's reports, province-wide or in one commune (the server's modules/routing). */

export const RoutingRule = z.object({
  id: z.uuid(),
  categoryId: z.uuid(),
  categoryName: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  agencyId: z.uuid(),
  agencyName: z.string(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const CreateRoutingRuleBody = z.object({
  categoryId: z.uuid(),
  communeCode: z.string().trim().max(10).nullable().default(null),
  agencyId: z.uuid(),
});
export type CreateRoutingRuleBody = z.infer<typeof CreateRoutingRuleBody>;
