// `npm run restore -- FILE [--force]`: puts a backup archive back (docs/OPERATIONS.md, "Data").
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirUnavailable } from './maintenance-socket.ts';
import { PgToolMissing } from './postgres-tools.ts';
import { RestoreRefused, restoreBackup } from './restore.ts';

try {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error('Usage: npm run restore -- <backup.tar.gz> [--force]');
    process.exit(2);
  }
  await restoreBackup(loadConfig(), positionals[0]!, {
    force: values.force,
    log: (line) => console.log(line),
  });
} catch (err) {
  if (err instanceof RestoreRefused) {
    console.error(`Restore refused: ${err.message}`);
    process.exit(2);
  }
  const known = [ConfigError, PgToolMissing, DataDirUnavailable].some((k) => err instanceof k);
  console.error(known && err instanceof Error ? err.message : err);
  process.exit(1);
}
