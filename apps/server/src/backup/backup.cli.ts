// `npm run backup [-- --output FILE]`: one archive of the database and DATA_DIR's files (docs/OPERATIONS.md, "Data").
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { BackupRefused, createBackup } from './backup.ts';
import { DataDirUnavailable } from './maintenance-socket.ts';
import { PgToolMissing } from './postgres-tools.ts';

try {
  const { values } = parseArgs({ options: { output: { type: 'string', short: 'o' } } });
  await createBackup(loadConfig(), { output: values.output, log: (line) => console.log(line) });
} catch (err) {
  const known = [ConfigError, PgToolMissing, BackupRefused, DataDirUnavailable].some((k) => err instanceof k);
  console.error(known && err instanceof Error ? err.message : err);
  process.exit(1);
}
