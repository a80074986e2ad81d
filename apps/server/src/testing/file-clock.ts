// Test support: "now" as the file system stamps it.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The time the file system gives a file written now. File times come from the kernel, which libfaketime does not
 * shift: under `faketime -f '+1y'` (README, "No test may depend on the calendar year") a file written just now
 * looks a year old to the process clock. Tests that compare a stored file's time with "now" take "now" from here.
 */
export async function fileSystemNow(): Promise<Date> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dltt-now-'));
  try {
    const probe = path.join(dir, 'now');
    await writeFile(probe, '');
    return (await stat(probe)).mtime;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
