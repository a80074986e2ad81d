import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.ts';

/** What repositories run queries on: the pool's Kysely or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Postgres unique_violation on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
