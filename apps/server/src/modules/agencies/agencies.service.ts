import type { Agency, AgencyListQuery, CreateAgencyBody, Page, UpdateAgencyBody } from '@dltt/contracts';
import type { Clock } from '../../clock.ts';
import { type Executor, isUniqueViolation } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CommuneRepository } from '../communes/communes.repository.ts';
import { presentAgency } from './agencies.presenter.ts';
import { agencyRepository } from './agencies.repository.ts';

export function createAgencyService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  communeRepository: Pick<CommuneRepository, 'findByCode'>;
}) {
  const { db, clock, audit, communeRepository } = deps;

  async function checkCommune(code: string | null | undefined) {
    if (code && !(await communeRepository.findByCode(db, code))) throw new AppError('COMMUNE_NOT_FOUND');
  }

  return {
    async list(query: AgencyListQuery): Promise<Page<Agency>> {
      const { rows, total } = await agencyRepository.list(db, query);
      return { items: rows.map(presentAgency), total, page: query.page, pageSize: query.pageSize };
    },

    async get(id: string): Promise<Agency> {
      const row = await agencyRepository.findById(db, id);
      if (!row) throw new AppError('AGENCY_NOT_FOUND');
      return presentAgency(row);
    },

    async create(actor: Actor, body: CreateAgencyBody): Promise<Agency> {
      await checkCommune(body.communeCode);
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await agencyRepository.insert(trx, {
            code: body.code,
            name: body.name,
            kind: body.kind,
            commune_code: body.communeCode,
            phone: body.phone,
            email: body.email,
            address: body.address,
          });
          const after = presentAgency(row);
          await audit.record(trx, actor, {
            action: 'agency.create',
            entityType: 'agency',
            entityId: row.id,
            after,
          });
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'agencies_code_key')) throw new AppError('AGENCY_CODE_TAKEN');
        throw error;
      }
    },

    async update(actor: Actor, id: string, body: UpdateAgencyBody): Promise<Agency> {
      await checkCommune(body.communeCode);
      return db.transaction().execute(async (trx) => {
        const before = await agencyRepository.findById(trx, id);
        if (!before) throw new AppError('AGENCY_NOT_FOUND');
        const row = await agencyRepository.update(trx, id, {
          name: body.name,
          kind: body.kind,
          commune_code: body.communeCode,
          phone: body.phone,
          email: body.email,
          address: body.address,
          active: body.active,
          updated_at: clock.now(),
        });
        if (!row) throw new AppError('AGENCY_NOT_FOUND');
        const after = presentAgency(row);
        await audit.record(trx, actor, {
          action: 'agency.update',
          entityType: 'agency',
          entityId: id,
          before: presentAgency(before),
          after,
        });
        return after;
      });
    },
  };
}
export type AgencyService = ReturnType<typeof createAgencyService>;
