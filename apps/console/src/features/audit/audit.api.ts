import type { AuditEntry, Page } from '@dltt/contracts';
import { api } from '../../app/api.ts';

export type AuditQuery = {
  page: number;
  pageSize: number;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) =>
    api<Page<AuditEntry>>('GET', '/audit-log', { query, signal }),
};
