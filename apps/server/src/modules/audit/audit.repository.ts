import type { AuditListQuery } from '@dltt/contracts';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { AuditLogTable } from '../../db/types.ts';

export type AuditRow = Selectable<AuditLogTable>;

export interface NewAuditEntry {
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export const auditRepository = {
  async insert(db: Executor, e: NewAuditEntry): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        actor_id: e.actorId,
        actor_username: e.actorUsername,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        before: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
        after: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
        request_id: e.requestId,
        ip: e.ip,
      })
      .execute();
  },

  async list(db: Executor, q: AuditListQuery): Promise<{ rows: AuditRow[]; total: number }> {
    let base = db.selectFrom('audit_log');
    if (q.actorId) base = base.where('actor_id', '=', q.actorId);
    if (q.entityType) base = base.where('entity_type', '=', q.entityType);
    if (q.entityId) base = base.where('entity_id', '=', q.entityId);
    if (q.action) base = base.where('action', '=', q.action);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },
};
