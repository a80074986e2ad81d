import type { AuditAction, AuditEntityType, AuditEntry, AuditListQuery, Page } from '@dltt/contracts';
import type { Executor } from '../../db/executor.ts';
import type { Actor } from '../../http/access.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { auditRepository } from './audit.repository.ts';

export interface AuditChange {
  /** One of the contract's AUDIT_ACTIONS, so the console has a label for it (tsc checks both ends). */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it, when there may be nobody signed in yet (a failed login, the first start). */
export type AuditActor = Pick<Actor, 'userId' | 'username' | 'requestId' | 'ip'> | null;

export function createAuditService(db: Executor) {
  return {
    /**
     * Appends one entry. Pass the transaction that makes the change so the entry and the change
     * commit together or not at all.
     */
    async record(executor: Executor, actor: AuditActor, change: AuditChange): Promise<void> {
      await auditRepository.insert(executor, {
        actorId: actor?.userId ?? null,
        actorUsername: actor?.username ?? null,
        requestId: actor?.requestId ?? null,
        ip: actor?.ip ?? null,
        action: change.action,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before ?? null,
        after: change.after ?? null,
      });
    },

    async list(query: AuditListQuery): Promise<Page<AuditEntry>> {
      const { rows, total } = await auditRepository.list(db, query);
      return { items: rows.map(presentAuditEntry), total, page: query.page, pageSize: query.pageSize };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
