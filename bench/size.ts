// Bundle sizes of the built web apps, gzipped, against their budgets. Run after `npm run build`:
//   node bench/size.ts            (prints a table; exits 1 when an app is over budget)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * Budgets in gzipped bytes. The province's current mini app is under 2 MB; ours must load on slow 3G
 * (~50 kB/s) in a few seconds, so the citizen app's whole first load stays under 150 kB.
 */
const APPS = [
  { name: 'citizen (web)', dir: 'apps/citizen/dist', budget: 150 * 1024 },
  { name: 'console', dir: 'apps/console/dist', budget: 200 * 1024 },
];
const REFERENCE_MINI_APP = 2 * 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

let over = false;
for (const app of APPS) {
  const dir = path.join(ROOT, app.dir);
  const rows = files(dir)
    .filter((f) => /\.(js|css|html|svg|json)$/.test(f))
    .map((f) => ({
      file: path.relative(dir, f),
      raw: statSync(f).size,
      gzip: gzipSync(readFileSync(f), { level: 9 }).length,
    }));
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  console.log(`\n${app.name}: ${dir}`);
  for (const r of rows)
    console.log(`  ${r.file.padEnd(40)} ${String(r.raw).padStart(9)} B  ${String(r.gzip).padStart(8)} B gz`);
  console.log(
    `  total ${(total / 1024).toFixed(1)} kB gz = ${((100 * total) / app.budget).toFixed(0)}% of the ${app.budget / 1024} kB budget, ` +
      `${((100 * total) / REFERENCE_MINI_APP).toFixed(1)}% of the 2 MB reference mini app`,
  );
  if (total > app.budget) over = true;
}
process.exitCode = over ? 1 : 0;
