import type { Agency } from '@dltt/contracts';
import type { AgencyRow } from './agencies.repository.ts';

export function presentAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    communeCode: row.commune_code,
    phone: row.phone,
    email: row.email,
    address: row.address,
    active: row.active,
  };
}
