import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { connectionForTools, findPgTool, PgToolMissing } from './postgres-tools.ts';

function installedPgDumpMajor(): number | null {
  try {
    const out = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    return Number(/\(PostgreSQL\)\s+(\d+)/.exec(out)?.[1]);
  } catch {
    return null;
  }
}

describe('PostgreSQL client tools', () => {
  test('a server newer than every pg_dump installed is refused, saying what to install', async () => {
    await assert.rejects(findPgTool('pg_dump', 99), (e: Error) => {
      assert.ok(e instanceof PgToolMissing);
      assert.match(e.message, /pg_dump 99 or newer is needed for this PostgreSQL 99 server/);
      assert.match(e.message, /postgresql-client-99/);
      return true;
    });
  });

  test('no pg_restore anywhere: says so', async () => {
    await assert.rejects(
      findPgTool('pg_restore', 15, 0, '/nonexistent', '/nonexistent-debian-root'),
      /no pg_restore on PATH or under \/nonexistent-debian-root\/\*\/bin/,
    );
  });

  const major = installedPgDumpMajor();
  test('picks the installed pg_dump of the server major', {
    skip: major === null ? 'no pg_dump' : false,
  }, async () => {
    const found = await findPgTool('pg_dump', major ?? 0);
    assert.equal(found.major, major);
    // An older server is dumped by a newer pg_dump when no same-major one exists.
    assert.ok((await findPgTool('pg_dump', (major ?? 0) - 5)).major >= (major ?? 0) - 5);
  });

  test('the password travels in PGPASSWORD, never on the command line', () => {
    const { url, env } = connectionForTools('postgres://dltt:s%40cret@db.example:5432/dltt?sslmode=require');
    assert.equal(url, 'postgres://dltt@db.example:5432/dltt?sslmode=require');
    assert.equal(env.PGPASSWORD, 's@cret');
  });
});
