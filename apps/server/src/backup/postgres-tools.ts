// pg_dump and pg_restore for the PostgreSQL mode: which binary to run, and how to run it without putting the
// password on a command line (`ps` shows command lines to every user of the machine).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Where Debian and Ubuntu put each installed major version (postgresql-client-NN). */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

export type PgTool = 'pg_dump' | 'pg_restore';

export interface PgBinary {
  file: string;
  major: number;
  version: string;
}

function candidates(tool: PgTool, pathEnv: string, debianRoot: string): string[] {
  const found = new Set<string>();
  for (const dir of pathEnv.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, tool);
    if (existsSync(file)) found.add(file);
  }
  if (existsSync(debianRoot)) {
    for (const version of readdirSync(debianRoot)) {
      const file = path.join(debianRoot, version, 'bin', tool);
      if (existsSync(file)) found.add(file);
    }
  }
  return [...found];
}

async function describe(file: string): Promise<PgBinary | null> {
  try {
    const { stdout } = await run(file, ['--version']);
    // "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    if (!match) return null;
    return { file, major: Number(match[1]), version: stdout.trim() };
  } catch {
    return null;
  }
}

export class PgToolMissing extends Error {}

/**
 * The pg_dump or pg_restore to use against a server of major version `serverMajor`: the same major when
 * installed, else the oldest newer one (pg_dump refuses a server newer than itself, and a newer tool's output
 * can hold settings an older server does not know). `atLeast` is a floor (pg_restore must read the archive
 * format of the pg_dump that wrote it). Throws PgToolMissing with what to install.
 */
export async function findPgTool(
  tool: PgTool,
  serverMajor: number,
  atLeast = 0,
  pathEnv = process.env.PATH ?? '',
  debianRoot = DEBIAN_PG_ROOT,
): Promise<PgBinary> {
  const floor = Math.max(serverMajor, atLeast);
  const all = (await Promise.all(candidates(tool, pathEnv, debianRoot).map(describe))).filter(
    (b): b is PgBinary => b !== null,
  );
  const usable = all.filter((b) => b.major >= floor).sort((a, b) => a.major - b.major);
  const best = usable.find((b) => b.major === serverMajor) ?? usable[0];
  if (best) return best;
  const seen = all.length
    ? `found only ${all.map((b) => `${b.file} (${b.major})`).join(', ')}`
    : `no ${tool} on PATH or under ${debianRoot}/*/bin`;
  throw new PgToolMissing(
    `${tool} ${floor} or newer is needed for this PostgreSQL ${serverMajor} server, ${seen}. ` +
      `Install the PostgreSQL client tools of that version (Debian: apt-get install postgresql-client, or ` +
      `postgresql-client-${floor} from apt.postgresql.org when Debian's is older).`,
  );
}

/** A connection URL without its password, and the environment that carries the password instead. */
export function connectionForTools(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    url: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a PostgreSQL tool; on failure the error carries what the tool printed. */
export async function runPgTool(binary: PgBinary, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(binary.file, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${path.basename(binary.file)} failed: ${stderr.trim() || String(error)}`, {
      cause: error,
    });
  }
}
