// An operator backs up a running server (`npm run backup`) while citizens keep filing, restores the archive into
// a fresh data directory — and, on a PostgreSQL run, a fresh database — with `npm run restore`, starts a server
// there and finds every report, every photo (byte for byte) and every audit entry. No browser: this is the
// operator's journey, through the real commands and the real server process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import sharp from 'sharp';
import { StaffApi } from '../support/api.ts';
import { createDatabase, type RunningServer, startServer } from '../support/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Hồ Lắk, Buôn Ma Thuột. */
const BMT = { lat: 12.6807, lng: 108.0378 };

interface Command {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run backup` / `npm run restore` as the operator does (the same script, on the same Node). */
function npmScript(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<Command> {
  const file = path.join(ROOT, `apps/server/src/backup/${script}.cli.ts`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Waits until the stopped server's PostgreSQL backends have exited (they outlive its sockets briefly). */
async function backendsGone(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i += 1) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      if (rows[0]?.n === 0) return;
      await sleep(100);
    }
    throw new Error('the stopped server still has connections open');
  } finally {
    await client.end();
  }
}

/** A distinct JPEG per report, so a photo swapped between reports would show. */
function photo(shade: number): Promise<Buffer> {
  return sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: shade, g: 80, b: 200 - shade } },
  })
    .jpeg()
    .toBuffer();
}

interface Snapshot {
  /** report code -> [photo id, full bytes, thumbnail bytes][] */
  photos: Map<string, [string, Buffer, Buffer][]>;
  reports: { code: string; status: string; description: string }[];
  audit: { id: string; action: string; entityId: string | null }[];
}

async function snapshot(staff: StaffApi): Promise<Snapshot> {
  const page = await staff.call<{ items: { code: string }[]; total: number }>(
    'GET',
    '/staff/reports?pageSize=100&sort=newest',
  );
  assert.equal(page.items.length, page.total, 'every report on one page');
  const reports: Snapshot['reports'] = [];
  const photos: Snapshot['photos'] = new Map();
  for (const { code } of page.items) {
    const report = await staff.call<{
      code: string;
      status: string;
      description: string;
      photos: { id: string }[];
    }>('GET', `/staff/reports/${code}`);
    reports.push({ code, status: report.status, description: report.description });
    const bytes: [string, Buffer, Buffer][] = [];
    for (const p of report.photos) {
      bytes.push([
        p.id,
        await staff.bytes(`/staff/report-photos/${p.id}/full`),
        await staff.bytes(`/staff/report-photos/${p.id}/thumb`),
      ]);
    }
    photos.set(code, bytes);
  }
  const audit = await staff.call<{ items: { id: string; action: string; entityId: string | null }[] }>(
    'GET',
    '/audit-log?pageSize=100',
  );
  return {
    reports: reports.sort((a, b) => a.code.localeCompare(b.code)),
    photos,
    audit: audit.items.map(({ id, action, entityId }) => ({ id, action, entityId })),
  };
}

describe('backup and restore', () => {
  test('a backup taken while the server runs and citizens file restores into a fresh place with everything', async () => {
    const source = await startServer();
    let restored: RunningServer | undefined;
    const targetDir = await mkdtemp(path.join(tmpdir(), 'dltt-restore-'));
    const targetDb = await createDatabase();
    const backups = await mkdtemp(path.join(tmpdir(), 'dltt-backups-'));
    try {
      const password = await source.adminPassword();
      const admin = await new StaffApi(source.baseUrl).login('admin', password);
      // Audit entries of several kinds: a staff member created, an agency's category changed.
      await admin.addStaff({
        username: 'dieu-phoi-backup',
        password: 'staff-password-123',
        fullName: 'Trần Văn Sao Lưu',
        role: 'dispatcher',
        agencyId: null,
      });
      const categories = await admin.call<{ id: string; code: string }[]>('GET', '/categories');
      const categoryId = categories.find((c) => c.code === 'khac')?.id ?? '';
      const session = await fetch(`${source.baseUrl}/api/v1/citizen/session`, { method: 'POST' });
      const citizen = ((await session.json()) as { token: string }).token;

      async function fileReport(description: string, shade: number): Promise<number> {
        const auth = { authorization: `Bearer ${citizen}` };
        const upload = await fetch(`${source.baseUrl}/api/v1/report-photos`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'image/jpeg' },
          body: new Uint8Array(await photo(shade)),
        });
        if (upload.status !== 201) return upload.status;
        const res = await fetch(`${source.baseUrl}/api/v1/reports`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            categoryId,
            photoIds: [((await upload.json()) as { id: string }).id],
            location: { ...BMT, accuracy: 10, source: 'gps' },
            description,
            consent: true,
          }),
        });
        return res.status;
      }
      for (const [i, text] of [
        'Cây xanh gãy đổ chắn lối đi bộ trên đường Lê Duẩn.',
        'Nắp cống bị vỡ trước chợ, rất nguy hiểm cho xe máy.',
        'Đèn chiếu sáng công cộng hỏng cả đoạn đường Phan Bội Châu.',
      ].entries()) {
        assert.equal(await fileReport(text, 40 + i * 50), 201);
      }
      const before = await snapshot(admin);
      assert.equal(before.reports.length, 3);
      assert.ok(before.audit.length >= 2, `audit entries: ${before.audit.length}`);

      // The backup runs while the server keeps answering: citizens file meanwhile.
      const archive = path.join(backups, 'dltt.tar.gz');
      const sourceEnv = {
        DATA_DIR: source.dataDir,
        ...(source.reuse.database ? { DATABASE_URL: source.reuse.database.url } : {}),
      };
      const [backup, ...duringBackup] = await Promise.all([
        npmScript('backup', ['--output', archive], sourceEnv),
        fileReport('Rác thải đổ trộm bên bờ suối, bốc mùi hôi.', 210),
        fileReport('Ổ gà lớn giữa đường Nguyễn Tất Thành.', 230),
      ]);
      assert.equal(backup.code, 0, `${backup.stdout}\n${backup.stderr}`);
      assert.deepEqual(duringBackup, [201, 201], 'the server kept filing during the backup');
      assert.equal(
        ((await stat(archive)).mode & 0o777).toString(8),
        '600',
        'only its owner reads the archive',
      );
      assert.match(backup.stdout, /Backup written/);
      if (!source.reuse.database) assert.match(backup.stdout, /server is running/);
      const afterBackup = await snapshot(admin);

      // Restore into the fresh data directory (and database); then a server started there has it all.
      const targetEnv = { DATA_DIR: targetDir, ...(targetDb ? { DATABASE_URL: targetDb.url } : {}) };
      const restore = await npmScript('restore', [archive], targetEnv);
      assert.equal(restore.code, 0, `${restore.stdout}\n${restore.stderr}`);
      assert.match(restore.stdout, /Restore complete/);
      assert.ok((await readdir(targetDir)).includes('files'));

      restored = await startServer({}, { dataDir: targetDir, database: targetDb });
      const again = await new StaffApi(restored.baseUrl).login('admin', password);
      const after = await snapshot(again);
      // Everything filed before the backup is there, byte for byte; reports filed during it may or may not be.
      for (const report of before.reports) {
        assert.deepEqual(
          after.reports.find((r) => r.code === report.code),
          report,
        );
        const want = before.photos.get(report.code) ?? [];
        const got = after.photos.get(report.code) ?? [];
        assert.equal(got.length, want.length, `photos of ${report.code}`);
        for (const [i, [id, full, thumb]] of want.entries()) {
          assert.equal(got[i]?.[0], id);
          assert.ok(got[i]?.[1].equals(full), `full photo ${id} of ${report.code} is the same bytes`);
          assert.ok(got[i]?.[2].equals(thumb), `thumbnail ${id} of ${report.code} is the same bytes`);
        }
      }
      // Whatever the dump holds is whole: every restored report has every photo it names, and they match.
      assert.ok(after.reports.length >= before.reports.length && after.reports.length <= 5);
      for (const report of after.reports) {
        const original = afterBackup.photos.get(report.code) ?? [];
        const got = after.photos.get(report.code) ?? [];
        assert.deepEqual(
          got.map(([id, full, thumb]) => [id, full.length, thumb.length]),
          original.map(([id, full, thumb]) => [id, full.length, thumb.length]),
        );
        for (const [i, [, full]] of got.entries()) assert.ok(full.equals(original[i]![1]));
      }
      // Every audit entry made before the backup, in the same order (the restored server adds none of its own
      // before them: the first admin exists, so nothing is created at start).
      const afterIds = new Set(after.audit.map((a) => a.id));
      for (const entry of before.audit)
        assert.ok(afterIds.has(entry.id), `audit entry ${entry.action} ${entry.id}`);
      assert.deepEqual(
        after.audit.filter((a) => before.audit.some((b) => b.id === a.id)),
        before.audit,
      );

      // A restore over a place in use is refused: while its server runs, and then (stopped) without --force.
      const whileRunning = await npmScript('restore', [archive], targetEnv);
      assert.equal(whileRunning.code, 2, whileRunning.stderr);
      assert.match(whileRunning.stderr, targetDb ? /other connections are open/ : /running on/);
      assert.equal(await restored.stop({ keepData: true }), 0);
      restored = undefined;
      if (targetDb) await backendsGone(targetDb.url);
      const refused = await npmScript('restore', [archive], targetEnv);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /Restore refused: .*(is not empty|already holds)/);
      const forced = await npmScript('restore', [archive, '--force'], targetEnv);
      assert.equal(forced.code, 0, `${forced.stdout}\n${forced.stderr}`);
      restored = await startServer({}, { dataDir: targetDir, database: targetDb });
      const third = await snapshot(await new StaffApi(restored.baseUrl).login('admin', password));
      assert.deepEqual(
        third.reports.map((r) => r.code),
        after.reports.map((r) => r.code),
      );
    } finally {
      if (restored) await restored.stop();
      else {
        await targetDb?.drop();
        await rm(targetDir, { recursive: true, force: true });
      }
      await rm(backups, { recursive: true, force: true });
      await source.stop();
    }
  });
});
