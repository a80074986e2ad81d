import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { DB } from './types.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** Migrations are plain numbered SQL files (`0001_init.sql`), reviewed as SQL and never edited once landed. */
class SqlFileMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** The migrations this code knows, in order (names without `.sql`). */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new SqlFileMigrationProvider().getMigrations()).sort();
}

/** The migrations applied to a database, in order (empty for a database never migrated). */
export async function appliedMigrations(db: Kysely<DB>, schema: string): Promise<string[]> {
  const table = await sql<{ present: boolean }>`
    SELECT to_regclass(${`${schema}.kysely_migration`}) IS NOT NULL AS present`.execute(db);
  if (!table.rows[0]?.present) return [];
  const rows = await sql<{ name: string }>`
    SELECT name FROM ${sql.table(`${schema}.kysely_migration`)} ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Applies every pending migration in order (or those up to `upTo`: tests make an older database that way),
 * under Kysely's migration lock; throws on the first failure.
 */
export async function migrateToLatest(db: Kysely<DB>, schema: string, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
    migrationTableSchema: schema,
  });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
