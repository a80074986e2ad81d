// Run as a child process: a local store put of SIZE bytes under KEY in ROOT, killed (SIGKILL, so no catch or
// finally runs) once half of the bytes reached the file, as a crash or an OOM kill midway through a write would.
// Usage: node interrupted-write.child.ts ROOT KEY SIZE
import { type FileHandle, open } from 'node:fs/promises';

const [root, key, size] = process.argv.slice(2);
if (!root || !key || !size) throw new Error('usage: interrupted-write.child.ts ROOT KEY SIZE');

const probe = await open(process.execPath, 'r');
const handles = Object.getPrototypeOf(probe) as FileHandle;
await probe.close();
handles.writeFile = async function (this: FileHandle, data: unknown) {
  const bytes = data as Buffer;
  await this.write(bytes.subarray(0, bytes.length / 2));
  process.kill(process.pid, 'SIGKILL');
} as FileHandle['writeFile'];

const { createLocalFileStore } = await import('../storage/local-file-store.ts');
await createLocalFileStore(root).put(key, Buffer.alloc(Number(size), 0xab), 'image/jpeg');
throw new Error('the write was not interrupted');
