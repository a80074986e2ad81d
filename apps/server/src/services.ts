import path from 'node:path';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/pool.ts';
import { createAgencyService } from './modules/agencies/agencies.service.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { createCategoryService } from './modules/categories/categories.service.ts';
import { createCitizenService } from './modules/citizens/citizens.service.ts';
import { createCommuneService } from './modules/communes/communes.service.ts';
import { createReportPhotoService } from './modules/reports/report-photos.service.ts';
import { createReportService } from './modules/reports/reports.service.ts';
import { createRoutingService } from './modules/routing/routing.service.ts';
import { createStaffService } from './modules/staff/staff.service.ts';
import { createLocalFileStore } from './storage/local-file-store.ts';

/** The composition root: each service gets exactly the collaborators it uses. */
export function createServices(deps: {
  config: Config;
  database: Database;
  clock: Clock;
  provinceCode: string;
}) {
  const { config, clock, provinceCode } = deps;
  const db = deps.database.db;
  const audit = createAuditService(db);
  const routing = createRoutingService({ db, audit });
  const calendar = createCalendarService({ db, audit });
  const files = createLocalFileStore(path.join(config.dataDir, 'files'));
  return {
    audit,
    auth: createAuthService({ db, clock, config, audit }),
    staff: createStaffService({ db, clock, audit }),
    agencies: createAgencyService({ db, clock, audit }),
    categories: createCategoryService({ db, clock, audit }),
    communes: createCommuneService({ db, provinceCode: () => provinceCode }),
    citizens: createCitizenService({ db, clock }),
    routing,
    calendar,
    reports: createReportService({ db, clock, routing, calendar }),
    reportPhotos: createReportPhotoService({ db, clock, files }),
  };
}
export type Services = ReturnType<typeof createServices>;
