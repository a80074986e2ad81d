import type { Role } from '@dltt/contracts'; const r: Role = 'admin'; console.log(r);
