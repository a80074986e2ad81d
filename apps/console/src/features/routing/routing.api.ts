import type { CreateRoutingRuleBody, RoutingRule } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export const routingApi = {
  list: (query: { categoryId?: string; communeCode?: string }, signal?: AbortSignal) =>
    api<RoutingRule[]>('GET', '/routing-rules', { query, signal }),
  create: (body: CreateRoutingRuleBody) => api<RoutingRule>('POST', '/routing-rules', { body }),
  remove: (id: string) => api<{ ok: true }>('DELETE', `/routing-rules/${encodeURIComponent(id)}`),
};
