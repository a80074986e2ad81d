import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/pool.ts';
import { createChangeEvents } from './events/change-events.ts';
import { createJobTrigger } from './jobs/trigger.ts';
import { agencyRepository } from './modules/agencies/agencies.repository.ts';
import { createAgencyService } from './modules/agencies/agencies.service.ts';
import { bookingRepository } from './modules/appointments/bookings.repository.ts';
import { createBookingService } from './modules/appointments/bookings.service.ts';
import { createCentreService } from './modules/appointments/centres.service.ts';
import { createQueueService } from './modules/appointments/queue.service.ts';
import { createQueueEvents } from './modules/appointments/queue-events.ts';
import { positions } from './modules/appointments/queue-line.ts';
import { createQueueStatsService } from './modules/appointments/queue-stats.service.ts';
import { createRemoteTicketService } from './modules/appointments/remote-tickets.service.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { sessionRepository } from './modules/auth/auth.repository.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { calendarRepository } from './modules/calendar/calendar.repository.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { categoryRepository } from './modules/categories/categories.repository.ts';
import { createCategoryService } from './modules/categories/categories.service.ts';
import { createCitizenMergeRepository } from './modules/citizens/citizen-merge.repository.ts';
import { citizenRepository, citizenZaloRepository } from './modules/citizens/citizens.repository.ts';
import { createCitizenService } from './modules/citizens/citizens.service.ts';
import { communeRepository } from './modules/communes/communes.repository.ts';
import { createCommuneService } from './modules/communes/communes.service.ts';
import { createOpen311Service } from './modules/open311/open311.service.ts';
import { createOpen311AdminService } from './modules/open311/open311-admin.service.ts';
import { createLandUseCodeService } from './modules/planning/land-use-codes.service.ts';
import { planningDatasetRepository } from './modules/planning/planning-datasets.repository.ts';
import { createPlanningDatasetService } from './modules/planning/planning-datasets.service.ts';
import { createPlanningImportService } from './modules/planning/planning-imports.service.ts';
import { createPlanningLookupService } from './modules/planning/planning-lookup.service.ts';
import { createReportHandlingService } from './modules/reports/report-handling.service.ts';
import { createReportNotificationService } from './modules/reports/report-notifications.service.ts';
import { createReportOverdueService } from './modules/reports/report-overdue.service.ts';
import { createReportPhotoService } from './modules/reports/report-photos.service.ts';
import { createReportPublicService } from './modules/reports/report-public.service.ts';
import { createReportService } from './modules/reports/reports.service.ts';
import { createResponseTemplateService } from './modules/reports/response-templates.service.ts';
import { createRoutingService } from './modules/routing/routing.service.ts';
import { createSetupService } from './modules/setup/setup.service.ts';
import { presentStaffUser } from './modules/staff/staff.presenter.ts';
import { staffRepository } from './modules/staff/staff.repository.ts';
import { createStaffService } from './modules/staff/staff.service.ts';
import { createZaloAuthService } from './modules/zalo/zalo-auth.service.ts';
import { createZaloGraphClient } from './modules/zalo/zalo-graph.client.ts';
import { createZaloNotificationService } from './modules/zalo/zalo-notifications.service.ts';
import { createFileStore } from './storage/create-file-store.ts';

/** The composition root: each service gets exactly the collaborators it uses. */
export function createServices(deps: {
  config: Config;
  database: Database;
  clock: Clock;
  provinceCode: string;
  /** The server secret (sealing the Zalo OA tokens at rest). */
  secretKey: Buffer;
}) {
  const { config, clock, provinceCode } = deps;
  const db = deps.database.db;
  const audit = createAuditService(db);
  const routing = createRoutingService({
    db,
    audit,
    agencyRepository,
    categoryRepository,
    communeRepository,
  });
  const calendar = createCalendarService({ db, audit });
  const files = createFileStore(config.storage);
  const jobs = createJobTrigger();
  const reportPublic = createReportPublicService({ db, clock, files });
  const publicChanged = () => reportPublic.invalidate();
  /** Keyed by the handling agency's id: open inboxes of that agency (and the dispatchers') re-read. */
  const reportEvents = createChangeEvents();
  const inboxChanged = (agencyIds: readonly string[]) => {
    for (const id of new Set(agencyIds)) reportEvents.changed(id);
  };
  const reports = createReportService({
    db,
    clock,
    calendar,
    jobs,
    publicChanged,
    inboxChanged,
    categoryRepository,
    communeRepository,
  });
  const centres = createCentreService({ db, clock, audit, agencyRepository, calendarRepository });
  const queueEvents = createQueueEvents();
  const queue = createQueueService({
    db,
    clock,
    jobs,
    centres,
    events: queueEvents,
    publicBaseUrl: config.publicBaseUrl,
  });
  // The lookups keep the published datasets and the dictionary for a few seconds; changes made here say so.
  let planningChanged = () => {};
  const landUseCodes = createLandUseCodeService({ db, clock, audit, changed: () => planningChanged() });
  const planningLookup = createPlanningLookupService({
    db,
    landUseCodes,
    datasetRepository: planningDatasetRepository,
  });
  planningChanged = () => planningLookup.invalidate();
  return {
    landUseCodes,
    planningLookup,
    planningDatasets: createPlanningDatasetService({
      db,
      clock,
      audit,
      files,
      agencyRepository,
      changed: planningChanged,
    }),
    centres,
    queueEvents,
    queue,
    remoteTickets: createRemoteTicketService({ db, clock, centres, events: queueEvents, queue }),
    queueStats: createQueueStatsService({ db }),
    bookings: createBookingService({ db, clock, centres }),
    jobs,
    audit,
    auth: createAuthService({ db, clock, config, audit, staffRepository, presentStaffUser }),
    staff: createStaffService({ db, clock, audit, agencyRepository, sessionRepository }),
    agencies: createAgencyService({ db, clock, audit, communeRepository }),
    categories: createCategoryService({ db, clock, audit, calendar }),
    communes: createCommuneService({ db, audit, provinceCode: () => provinceCode }),
    citizens: createCitizenService({ db, clock }),
    zaloAuth: createZaloAuthService({
      db,
      clock,
      graph: createZaloGraphClient(config.zalo),
      citizenRepository,
      citizenZaloRepository,
      citizenMerge: createCitizenMergeRepository(bookingRepository),
    }),
    zaloNotifications: createZaloNotificationService({
      db,
      clock,
      audit,
      jobs,
      zalo: config.zalo,
      secretKey: deps.secretKey,
      queuePositions: positions,
    }),
    routing,
    calendar,
    reports,
    open311: createOpen311Service({
      db,
      clock,
      reports,
      publicBaseUrl: config.publicBaseUrl,
      provinceCode,
      categoryRepository,
      communeRepository,
    }),
    reportPhotos: createReportPhotoService({ db, clock, files }),
    reportEvents,
    reportHandling: createReportHandlingService({
      db,
      clock,
      audit,
      calendar,
      files,
      jobs,
      publicChanged,
      inboxChanged,
      inboxEvents: reportEvents,
    }),
    reportPublic,
    reportNotifications: createReportNotificationService({ db, clock }),
    reportOverdue: createReportOverdueService({ db, clock, calendar }),
    responseTemplates: createResponseTemplateService({ db, clock, audit, categoryRepository }),
    open311Admin: createOpen311AdminService({ db, clock, audit, categoryRepository }),
    setup: createSetupService({ db, zalo: config.zalo }),
    planningImports: createPlanningImportService({
      db,
      clock,
      audit,
      files,
      jobs,
      planning: config.planning,
      referenceDir: config.referenceDir,
      changed: planningChanged,
    }),
  };
}
export type Services = ReturnType<typeof createServices>;
