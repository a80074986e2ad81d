/**
 * The names of the jobs that services fire after a commit (`jobs.fire(name)`, see trigger.ts). They live here, not
 * in the module that runs the job, so a module asks for another's job without importing that module.
 */
export const DELIVER_NOTIFICATIONS_JOB = 'deliver-report-notifications';
export const DELIVER_ZALO_JOB = 'deliver-zalo-notifications';
export const PLANNING_IMPORT_JOB = 'run-planning-imports';
