/// <reference types="node" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

/*
 * The apps import some subpaths of this package (constants, phone, photos, map-tiles, server-paths) on their own
 * so that their bundles carry no zod. These tests read the import graph of each such subpath, so a schema import
 * slipping into one of them fails here, not only as a bigger bundle.
 */

const PACKAGE_DIR = path.resolve(import.meta.dirname, '..');

/** Every module a module reaches, static and dynamic imports and re-exports alike, each as its specifier. */
function importGraph(entry: string, read: (file: string) => string): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(read(file), true, true).importedFiles) {
      reached.add(fileName);
      if (fileName.startsWith('.')) visit(path.join(path.dirname(file), fileName));
    }
  };
  visit(entry);
  return reached;
}

const isZod = (specifier: string) => specifier === 'zod' || specifier.startsWith('zod/');
const readSource = (file: string) => readFileSync(file, 'utf8');

describe('zod-free subpaths of @dltt/contracts', () => {
  const { exports } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    exports: Record<string, string>;
  };
  const subpaths = Object.entries(exports).filter(([name]) => name !== '.');

  test('the constants are one of them', () => {
    assert.ok(subpaths.some(([name]) => name === './constants'));
  });

  for (const [name, file] of subpaths) {
    test(`${name} imports no zod, directly or through another module`, () => {
      const reached = [...importGraph(path.join(PACKAGE_DIR, file), readSource)];
      assert.deepEqual(reached.filter(isZod), [], `${name} reaches ${reached.join(', ')}`);
    });
  }

  test('the constants import nothing at all', () => {
    assert.deepEqual([...importGraph(path.join(PACKAGE_DIR, exports['./constants'] ?? ''), readSource)], []);
  });
});

describe('the import graph reader', () => {
  // A fixture that reaches zod two steps away, through a re-export and a dynamic import.
  const files: Record<string, string> = {
    '/x/a.ts': "export { b } from './b.ts';\nexport const a = 1;",
    '/x/b.ts': "import type { T } from './t.ts';\nexport const b = () => import('./c.ts');",
    '/x/c.ts': "import { z } from 'zod';\nexport const c = z.string();",
    '/x/t.ts': 'export type T = string;',
  };
  const readFixture = (file: string) => files[file] ?? assert.fail(`no fixture ${file}`);

  test('finds zod behind a re-export and a dynamic import', () => {
    const reached = importGraph('/x/a.ts', readFixture);
    assert.deepEqual([...reached].sort(), ['./b.ts', './c.ts', './t.ts', 'zod']);
    assert.ok([...reached].some(isZod));
  });
});
