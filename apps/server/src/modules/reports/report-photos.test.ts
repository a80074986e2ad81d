import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { manualClock } from '../../clock.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { makeJpeg, makePng } from '../../testing/photos.ts';

const HEIC = path.join(import.meta.dirname, 'fixtures/red-64x48.heic');

describe('report photos', () => {
  const clock = manualClock('2026-05-04T03:00:00Z');
  let t: TestContext;
  let auth: { authorization: string };
  const upload = (body: Buffer, contentType = 'image/jpeg', headers = auth) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/report-photos',
      headers: { ...headers, 'content-type': contentType },
      payload: body,
    });
  const newCitizen = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/session' });
    return { authorization: `Bearer ${res.json().token}` };
  };

  before(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_PUBLIC_WRITES: '1000' } });
    auth = await newCitizen();
  });
  after(() => t.close());

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
      Math.abs(photo.exifLocation.lat - 12.6807) < 1e-4 && Math.abs(photo.exifLocation.lng - 108.0378) < 1e-4,
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
    const other = await newCitizen();
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
    const gone = await t.app.inject({ url: `/api/v1/me/report-photos/${abandoned.id}/thumb`, headers: auth });
    assert.equal(gone.statusCode, 404);
  });
});
