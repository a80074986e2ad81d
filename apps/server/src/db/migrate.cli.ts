// `npm run migrate`: apply pending migrations and exit (the server also applies them at start).

import path from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase } from './pool.ts';

try {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'db'),
    pgliteSettings: config.pgliteSettings,
  });
  const applied = await migrateToLatest(database.db, database.schema);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  await database.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
