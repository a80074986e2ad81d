import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { fileSystemNow } from '../testing/file-clock.ts';
import { startFaultyProxy, startS3, type TestS3 } from '../testing/s3.ts';
import type { FileStore } from './file-store.ts';
import { createLocalFileStore } from './local-file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

const isUnavailable = (error: unknown) => error instanceof AppError && error.code === 'STORAGE_UNAVAILABLE';

const collect = async (files: AsyncIterable<{ key: string }>) => {
  const keys: string[] = [];
  for await (const file of files) keys.push(file.key);
  return keys.sort();
};

let s3: TestS3;
let localDir: string;
before(async () => {
  s3 = await startS3();
  localDir = await mkdtemp(path.join(tmpdir(), 'dltt-files-'));
});
after(async () => {
  await s3.close();
  await rm(localDir, { recursive: true, force: true });
});

for (const driver of ['local', 's3'] as const) {
  describe(`${driver} file store`, () => {
    let store: FileStore;
    before(() => {
      store = driver === 'local' ? createLocalFileStore(localDir) : createS3FileStore(s3.storeConfig());
    });

    test('put, get, exists, list and delete', async () => {
      const data = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3, 0]);
      assert.equal(await store.get('report-photos/a.jpg'), null);
      assert.equal(await store.exists('report-photos/a.jpg'), false);
      await store.put('report-photos/a.jpg', data, 'image/jpeg');
      await store.put('report-photos/a-thumb.webp', Buffer.from('RIFF'), 'image/webp');
      await store.put('other/b.jpg', data, 'image/jpeg');
      const got = await store.get('report-photos/a.jpg');
      assert.deepEqual(got, { data, contentType: 'image/jpeg' });
      assert.equal((await store.get('report-photos/a-thumb.webp'))?.contentType, 'image/webp');
      assert.equal(await store.exists('report-photos/a.jpg'), true);
      assert.deepEqual(await collect(store.list('report-photos/')), [
        'report-photos/a-thumb.webp',
        'report-photos/a.jpg',
      ]);
      // File times are the file system's, which a faked process clock does not move.
      const now = (await fileSystemNow()).getTime();
      for await (const file of store.list('report-photos/'))
        assert.ok(Math.abs(file.modifiedAt.getTime() - now) < 3_600_000, 'written just now');
      await store.put('report-photos/a.jpg', Buffer.from('replaced'), 'image/jpeg');
      assert.equal((await store.get('report-photos/a.jpg'))?.data.toString(), 'replaced');
      await store.delete('report-photos/a.jpg');
      await store.delete('report-photos/a.jpg');
      assert.equal(await store.exists('report-photos/a.jpg'), false);
      assert.equal(await store.get('report-photos/a.jpg'), null);
      assert.deepEqual(await collect(store.list('nothing-here/')), []);
    });

    test('putStream stores a stream chunk by chunk (several S3 parts) and openStream reads it back', async () => {
      const chunk = (i: number) => Buffer.alloc(1024 * 1024, i);
      // 6 MB: more than one 5 MB part on S3.
      const chunks = async function* () {
        for (let i = 0; i < 6; i += 1) yield chunk(i);
      };
      const size = await store.putStream('planning-imports/a.zip', chunks(), 'application/zip');
      assert.equal(size, 6 * 1024 * 1024);
      const stream = await store.openStream('planning-imports/a.zip');
      assert.ok(stream);
      const read: Buffer[] = [];
      for await (const part of stream) read.push(part as Buffer);
      assert.ok(Buffer.concat(read).equals(Buffer.concat([0, 1, 2, 3, 4, 5].map(chunk))));
      assert.equal(await store.openStream('planning-imports/none.zip'), null);
      await store.delete('planning-imports/a.zip');
    });

    test('a stream that fails midway leaves no file under the key', async () => {
      const failing = async function* () {
        yield Buffer.alloc(1024 * 1024, 1);
        yield Buffer.alloc(5 * 1024 * 1024, 2);
        throw new Error('client went away');
      };
      await assert.rejects(
        store.putStream('planning-imports/cut.zip', failing(), 'application/zip'),
        /client went away/,
      );
      assert.equal(await store.exists('planning-imports/cut.zip'), false);
      assert.equal(await store.openStream('planning-imports/cut.zip'), null);
    });

    test('keys that could leave the store are refused', async () => {
      await assert.rejects(store.put('../x.jpg', Buffer.from('x'), 'image/jpeg'), /Unsafe file key/);
      await assert.rejects(store.get('report-photos/../../etc/passwd'), /Unsafe file key/);
      await assert.rejects(collect(store.list('../')), /Unsafe file prefix/);
    });
  });
}

test('local writes leave no temporary file behind once done', async () => {
  const store = createLocalFileStore(localDir);
  await store.put('report-photos/c.jpg', Buffer.alloc(100_000, 7), 'image/jpeg');
  const names = await readdir(path.join(localDir, 'report-photos'));
  assert.deepEqual(
    names.filter((n) => n.endsWith('.tmp')),
    [],
  );
});

describe('S3 failures', () => {
  // Short enough to keep the test quick, long enough for s3rver on a loaded machine.
  const timeoutMs = 1_000;
  const maxAttempts = 2;

  test('a store that accepts connections and never answers: 503 after each attempt timed out', async () => {
    const proxy = await startFaultyProxy(s3.endpoint, { kind: 'stall' });
    try {
      const store = createS3FileStore(s3.storeConfig({ endpoint: proxy.endpoint, timeoutMs, maxAttempts }));
      await assert.rejects(store.get('report-photos/a.jpg'), isUnavailable);
      assert.equal(proxy.connections, maxAttempts, 'retried once, then gave up');
      await assert.rejects(store.put('report-photos/a.jpg', Buffer.from('x'), 'image/jpeg'), isUnavailable);
      await assert.rejects(collect(store.list('report-photos/')), isUnavailable);
      // The same client works again once the store answers: nothing to restart.
      proxy.set({ kind: 'pass' });
      await store.put('report-photos/back.jpg', Buffer.from('back'), 'image/jpeg');
      assert.equal((await store.get('report-photos/back.jpg'))?.data.toString(), 'back');
    } finally {
      await proxy.close();
    }
  });

  test('a store that stops in the middle of an answer: 503, never half a photo', async () => {
    const proxy = await startFaultyProxy(s3.endpoint, { kind: 'halfAnswer' });
    try {
      const store = createS3FileStore(s3.storeConfig({ endpoint: proxy.endpoint, timeoutMs, maxAttempts }));
      await assert.rejects(store.get('report-photos/a.jpg'), isUnavailable);
    } finally {
      await proxy.close();
    }
  });

  test('a store answering 500: retried, then 503 STORAGE_UNAVAILABLE with the cause kept for the log', async () => {
    const proxy = await startFaultyProxy(s3.endpoint, { kind: 'error500' });
    try {
      const store = createS3FileStore(s3.storeConfig({ endpoint: proxy.endpoint, timeoutMs, maxAttempts }));
      const error = await store.get('report-photos/a.jpg').then(
        () => assert.fail('no error'),
        (e: unknown) => e,
      );
      assert.ok(isUnavailable(error));
      assert.equal((error as AppError).status, 503);
      assert.equal(((error as Error).cause as Error).name, 'InternalError');
      assert.equal(proxy.connections, maxAttempts);
      await assert.rejects(store.put('report-photos/a.jpg', Buffer.from('x'), 'image/jpeg'), isUnavailable);
      await assert.rejects(store.exists('report-photos/a.jpg'), isUnavailable);
      await assert.rejects(store.delete('report-photos/a.jpg'), isUnavailable);
      await assert.rejects(collect(store.list('report-photos/')), isUnavailable);
    } finally {
      await proxy.close();
    }
  });

  test('an upload cut midway leaves no object: readers see the key absent, never half of it', async () => {
    const store = createS3FileStore(s3.storeConfig());
    const key = 'report-photos/cut.jpg';
    const data = Buffer.alloc(256 * 1024, 9);
    // The request line and headers are under 2 kB: cut well inside the body.
    const proxy = await startFaultyProxy(s3.endpoint, { kind: 'cutUploadAt', bytes: 64 * 1024 });
    try {
      const through = createS3FileStore(s3.storeConfig({ endpoint: proxy.endpoint, timeoutMs, maxAttempts }));
      await assert.rejects(through.put(key, data, 'image/jpeg'), isUnavailable);
      assert.equal(proxy.connections, maxAttempts, 'each attempt was cut');
    } finally {
      await proxy.close();
    }
    assert.equal(await store.exists(key), false);
    assert.equal(await store.get(key), null);
    assert.deepEqual(
      (await collect(store.list('report-photos/'))).filter((k) => k === key),
      [],
    );
  });
});
