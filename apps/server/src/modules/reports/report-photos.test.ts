import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { manualClock } from '../../clock.ts';
import { createFileStore } from '../../storage/create-file-store.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { fileSystemNow } from '../../testing/file-clock.ts';
import {
  ADMIN,
  agencyId,
  createStaff,
  login,
  newCitizen,
  startTestApp,
  type TestContext,
} from '../../testing/harness.ts';
import { makeJpeg, makePng } from '../../testing/photos.ts';
import { reportKit } from '../../testing/reports.ts';
import { type FaultMode, startFaultyProxy, startS3, type TestS3 } from '../../testing/s3.ts';
import { ORPHAN_FILE_GRACE_MS } from './report-photos.service.ts';

const HEIC = path.join(import.meta.dirname, 'fixtures/red-64x48.heic');

const CHILD = path.join(import.meta.dirname, '../../testing/interrupted-write.child.ts');

/** The same tests with photos in local files and in an S3-compatible bucket (s3rver, behind a loopback proxy). */
for (const driver of ['local', 's3'] as const)
  describe(`report photos (${driver} store)`, () => {
    const clock = manualClock('2026-05-04T03:00:00Z');
    let t: TestContext;
    /** The store the app writes to, opened a second time to look behind the server's back. */
    let store: FileStore;
    let s3: TestS3 | undefined;
    let proxy: Awaited<ReturnType<typeof startFaultyProxy>> | undefined;
    const s3Fails = (mode: FaultMode) => proxy?.set(mode);
    let auth: { authorization: string };
    const upload = (body: Buffer, contentType = 'image/jpeg', headers = auth) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/report-photos',
        headers: { ...headers, 'content-type': contentType },
        payload: body,
      });

    before(async () => {
      let env: Record<string, string> = {};
      if (driver === 's3') {
        s3 = await startS3();
        proxy = await startFaultyProxy(s3.endpoint, { kind: 'pass' });
        env = { ...s3.env(proxy.endpoint), S3_TIMEOUT_MS: '2000', S3_MAX_ATTEMPTS: '2' };
      }
      t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000', ...env } });
      store = createFileStore(t.config.storage);
      auth = await newCitizen(t.app);
    });
    after(async () => {
      await t.close();
      await proxy?.close();
      await s3?.close();
    });

    test('a JPEG is re-encoded: upright, at most 1600 px, EXIF and GPS stripped, the position reported once', async () => {
      const jpeg = await makeJpeg({
        width: 4000,
        height: 3000,
        gps: { lat: 12.6807, lng: 108.0378 },
        orientation: 6,
      });
      const res = await upload(jpeg);
      assert.equal(res.statusCode, 201, res.body);
      const photo = res.json();
      assert.deepEqual([photo.width, photo.height], [1200, 1600], 'orientation 6 applied, long side 1600');
      assert.ok(
        Math.abs(photo.exifLocation.lat - 12.6807) < 1e-4 &&
          Math.abs(photo.exifLocation.lng - 108.0378) < 1e-4,
      );

      const full = await t.app.inject({ url: `/api/v1/me/report-photos/${photo.id}/full`, headers: auth });
      assert.equal(full.statusCode, 200);
      assert.equal(full.headers['content-type'], 'image/jpeg');
      const meta = await sharp(full.rawPayload).metadata();
      assert.equal(meta.exif, undefined, 'no EXIF (GPS, camera serial) in the stored copy');
      assert.equal(meta.orientation, undefined);
      assert.doesNotMatch(full.rawPayload.toString('latin1'), /Serial-123456/);

      const thumb = await t.app.inject({ url: `/api/v1/me/report-photos/${photo.id}/thumb`, headers: auth });
      assert.equal(thumb.headers['content-type'], 'image/webp');
      const thumbMeta = await sharp(thumb.rawPayload).metadata();
      assert.ok(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0) <= 320);
    });

    test('the bytes decide the type, not the declared content type', async () => {
      const png = await upload(await makePng(), 'image/jpeg');
      assert.equal(png.statusCode, 201, 'a PNG declared as JPEG is still a fine photo');
      const text = await upload(Buffer.from('<?php system($_GET["c"]); ?>'), 'image/jpeg');
      assert.equal(text.statusCode, 415);
      assert.equal(text.json().error.code, 'PHOTO_TYPE_NOT_ALLOWED');
      const pdf = await upload(
        Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
        'application/octet-stream',
      );
      assert.equal(pdf.statusCode, 415);
      const jpeg = await makeJpeg();
      const truncated = await upload(jpeg.subarray(0, Math.floor(jpeg.length / 3)));
      assert.equal(truncated.statusCode, 400);
      assert.equal(truncated.json().error.code, 'PHOTO_UNREADABLE');
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/v1/report-photos',
        headers: auth,
        payload: { not: 'a photo' },
      });
      assert.equal(json.statusCode, 415);
    });

    test('an iPhone HEIC photo is accepted and stored as JPEG; AVIF too', async () => {
      const heic = await upload(await readFile(HEIC), 'image/heic');
      assert.equal(heic.statusCode, 201, heic.body);
      assert.deepEqual([heic.json().width, heic.json().height], [64, 48]);
      const full = await t.app.inject({
        url: `/api/v1/me/report-photos/${heic.json().id}/full`,
        headers: auth,
      });
      assert.equal((await sharp(full.rawPayload).metadata()).format, 'jpeg');
      const avif = await sharp({ create: { width: 100, height: 80, channels: 3, background: '#0a0' } })
        .avif()
        .toBuffer();
      assert.equal((await upload(avif, 'image/avif')).statusCode, 201);
    });

    test('more than 10 MB is refused with 413', async () => {
      const big = Buffer.concat([await makeJpeg(), Buffer.alloc(10 * 1024 * 1024)]);
      const res = await upload(big);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
    });

    test('photos are private to their uploader; uploading needs a citizen identity', async () => {
      const mine = (await upload(await makeJpeg())).json();
      const other = await newCitizen(t.app);
      const res = await t.app.inject({ url: `/api/v1/me/report-photos/${mine.id}/full`, headers: other });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'PHOTO_NOT_FOUND');
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/report-photos',
        headers: { 'content-type': 'image/jpeg' },
        payload: await makeJpeg(),
      });
      assert.equal(anon.statusCode, 401);
    });

    test('photos of abandoned drafts are purged after 48 hours, attached ones never', async () => {
      const abandoned = (await upload(await makeJpeg())).json();
      assert.equal(await t.app.services.reportPhotos.purgeUnattached(), 0, 'too fresh');
      clock.advance(49 * 3_600_000);
      const purged = await t.app.services.reportPhotos.purgeUnattached();
      assert.ok(purged >= 1);
      const gone = await t.app.inject({
        url: `/api/v1/me/report-photos/${abandoned.id}/thumb`,
        headers: auth,
      });
      assert.equal(gone.statusCode, 404);
    });

    test("a filed report's photo is served from the store to its citizen, the public and staff", async () => {
      const kit = await reportKit(t);
      const citizen = await kit.newCitizen();
      const report = await kit.file(citizen);
      const admin = await login(t.app, ADMIN.username, ADMIN.password);
      const dispatcher = await createStaff(t.app, admin, {
        username: `dispatcher-${driver}`,
        role: 'dispatcher',
      });
      const detail = await t.app.inject({
        url: `/api/v1/staff/reports/${report.code}`,
        headers: dispatcher.headers,
      });
      const photoId: string = detail.json().photos[0].id;
      const row = await t.database.db
        .selectFrom('report_photos')
        .select(['file_key', 'thumb_key'])
        .where('id', '=', photoId)
        .executeTakeFirstOrThrow();
      const stored = await store.get(row.file_key);
      assert.ok(stored, 'the file is in the configured store');
      if (driver === 's3') {
        const local = await readdir(path.join(t.config.dataDir, 'files')).catch(() => []);
        assert.deepEqual(local, [], 'nothing written to local files');
      }

      const mine = await t.app.inject({ url: `/api/v1/me/report-photos/${photoId}/full`, headers: citizen });
      const publicPhoto = await t.app.inject({ url: `/api/v1/public/report-photos/${photoId}/full` });
      const staffPhoto = await t.app.inject({
        url: `/api/v1/staff/report-photos/${photoId}/full`,
        headers: dispatcher.headers,
      });
      for (const res of [mine, publicPhoto, staffPhoto]) {
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['content-type'], 'image/jpeg');
        assert.ok(res.rawPayload.equals(stored.data), 'the stored bytes, streamed by the server');
      }
      assert.equal(publicPhoto.headers['cache-control'], 'public, max-age=300');
      assert.equal(staffPhoto.headers['cache-control'], 'no-store');
      assert.equal(mine.headers['cache-control'], 'no-store');
      const thumb = await t.app.inject({ url: `/api/v1/public/report-photos/${photoId}/thumb` });
      assert.equal(thumb.headers['content-type'], 'image/webp');
    });

    test('staff after-photos are written to the store and deleted from it', async () => {
      const kit = await reportKit(t);
      const report = await kit.file(await kit.newCitizen());
      const admin = await login(t.app, ADMIN.username, ADMIN.password);
      const officer = await createStaff(t.app, admin, {
        username: `officer-${driver}`,
        role: 'agency_officer',
        agencyId: await agencyId(t.database, 'ubnd-24133'),
      });
      const staff = (method: 'POST' | 'DELETE', url: string, photo?: Buffer) =>
        t.app.inject({
          method,
          url: `/api/v1/staff/reports/${report.code}${url}`,
          headers: photo ? { ...officer.headers, 'content-type': 'image/jpeg' } : officer.headers,
          ...(photo ? { payload: photo } : method === 'POST' ? { payload: {} } : {}),
        });
      const accepted = await staff('POST', '/accept');
      assert.equal(accepted.statusCode, 200, accepted.body);
      const added = await staff('POST', '/photos', kit.jpeg);
      assert.equal(added.statusCode, 200, added.body);
      const after = added.json().photos.find((p: { kind: string }) => p.kind === 'after');
      const row = await t.database.db
        .selectFrom('report_photos')
        .select(['file_key', 'thumb_key'])
        .where('id', '=', after.id)
        .executeTakeFirstOrThrow();
      assert.equal(await store.exists(row.file_key), true);
      assert.equal(await store.exists(row.thumb_key), true);
      const shown = await t.app.inject({
        url: `/api/v1/staff/report-photos/${after.id}/thumb`,
        headers: officer.headers,
      });
      assert.equal(shown.statusCode, 200);
      const deleted = await staff('DELETE', `/photos/${after.id}`);
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.equal(await store.exists(row.file_key), false);
      assert.equal(await store.exists(row.thumb_key), false);
    });

    test('a store that fails answers 503 STORAGE_UNAVAILABLE, and serves again once it is back', {
      skip: driver === 'local' && 'the S3 store only: a failing local disk is not simulated',
    }, async () => {
      const photo = (await upload(await makeJpeg())).json();
      for (const mode of [{ kind: 'stall' }, { kind: 'error500' }] as const) {
        s3Fails(mode);
        const read = await t.app.inject({ url: `/api/v1/me/report-photos/${photo.id}/full`, headers: auth });
        assert.equal(read.statusCode, 503, `${mode.kind}: ${read.body}`);
        assert.equal(read.json().error.code, 'STORAGE_UNAVAILABLE');
        assert.match(read.json().error.message, /Kho lưu trữ ảnh/);
        const write = await upload(await makeJpeg());
        assert.equal(write.statusCode, 503, `${mode.kind}: ${write.body}`);
        assert.equal(write.json().error.code, 'STORAGE_UNAVAILABLE');
      }
      s3Fails({ kind: 'pass' });
      const back = await t.app.inject({ url: `/api/v1/me/report-photos/${photo.id}/full`, headers: auth });
      assert.equal(back.statusCode, 200);
      assert.equal((await upload(await makeJpeg())).statusCode, 201);
    });

    test('a write killed midway is never served; the sweep removes what it and other orphans left', async () => {
      const kept = (await upload(await makeJpeg())).json();
      const keptRow = await t.database.db
        .selectFrom('report_photos')
        .select(['file_key', 'thumb_key'])
        .where('id', '=', kept.id)
        .executeTakeFirstOrThrow();
      // An upload killed after writing its files but before its row: files no row names.
      const lost = randomUUID();
      await store.put(`report-photos/${lost}.jpg`, await makeJpeg(), 'image/jpeg');
      await store.put(`report-photos/${lost}-thumb.webp`, Buffer.from('RIFF'), 'image/webp');
      const leftovers = [`report-photos/${lost}.jpg`, `report-photos/${lost}-thumb.webp`];

      if (driver === 'local') {
        // A process killed (SIGKILL) in the middle of writing a photo: half the bytes reached the disk.
        const killed = randomUUID();
        const key = `report-photos/${killed}.jpg`;
        const root = t.config.storage.driver === 'local' ? t.config.storage.dir : '';
        const child = spawn(process.execPath, [CHILD, root, key, String(4 * 1024 * 1024)], {
          stdio: 'inherit',
        });
        const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
          child.on('exit', (c, s) => resolve([c, s])),
        );
        assert.deepEqual([code, signal], [null, 'SIGKILL']);
        assert.equal(await store.exists(key), false, 'the final name never holds half a file');
        assert.equal(await store.get(key), null);
        const names = await readdir(path.join(root, 'report-photos'));
        const temp = names.filter((n) => n.startsWith(`.${killed}.jpg.`) && n.endsWith('.tmp'));
        assert.equal(temp.length, 1, 'the killed write left its temporary file');
        assert.equal((await stat(path.join(root, 'report-photos', temp[0]!))).size, 2 * 1024 * 1024);
        leftovers.push(`report-photos/${temp[0]}`);
        const served = await t.app.inject({ url: `/api/v1/me/report-photos/${killed}/full`, headers: auth });
        assert.equal(served.statusCode, 404);
      }

      const present = async () => {
        const keys = new Set<string>();
        for await (const file of store.list('report-photos/')) keys.add(file.key);
        return keys;
      };
      for (const key of leftovers) assert.ok((await present()).has(key), key);

      // The files' own clock (the file system's), also when the process clock is faked.
      const written = await fileSystemNow();
      clock.set(written);
      assert.equal(await t.app.services.reportPhotos.sweepOrphanFiles(), 0, 'within the grace period');
      clock.set(new Date(written.getTime() + ORPHAN_FILE_GRACE_MS + 60_000));
      assert.equal(await t.app.services.reportPhotos.sweepOrphanFiles(), leftovers.length);
      const after = await present();
      for (const key of leftovers) assert.ok(!after.has(key), `${key} swept`);
      assert.ok(after.has(keptRow.file_key) && after.has(keptRow.thumb_key), 'files a row names stay');
      const still = await t.app.inject({ url: `/api/v1/me/report-photos/${kept.id}/full`, headers: auth });
      assert.equal(still.statusCode, 200);
      assert.equal(await t.app.services.reportPhotos.sweepOrphanFiles(), 0, 'a second run finds nothing');
    });
  });
