import type {
  CreatePlanningDatasetBody,
  Page,
  PlanningDataset,
  PlanningStatus,
  PublicPlanningDataset,
  UpdatePlanningDatasetBody,
} from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { FileStore } from '../../storage/file-store.ts';
import type { AgencyRepository } from '../agencies/agencies.repository.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { presentDataset, presentPublicDataset } from './planning-datasets.presenter.ts';
import {
  type PlanningDatasetListRow,
  planningDatasetRepository as repo,
} from './planning-datasets.repository.ts';

/** Admins see every agency's datasets; a planning officer only their own agency's. */
const agencyScope = (actor: Actor): string | undefined =>
  actor.role === 'admin' ? undefined : (actor.agencyId ?? '00000000-0000-0000-0000-000000000000');

/**
 * Planning datasets (a plan or a cadastral layer, with its approving decision) as planning officers manage them.
 * Another agency's dataset answers 404, never 403.
 */
export function createPlanningDatasetService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  files: FileStore;
  agencyRepository: Pick<AgencyRepository, 'findById'>;
  /** Told after a change commits (the public lookups keep the published datasets for a few seconds). */
  changed: () => void;
}) {
  const { db, clock, audit, files, agencyRepository, changed } = deps;

  /** The dataset if the actor may see it (null actor: the system). */
  async function visible(executor: Executor, actor: Actor, id: string): Promise<PlanningDatasetListRow> {
    const row = await repo.find(executor, id);
    const scope = agencyScope(actor);
    if (!row || (scope !== undefined && row.agency_id !== scope))
      throw new AppError('PLANNING_DATASET_NOT_FOUND');
    return row;
  }

  /** Removes a dataset with its imports and rows (audited in the same transaction), then its stored files. */
  async function removeOne(actor: Actor, id: string, check: boolean): Promise<void> {
    const fileKeys = await db.transaction().execute(async (trx) => {
      const before = check ? await visible(trx, actor, id) : await repo.find(trx, id);
      if (!before) return [];
      const keys = await repo.importFileKeys(trx, id);
      await repo.delete(trx, id);
      await audit.record(trx, actor, {
        action: 'planning_dataset.delete',
        entityType: 'planning_dataset',
        entityId: id,
        before: presentDataset(before),
      });
      return keys;
    });
    changed();
    // After the commit: a file left behind by a failing store is harmless; a row pointing at a deleted file is not.
    for (const key of new Set(fileKeys)) await files.delete(key).catch(() => undefined);
  }

  return {
    async list(
      actor: Actor,
      query: { page: number; pageSize: number; status?: PlanningStatus; q?: string },
    ): Promise<Page<PlanningDataset>> {
      const scope = agencyScope(actor);
      const { rows, total } = await repo.list(
        db,
        {
          ...(scope !== undefined ? { agencyId: scope } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.q ? { q: query.q } : {}),
        },
        { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      );
      return { items: rows.map(presentDataset), total, page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<PlanningDataset> {
      return presentDataset(await visible(db, actor, id));
    },

    async create(actor: Actor, body: CreatePlanningDatasetBody): Promise<PlanningDataset> {
      const created = await db.transaction().execute(async (trx) => {
        const agencyId = actor.role === 'admin' ? body.agencyId : actor.agencyId;
        if (!agencyId) throw new AppError('AGENCY_REQUIRED');
        if (!(await agencyRepository.findById(trx, agencyId))) throw new AppError('AGENCY_NOT_FOUND');
        const inserted = await repo.insert(trx, {
          agency_id: agencyId,
          name: body.name,
          kind: body.kind,
          status: body.status,
          decision_number: body.decisionNumber,
          decision_date: body.decisionDate,
          decision_authority: body.decisionAuthority,
          decision_url: body.decisionUrl,
          scale: body.scale,
          period_start: body.periodStart,
          period_end: body.periodEnd,
          commune_codes: body.communeCodes,
          created_by: actor.userId,
        });
        const after = presentDataset(await visible(trx, actor, inserted.id));
        await audit.record(trx, actor, {
          action: 'planning_dataset.create',
          entityType: 'planning_dataset',
          entityId: inserted.id,
          after,
        });
        return after;
      });
      changed();
      return created;
    },

    async update(actor: Actor, id: string, body: UpdatePlanningDatasetBody): Promise<PlanningDataset> {
      const updated = await db.transaction().execute(async (trx) => {
        const before = await visible(trx, actor, id);
        const periodStart = body.periodStart !== undefined ? body.periodStart : before.period_start;
        const periodEnd = body.periodEnd !== undefined ? body.periodEnd : before.period_end;
        if (periodStart !== null && periodEnd !== null && periodEnd < periodStart)
          throw new AppError('VALIDATION_FAILED');
        await repo.update(trx, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.decisionNumber !== undefined ? { decision_number: body.decisionNumber } : {}),
          ...(body.decisionDate !== undefined ? { decision_date: body.decisionDate } : {}),
          ...(body.decisionAuthority !== undefined ? { decision_authority: body.decisionAuthority } : {}),
          ...(body.decisionUrl !== undefined ? { decision_url: body.decisionUrl } : {}),
          ...(body.scale !== undefined ? { scale: body.scale } : {}),
          ...(body.periodStart !== undefined ? { period_start: body.periodStart } : {}),
          ...(body.periodEnd !== undefined ? { period_end: body.periodEnd } : {}),
          ...(body.communeCodes !== undefined ? { commune_codes: body.communeCodes } : {}),
          updated_at: clock.now(),
        });
        const after = presentDataset(await visible(trx, actor, id));
        await audit.record(trx, actor, {
          action: 'planning_dataset.update',
          entityType: 'planning_dataset',
          entityId: id,
          before: presentDataset(before),
          after,
        });
        return after;
      });
      changed();
      return updated;
    },

    remove(actor: Actor, id: string): Promise<void> {
      return removeOne(actor, id, true);
    },

    /**
     * Removes every generated sample dataset the actor may see (one click in the console); each delete is
     * audited.
     */
    async removeSamples(actor: Actor): Promise<{ removed: number }> {
      const ids = await repo.sampleIds(db, agencyScope(actor));
      for (const id of ids) await removeOne(actor, id, false);
      return { removed: ids.length };
    },

    /** Published datasets a citizen may choose between (in force and drafts, never superseded). */
    async listPublic(): Promise<PublicPlanningDataset[]> {
      return (await repo.listPublic(db)).map(presentPublicDataset);
    },
  };
}
export type PlanningDatasetService = ReturnType<typeof createPlanningDatasetService>;
