// What storing and reading one photo costs in each FileStore driver.
//   node bench/storage.ts [count=100] [kB=400]
// Local: the driver (temporary file, fsync of the file and its folder, rename) against the plain write-and-rename
// it replaced (no fsync), in a temporary folder on the data disk. S3: the driver against s3rver on loopback (the
// test server: it writes plain files, so its figures are the SDK's and HTTP's overhead, not a real store's).
// Sequential calls, one at a time; latency percentiles of each.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalFileStore } from '../apps/server/src/storage/local-file-store.ts';
import { createS3FileStore } from '../apps/server/src/storage/s3-file-store.ts';
import { startS3 } from '../apps/server/src/testing/s3.ts';

const count = Number(process.argv[2] ?? 100);
const bytes = Number(process.argv[3] ?? 400) * 1024;
const data = randomBytes(bytes);

async function measure(label: string, op: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await op(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`| ${label} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} |`);
}

const dir = await mkdtemp(path.join(tmpdir(), 'dltt-bench-files-'));
const s3 = await startS3();
try {
  console.log(`${count} calls of ${bytes / 1024} kB each, load average ${loadavg()[0]?.toFixed(2)}`);
  console.log('| operation | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|');
  await mkdir(path.join(dir, 'plain'));
  await measure('local: write + rename, no fsync (before)', async (i) => {
    const file = path.join(dir, 'plain', `${i}.jpg`);
    await writeFile(`${file}.tmp`, data);
    await rename(`${file}.tmp`, file);
  });
  const local = createLocalFileStore(dir);
  await measure('local: put (temporary file, fsync, rename, fsync folder)', (i) =>
    local.put(`report-photos/${i}.jpg`, data, 'image/jpeg'),
  );
  await measure('local: get', (i) => local.get(`report-photos/${i}.jpg`));
  const store = createS3FileStore(s3.storeConfig());
  await measure('s3 (s3rver, loopback): put', (i) => store.put(`report-photos/${i}.jpg`, data, 'image/jpeg'));
  await measure('s3 (s3rver, loopback): get', (i) => store.get(`report-photos/${i}.jpg`));
  store.destroy();
} finally {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
}
