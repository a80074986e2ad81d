import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The import boundaries of .dependency-cruiser.cjs, run by `npm run lint:deps` (part of `npm test`), tried on a
// small tree that breaks each rule once and keeps each allowed import (a feature's own files, shared components,
// app/ mounting features, http/app.ts mounting module routes, a type-only import of another module).
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = path.join(here, 'fixture');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function cruiseFixture(outputType: 'json' | 'err'): Promise<{ exitCode: number; stdout: string }> {
  const args = [
    cli,
    'apps',
    'packages',
    '--config',
    path.join(root, '.dependency-cruiser.cjs'),
    '-T',
    outputType,
  ];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: fixture,
      maxBuffer: 1 << 24,
    });
    return { exitCode: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { exitCode: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

function parse(stdout: string): string[] {
  const result = JSON.parse(stdout) as { summary?: { violations?: Violation[] } };
  return (result.summary?.violations ?? []).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

test('each boundary rule fails the check on the import that breaks it, and only there', async () => {
  const { stdout } = await cruiseFixture('json');
  assert.deepEqual(parse(stdout), [
    'app-imports-app: apps/console/src/features/one/uses-citizen.ts -> apps/citizen/src/components/Button.ts',
    'feature-imports-feature: apps/citizen/src/features/alpha/alpha.ts -> apps/citizen/src/features/beta/beta.ts',
    'feature-imports-feature: apps/console/src/features/one/one.ts -> apps/console/src/features/two/two.ts',
    'module-imports-module: apps/server/src/modules/left/left.service.ts -> apps/server/src/modules/right/right.service.ts',
    'no-cycle: apps/server/src/jobs/cycle-a.ts -> apps/server/src/jobs/cycle-b.ts',
    'package-imports-app: packages/kit/src/index.ts -> apps/citizen/src/app/routes.ts',
    'shared-imports-feature: apps/citizen/src/platform/zalo.ts -> apps/citizen/src/features/beta/beta.ts',
    'shared-server-imports-module: apps/server/src/jobs/remind.job.ts -> apps/server/src/modules/right/right.service.ts',
  ]);
});

test('the command `npm run lint:deps` runs fails on a crossing, so `npm test` stops there', async () => {
  const { exitCode, stdout } = await cruiseFixture('err');
  assert.notEqual(exitCode, 0);
  assert.match(stdout, /feature-imports-feature: apps\/citizen\/src\/features\/alpha\/alpha\.ts/);
});
