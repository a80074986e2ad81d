// `npm run backup [-- --output FILE]`: one archive of the database and DATA_DIR's files (docs/OPERATIONS.md, "Data").
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { createBackup } from './backup.ts';
import { PgToolMissing } from './postgres-tools.ts';

try {
  const { values } = parseArgs({ options: { output: { type: 'string', short: 'o' } } });
  await createBackup(loadConfig(), { output: values.output, log: (line) => console.log(line) });
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof PgToolMissing ? err.message : err);
  process.exit(1);
}
