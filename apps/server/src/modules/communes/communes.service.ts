import type { Commune, Province } from '@dltt/contracts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import { presentCommune } from './communes.presenter.ts';
import { communeRepository } from './communes.repository.ts';

export function createCommuneService(deps: { db: Executor; provinceCode: () => string }) {
  const { db, provinceCode } = deps;
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
  };
}
export type CommuneService = ReturnType<typeof createCommuneService>;
