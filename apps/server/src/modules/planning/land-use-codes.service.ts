import type { CreateLandUseCodeBody, LandUseCode, UpdateLandUseCodeBody } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type LandUseCodeRow, landUseCodeRepository as repo } from './land-use-codes.repository.ts';

/** A zone whose code the dictionary does not know is drawn in this grey. */
export { LAND_USE_UNKNOWN_COLOR as UNKNOWN_CODE_COLOR } from '@dltt/contracts';

export const presentLandUseCode = (r: LandUseCodeRow): LandUseCode => ({
  code: r.code,
  nameVi: r.name_vi,
  nameEn: r.name_en,
  group: r.land_group,
  color: r.color,
  legacy: r.legacy,
});

/**
 * The land-use code dictionary (TT 08/2024/TT-BTNMT and older codes), editable by admins. A code that live
 * planning data uses cannot be deleted (LAND_USE_CODE_IN_USE): its zones would lose their name and colour.
 */
export function createLandUseCodeService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  /** Told after a change commits (the public lookups keep the dictionary for a few seconds). */
  changed: () => void;
}) {
  const { db, clock, audit, changed } = deps;
  /** Runs a write and tells `changed` once it committed. */
  async function write<T>(work: () => Promise<T>): Promise<T> {
    const result = await work();
    changed();
    return result;
  }
  return {
    async list(): Promise<LandUseCode[]> {
      return (await repo.list(db)).map(presentLandUseCode);
    },

    /** The dictionary as a map code → row, for the lookups. */
    async byCode(executor: Executor = db): Promise<Map<string, LandUseCode>> {
      return new Map((await repo.list(executor)).map((r) => [r.code, presentLandUseCode(r)]));
    },

    create(actor: Actor, body: CreateLandUseCodeBody): Promise<LandUseCode> {
      return write(() =>
        db.transaction().execute(async (trx) => {
          let row: LandUseCodeRow;
          try {
            row = await repo.insert(trx, {
              code: body.code,
              name_vi: body.nameVi,
              name_en: body.nameEn,
              land_group: body.group,
              color: body.color,
              legacy: body.legacy,
            });
          } catch (error) {
            if (isUniqueViolation(error, 'land_use_codes_pkey')) throw new AppError('LAND_USE_CODE_EXISTS');
            throw error;
          }
          const after = presentLandUseCode(row);
          await audit.record(trx, actor, {
            action: 'land_use_code.create',
            entityType: 'land_use_code',
            entityId: row.code,
            after,
          });
          return after;
        }),
      );
    },

    update(actor: Actor, code: string, body: UpdateLandUseCodeBody): Promise<LandUseCode> {
      return write(() =>
        db.transaction().execute(async (trx) => {
          const before = await repo.find(trx, code);
          if (!before) throw new AppError('LAND_USE_CODE_NOT_FOUND');
          const row = await repo.update(trx, code, {
            ...(body.nameVi !== undefined ? { name_vi: body.nameVi } : {}),
            ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
            ...(body.group !== undefined ? { land_group: body.group } : {}),
            ...(body.color !== undefined ? { color: body.color } : {}),
            ...(body.legacy !== undefined ? { legacy: body.legacy } : {}),
            updated_at: clock.now(),
          });
          if (!row) throw new AppError('LAND_USE_CODE_NOT_FOUND');
          const after = presentLandUseCode(row);
          await audit.record(trx, actor, {
            action: 'land_use_code.update',
            entityType: 'land_use_code',
            entityId: code,
            before: presentLandUseCode(before),
            after,
          });
          return after;
        }),
      );
    },

    remove(actor: Actor, code: string): Promise<void> {
      return write(() =>
        db.transaction().execute(async (trx) => {
          const before = await repo.find(trx, code);
          if (!before) throw new AppError('LAND_USE_CODE_NOT_FOUND');
          if (await repo.usedByLiveZones(trx, code)) throw new AppError('LAND_USE_CODE_IN_USE');
          await repo.delete(trx, code);
          await audit.record(trx, actor, {
            action: 'land_use_code.delete',
            entityType: 'land_use_code',
            entityId: code,
            before: presentLandUseCode(before),
          });
        }),
      );
    },
  };
}
export type LandUseCodeService = ReturnType<typeof createLandUseCodeService>;
