import type { Commune, Province } from '@dltt/contracts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { readBoundariesOffThread } from './boundaries-thread.ts';
import { presentCommune } from './communes.presenter.ts';
import { communeRepository } from './communes.repository.ts';

export function createCommuneService(deps: {
  db: Executor;
  audit: AuditService;
  provinceCode: () => string;
}) {
  const { db, audit, provinceCode } = deps;
  return {
    async province(): Promise<Province> {
      const p = await communeRepository.findProvince(db, provinceCode());
      if (!p) throw new AppError('NOT_FOUND');
      const communes = await communeRepository.list(db, p.code);
      return { code: p.code, name: p.name, fullName: p.full_name, communeCount: communes.length };
    },

    async list(): Promise<Commune[]> {
      return (await communeRepository.list(db, provinceCode())).map(presentCommune);
    },

    /**
     * An admin's boundary file: replaces the boundaries of the communes it names, all or nothing. Every code must
     * be a commune of this province; reports filed from then on are placed with the new boundaries.
     */
    async importBoundaries(actor: Actor, upload: Uint8Array): Promise<{ communes: number }> {
      const read = await readBoundariesOffThread(upload);
      if (!read.ok)
        throw new AppError(read.code, read.code === 'VALIDATION_FAILED' ? read.details : undefined);
      const communes = read.communes;
      const known = new Set((await communeRepository.list(db, provinceCode())).map((c) => c.code));
      const unknown = [...new Set(communes.map((c) => c.code).filter((code) => !known.has(code)))];
      if (unknown.length > 0) throw new AppError('COMMUNE_NOT_FOUND', { unknownCodes: unknown.slice(0, 20) });
      await db.transaction().execute(async (trx) => {
        await communeRepository.replaceBoundaries(trx, communes);
        await audit.record(trx, actor, {
          action: 'commune_boundaries.import',
          entityType: 'commune_boundaries',
          entityId: null,
          after: {
            communes: communes.map((c) => c.code),
            parts: communes.reduce((n, c) => n + c.parts.length, 0),
          },
        });
      });
      return { communes: communes.length };
    },
  };
}
export type CommuneService = ReturnType<typeof createCommuneService>;
