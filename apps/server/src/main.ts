// Starts the whole system in one process: HTTP API, static web apps and background jobs.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataDirUnavailable, openMaintenanceSocket } from './backup/maintenance-socket.ts';
import {
  loadSecretKey,
  type PrepareResult,
  prepareDatabase,
  writeInitialAdminPassword,
} from './bootstrap.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/pool.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { startFanout } from './events/fanout.ts';
import { QUEUE_CHANGED, REPORTS_CHANGED } from './events/topics.ts';
import { buildApp } from './http/app.ts';
import { type Jobs, startJobs } from './jobs/boss.ts';

/**
 * Migrations and reference data, on PostgreSQL over a pool of their own without the read and statement timeouts
 * that bound requests (a migration on a big table may run for minutes). A database that cannot be reached yet is
 * waited for, with a line every attempt, instead of exiting and being restarted in a loop by the supervisor.
 */
async function prepareWhenReachable(config: Config, embedded: Database) {
  // The embedded database's first start gets the sample plan (docs/DECISIONS.md); PostgreSQL installs do not.
  if (!config.databaseUrl) return prepareDatabase(embedded, config, { planningSample: true });
  for (let attempt = 1; ; attempt++) {
    const setup = await openDatabase({
      databaseUrl: config.databaseUrl,
      maxConnections: 2,
      timeouts: { connectMs: config.databaseTimeouts.connectMs, queryMs: 0, statementMs: 0 },
    });
    try {
      return await prepareDatabase(setup, config);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const waitS = Math.min(2 ** (attempt - 1), 15);
      console.warn(
        JSON.stringify({
          level: 40,
          time: Date.now(),
          code: 'DATABASE_UNAVAILABLE',
          msg: `database not reachable at start (${error instanceof Error ? error.message : String(error)}); retrying in ${waitS} s`,
        }),
      );
      await sleep(waitS * 1000);
    } finally {
      await setup.close();
    }
  }
}

async function main() {
  const config = loadConfig();
  // The embedded database has one owner: claim DATA_DIR before opening it (a second server, or a restore at
  // work there, stops this one here); the same socket hands `npm run backup` a consistent dump.
  const claim = config.databaseUrl
    ? null
    : await openMaintenanceSocket(config.dataDir, (msg, err) => console.error(msg, err));
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'db'),
    pgliteSettings: config.pgliteSettings,
    timeouts: config.databaseTimeouts,
  });
  const prepared: PrepareResult = await prepareWhenReachable(config, database);
  claim?.serve(database);
  const app = await buildApp({ config, database, secretKey: await loadSecretKey(config) });
  app.log.info(
    { database: database.kind, migrations: prepared.migrations, reference: prepared.seed },
    'database ready',
  );
  if (prepared.generatedAdminPassword) {
    const file = await writeInitialAdminPassword(config, prepared.generatedAdminPassword);
    app.log.warn(
      `First administrator created: username "${config.admin.username}", password in ${file}. ` +
        'Sign in at /console/ and change it.',
    );
  }

  let jobs: Jobs | undefined;
  if (config.jobsEnabled) {
    jobs = await startJobs(
      database,
      app.services,
      (msg, err) => app.log.error({ err }, msg),
      (msg, fields) => app.log.warn(fields, msg),
    );
  }
  // Boards, live tickets and report inboxes hear about changes made by other processes (LISTEN/NOTIFY).
  const stopFanout = await startFanout(
    database,
    { [QUEUE_CHANGED]: app.services.queueEvents, [REPORTS_CHANGED]: app.services.reportEvents },
    (msg, err) => app.log.error({ err }, msg),
    (msg, fields) => app.log.warn(fields, msg),
  );
  // Closing order on shutdown: stop taking requests and let in-flight ones finish, stop jobs, close the database.
  app.addHook('onClose', async () => {
    await stopFanout();
    await jobs?.stop();
    await database.close();
    await claim?.close();
  });

  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DataDirUnavailable ? err.message : err);
  process.exit(1);
});
