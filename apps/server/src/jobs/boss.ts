import { PgBoss } from 'pg-boss';
import type { Database } from '../db/pool.ts';
import { isDatabaseUnavailable, outageLogger } from '../db/unavailable.ts';
import type { Services } from '../services.ts';
import { deliverReportNotificationsJob } from './deliver-report-notifications.job.ts';
import { deliverZaloNotificationsJob } from './deliver-zalo-notifications.job.ts';
import { ensureReportSequencesJob } from './ensure-report-sequences.job.ts';
import { markOverdueReportsJob } from './mark-overdue-reports.job.ts';
import { purgeReportPhotosJob } from './purge-report-photos.job.ts';
import { purgeSessionsJob } from './purge-sessions.job.ts';
import { runPlanningImportsJob } from './run-planning-imports.job.ts';

/** Every job the worker runs: name, versioned payload schema, idempotent handler, optional schedule. */
const JOBS = [
  purgeSessionsJob,
  purgeReportPhotosJob,
  deliverReportNotificationsJob,
  deliverZaloNotificationsJob,
  markOverdueReportsJob,
  ensureReportSequencesJob,
  runPlanningImportsJob,
];

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** Starts pg-boss on the same pool as everything else and registers the workers. */
export async function startJobs(
  database: Database,
  services: Services,
  log: (msg: string, err?: unknown) => void,
  warn: (msg: string, fields: object) => void = log,
): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.pool.query(text, values as unknown[]) },
    schema: database.schema === 'public' ? 'pgboss' : `${database.schema}_pgboss`,
    backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
  });
  // While the database is away pg-boss keeps polling and fails each time; it resumes by itself when the database
  // answers again. One line per 10 s says so instead of a stack per poll.
  const outage = outageLogger((fields) => warn('job queue paused: database unavailable', fields));
  boss.on('error', (err) => (isDatabaseUnavailable(err) ? outage(err) : log('job queue error', err)));
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async (batch) => {
      for (const item of batch) await job.handle(job.payload.parse(item.data ?? {}), services);
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }
  // Work a service just committed runs now rather than at the next tick (handlers are idempotent).
  // A trigger lost in an outage is not work lost: the job's schedule finds the committed work later.
  services.jobs.bind(
    (name) => boss.send(name, {}),
    (err) => (isDatabaseUnavailable(err) ? outage(err) : log('job trigger failed', err)),
  );
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
