import type { Commune } from '@dltt/contracts';
import type { CommuneRow } from './communes.repository.ts';

export function presentCommune(row: CommuneRow): Commune {
  return { code: row.code, name: row.name, fullName: row.full_name, kind: row.kind, areaKm2: row.area_km2 };
}
