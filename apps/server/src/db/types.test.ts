// db/types.ts is written by hand next to each migration; this test holds it to the schema the migrations make.
// It reads types.ts with the TypeScript compiler (what Kysely's select types say) and a freshly migrated database's
// catalogue (information_schema and the CHECK constraints), and compares tables, columns, nullability, the kind of
// value and the allowed words of text columns.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import ts from 'typescript';
import { freshDatabase } from '../testing/harness.ts';
import type { Database } from './pool.ts';

/** The kind of value a column holds in JavaScript, as pool.ts's type parsers deliver it. */
type Family = 'string' | 'number' | 'boolean' | 'Date' | 'Buffer' | 'json' | `${string}[]`;

interface ColumnShape {
  family: Family;
  nullable: boolean;
  /** The allowed values of a text column (a literal union in types.ts, `CHECK (col = ANY (ARRAY[…]))` in SQL). */
  values?: string[];
}
type Schema = Map<string, Map<string, ColumnShape>>;

const TYPES_FILE = path.join(import.meta.dirname, 'types.ts');

/** What types.ts declares: the tables of its `DB` interface and, per column, the type Kysely selects. */
function declaredSchema(file = TYPES_FILE): Schema {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, `cannot read ${file}`);
  const db = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  assert.ok(db, 'types.ts has no DB interface');

  const schema: Schema = new Map();
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(db))) {
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(table, db))) {
      const where = `${table.name}.${column.name}`;
      let type = checker.getTypeOfSymbolAtLocation(column, db);
      // ColumnType<Select, Insert, Update> (and Generated<T>, which is one) keeps the select type in __select__.
      const selected = type.getProperty('__select__');
      if (selected) type = checker.getTypeOfSymbolAtLocation(selected, db);
      columns.set(column.name, shapeOf(checker, type, where));
    }
    schema.set(table.name, columns);
  }
  return schema;
}

function shapeOf(checker: ts.TypeChecker, type: ts.Type, where: string): ColumnShape {
  const parts = type.isUnion() ? type.types : [type];
  const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
  const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  const all = (flags: ts.TypeFlags) => rest.length > 0 && rest.every((t) => t.flags & flags);
  if (all(ts.TypeFlags.StringLiteral))
    return {
      family: 'string',
      nullable,
      values: rest.map((t) => (t as ts.StringLiteralType).value).sort(),
    };
  if (all(ts.TypeFlags.StringLike)) return { family: 'string', nullable };
  if (all(ts.TypeFlags.NumberLike)) return { family: 'number', nullable };
  if (all(ts.TypeFlags.BooleanLike)) return { family: 'boolean', nullable };
  // `unknown` (the Json column type) takes null in: such a column may be NULL.
  if (all(ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { family: 'json', nullable: true };
  const [only] = rest;
  assert.ok(
    only && rest.length === 1,
    `${where}: a union types.ts cannot mean (${checker.typeToString(type)})`,
  );
  const name = only.getSymbol()?.name;
  if (name === 'Date') return { family: 'Date', nullable };
  if (name === 'Buffer') return { family: 'Buffer', nullable };
  if (checker.isArrayType(only)) {
    const [element] = checker.getTypeArguments(only as ts.TypeReference);
    assert.ok(element, `${where}: an array without an element type`);
    const inner = shapeOf(checker, element, where);
    // An array of objects is a JSON column; an array of scalars is a PostgreSQL array.
    return inner.family === 'json' ? { family: 'json', nullable } : { family: `${inner.family}[]`, nullable };
  }
  if (only.flags & ts.TypeFlags.Object) return { family: 'json', nullable };
  assert.fail(`${where}: no column kind for ${checker.typeToString(type)}`);
}

/** The JavaScript value of each PostgreSQL type, as pool.ts reads them (int8 and numeric as numbers, dates as text). */
const FAMILY_OF_UDT: Record<string, Family> = {
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  uuid: 'string',
  date: 'string',
  box: 'string',
  polygon: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'number',
  bool: 'boolean',
  timestamptz: 'Date',
  bytea: 'Buffer',
  json: 'json',
  jsonb: 'json',
};

/** `CHECK ((kind = ANY (ARRAY['xa'::text, 'phuong'::text])))`: the column and its allowed words. */
const ENUM_CHECK = /^CHECK \(\((\w+) = ANY \(\(?ARRAY\[(.*)\]\)?(?:::[\w ]+\[\])?\)\)\)$/;

/** What a migrated database holds: its tables (the migrator's own aside), columns and single-column word lists. */
async function migratedSchema(database: Database): Promise<Schema> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    udt_name: string;
  }>`
    SELECT table_name, column_name, is_nullable, udt_name FROM information_schema.columns
    WHERE table_schema = ${database.schema} AND table_name NOT LIKE 'kysely_migration%'
    ORDER BY table_name, ordinal_position`.execute(database.db);
  const checks = await sql<{ table_name: string; definition: string }>`
    SELECT c.relname AS table_name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${database.schema} AND k.contype = 'c'`.execute(database.db);

  const schema: Schema = new Map();
  for (const r of rows) {
    const array = r.udt_name.startsWith('_');
    const base = FAMILY_OF_UDT[array ? r.udt_name.slice(1) : r.udt_name];
    assert.ok(base, `${r.table_name}.${r.column_name}: no JavaScript kind for PostgreSQL type ${r.udt_name}`);
    const columns = schema.get(r.table_name) ?? new Map<string, ColumnShape>();
    columns.set(r.column_name, { family: array ? `${base}[]` : base, nullable: r.is_nullable === 'YES' });
    schema.set(r.table_name, columns);
  }
  for (const c of checks.rows) {
    const match = ENUM_CHECK.exec(c.definition);
    const column = match?.[1] && schema.get(c.table_name)?.get(match[1]);
    if (!match?.[2] || !column) continue;
    column.values = [...match[2].matchAll(/'((?:[^']|'')*)'/g)]
      .map((m) => (m[1] ?? '').replaceAll("''", "'"))
      .sort();
  }
  return schema;
}

/** Every difference between the two, one line each (empty when they agree). */
function differences(declared: Schema, migrated: Schema): string[] {
  const out: string[] = [];
  for (const table of migrated.keys())
    if (!declared.has(table)) out.push(`${table}: a table types.ts does not declare`);
  for (const [table, columns] of declared) {
    const actual = migrated.get(table);
    if (!actual) {
      out.push(`${table}: declared in types.ts, not made by the migrations`);
      continue;
    }
    for (const name of actual.keys())
      if (!columns.has(name)) out.push(`${table}.${name}: a column types.ts does not declare`);
    for (const [name, want] of columns) {
      const got = actual.get(name);
      const where = `${table}.${name}`;
      if (!got) {
        out.push(`${where}: declared in types.ts, not in the database`);
        continue;
      }
      if (want.family !== got.family)
        out.push(`${where}: types.ts says ${want.family}, the database holds ${got.family}`);
      if (want.nullable !== got.nullable)
        out.push(
          `${where}: types.ts says ${want.nullable ? '' : 'not '}nullable, the database ${got.nullable ? 'allows' : 'refuses'} NULL`,
        );
      const [w, g] = [want.values?.join(', '), got.values?.join(', ')];
      if (w !== g)
        out.push(
          `${where}: types.ts allows ${w ? `[${w}]` : 'any text'}, the database ${g ? `[${g}]` : 'any text'}`,
        );
    }
  }
  return out;
}

let database: Database;
before(async () => {
  database = await freshDatabase();
});
after(() => database?.close());

test('db/types.ts describes the migrated schema: tables, columns, nullability, kinds of value, allowed words', async () => {
  const declared = declaredSchema();
  const migrated = await migratedSchema(database);
  // The comparison has something to compare: every table, and the word lists of the CHECK constraints.
  assert.ok(migrated.size >= 40, `only ${migrated.size} tables read`);
  assert.deepEqual(migrated.get('reports')?.get('status')?.values?.length, 7);
  assert.deepEqual(differences(declared, migrated), []);
});

test('a drift is reported: a column of another kind, nullability or word list, a missing table or column', () => {
  const shape = (family: Family, nullable = false, values?: string[]): ColumnShape => ({
    family,
    nullable,
    ...(values ? { values } : {}),
  });
  const declared: Schema = new Map([
    [
      'a',
      new Map([
        ['id', shape('string')],
        ['n', shape('number')],
        ['k', shape('string', false, ['x', 'y'])],
      ]),
    ],
    ['gone', new Map([['id', shape('string')]])],
  ]);
  const migrated: Schema = new Map([
    [
      'a',
      new Map([
        ['id', shape('string', true)],
        ['n', shape('string')],
        ['k', shape('string', false, ['x'])],
        ['extra', shape('Date')],
      ]),
    ],
    ['new', new Map([['id', shape('string')]])],
  ]);
  assert.deepEqual(differences(declared, migrated).sort(), [
    'a.extra: a column types.ts does not declare',
    'a.id: types.ts says not nullable, the database allows NULL',
    'a.k: types.ts allows [x, y], the database [x]',
    'a.n: types.ts says number, the database holds string',
    'gone: declared in types.ts, not made by the migrations',
    'new: a table types.ts does not declare',
  ]);
});
