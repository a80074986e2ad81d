// A 12-megapixel phone photo leaves the phone small (issue 11): picked in the report form, it is shrunk in the
// browser to a 1600 px JPEG before the upload, turned upright from its EXIF orientation (a portrait photo held
// sideways stays portrait), with its GPS position still readable by the server; a small photo goes as it is, one
// the browser cannot decode goes whole (the server judges it); the console's after-photo is shrunk the same way.
// Prints the bytes that docs/BENCHMARKS.md records.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StaffReport, UploadedPhoto } from '@dltt/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { StaffApi } from '../support/api.ts';
import {
  browserUnavailable,
  launchBrowser,
  newContext,
  unexpectedErrors,
  visit,
  watchPageErrors,
} from '../support/browser.ts';
import { makePhonePhoto, PHONE_PHOTO } from '../support/phone-photo.ts';
import { BMT, CATEGORY } from '../support/places.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const MAX_UPLOAD = 600 * 1024;
/** The slow mobile link of issue 11. */
const LINK_BITS_PER_SECOND = 400_000;
const GPS = { lat: BMT.latitude, lng: BMT.longitude };

/**
 * Chromium neither shows nor counts the body of a request that streams a picked file (it does for a shrunk photo,
 * made in memory), so the page notes the size of each Blob it sends, by XMLHttpRequest (the citizen app) or by
 * fetch (the console), in `window.sentBlobSizes`.
 */
async function noteSentBlobs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sizes: number[] = [];
    Object.assign(window, { sentBlobSizes: sizes });
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
      if (body instanceof Blob) sizes.push(body.size);
      return send.call(this, body);
    };
    const originalFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.body instanceof Blob) sizes.push(init.body.size);
      return originalFetch(input, init);
    };
  });
}

describe('a phone photo is shrunk before it is uploaded', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  let file: string;
  let original: Buffer;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'dltt-photo-'));
    original = await makePhonePhoto(GPS);
    file = path.join(dir, 'IMG_20260301_081500.jpg');
    await writeFile(file, original);
    context = await newContext(browser, 'phone', server.baseUrl);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('4000×3000, EXIF orientation 6: uploaded as 1200×1600, upright, under 600 kB, GPS kept', async () => {
    const meta = await sharp(original).metadata();
    assert.equal(meta.width, PHONE_PHOTO.sensorWidth);
    assert.equal(meta.orientation, 6);

    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await visit(page, '/reports/new');
    await page.getByRole('button', { name: CATEGORY }).click();
    await page.getByRole('heading', { level: 2, name: 'Chụp ảnh hiện trường' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    const picked = Date.now();
    const uploadRequest = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/report-photos',
    );
    await (await chooser).setFiles([file]);
    const request = await uploadRequest;
    const shrinkMs = Date.now() - picked;
    const response = await request.response();
    assert.ok(response, 'the upload was answered');
    assert.equal(response.status(), 201);
    const stored = (await response.json()) as UploadedPhoto;
    await page.getByText('Đã tải lên').waitFor();

    // What left the phone: the body as sent.
    const body = request.postDataBuffer();
    assert.ok(body, 'the upload body is visible to the browser');
    const sizes = await request.sizes();
    assert.equal(sizes.requestBodySize, body.length);
    assert.ok(body.length < MAX_UPLOAD, `uploaded ${body.length} bytes`);
    assert.equal(request.headers()['content-type'], 'image/jpeg');
    const sent = await sharp(body).metadata();
    assert.equal(sent.format, 'jpeg');
    assert.deepEqual([sent.width, sent.height], [1200, 1600], 'long edge 1600, portrait');
    assert.ok((sent.orientation ?? 1) === 1, `the pixels are upright (orientation ${sent.orientation})`);
    // Upright means the red band the camera recorded on the sensor's left edge is at the top.
    // (stats() reads its input, not the result of extract(): the strip is cut out first.)
    const band = async (top: number) => {
      const strip = await sharp(body).extract({ left: 0, top, width: 1200, height: 40 }).png().toBuffer();
      const { channels } = await sharp(strip).stats();
      return { red: channels[0]?.mean ?? 0, green: channels[1]?.mean ?? 0 };
    };
    const top = await band(10);
    assert.ok(top.red > 150 && top.green < 90, `top is red: ${JSON.stringify(top)}`);
    const bottom = await band(1540);
    assert.ok(bottom.red < 150, `bottom is not: ${JSON.stringify(bottom)}`);

    // What the server kept: the same size (it only re-encodes), and the GPS position from the EXIF kept by the shrink.
    assert.deepEqual([stored.width, stored.height], [1200, 1600]);
    assert.ok(stored.exifLocation, 'the server still read the camera position');
    assert.ok(
      Math.abs(stored.exifLocation.lat - GPS.lat) < 1e-3 &&
        Math.abs(stored.exifLocation.lng - GPS.lng) < 1e-3,
    );

    // So the next step still offers the place the photo was taken.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vị trí sự việc' }).waitFor();
    await page.getByRole('button', { name: 'Dùng vị trí lúc chụp ảnh' }).waitFor();
    assert.deepEqual(unexpectedErrors(errors, []), []);

    const seconds = (bytes: number) => (bytes * 8) / LINK_BITS_PER_SECOND;
    console.log(
      [
        `original  ${original.length} bytes (${PHONE_PHOTO.sensorWidth}×${PHONE_PHOTO.sensorHeight}, q${PHONE_PHOTO.quality}, orientation 6)`,
        `uploaded  ${body.length} bytes (${sent.width}×${sent.height}), ${((1 - body.length / original.length) * 100).toFixed(1)} % saved`,
        `at 400 kbps: ${seconds(original.length).toFixed(1)} s -> ${seconds(body.length).toFixed(1)} s (${seconds(original.length - body.length).toFixed(1)} s saved)`,
        `pick to upload start (shrink in Chromium, this machine): ${shrinkMs} ms`,
      ].join('\n'),
    );
    await page.close();
  });

  /** Opens the photo step of a new report on a fresh phone, picks `picked`, and returns the upload as sent. */
  const pickOnNewReport = async (picked: string) => {
    // A phone of its own: the form keeps the last one's draft (its photo) on the phone it was written on.
    const phone = await newContext(browser, 'phone', server.baseUrl);
    const page = await phone.newPage();
    await noteSentBlobs(page);
    const errors = watchPageErrors(page);
    await page.goto('/reports/new');
    await page.getByRole('button', { name: CATEGORY }).click();
    await page.getByRole('heading', { level: 2, name: 'Chụp ảnh hiện trường' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn ảnh có sẵn' }).click();
    const uploadRequest = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/report-photos',
    );
    await (await chooser).setFiles([picked]);
    const request = await uploadRequest;
    const response = await request.response();
    assert.ok(response, 'the upload was answered');
    const sent = (await page.evaluate('window.sentBlobSizes')) as number[];
    return { page, errors, sent, response, close: () => phone.close() };
  };

  test('a photo already small and within 1600 px is sent as it was picked', async () => {
    const small = await sharp({
      create: { width: 1600, height: 1200, channels: 3, background: { r: 40, g: 120, b: 90 } },
    })
      // Quality 100: re-encoding it at 0.8 would make it smaller, so only the size check keeps it as it is.
      .jpeg({ quality: 100 })
      .toBuffer();
    const picked = path.join(dir, 'anh-nho.jpg');
    await writeFile(picked, small);
    const { page, errors, sent, response, close } = await pickOnNewReport(picked);
    assert.equal(response.status(), 201);
    assert.deepEqual(sent, [small.length], 'the file as picked');
    await page.getByText('Đã tải lên').waitFor();
    assert.deepEqual(unexpectedErrors(errors, []), []);
    await close();
  });

  test('a photo the phone cannot decode goes as it is, and the server says what is wrong', async () => {
    // JPEG's first bytes, then noise: the browser cannot draw it, so it is not shrunk but sent whole.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(700 * 1024)]);
    const picked = path.join(dir, 'anh-hong.jpg');
    await writeFile(picked, broken);
    const { page, errors, sent, response, close } = await pickOnNewReport(picked);
    assert.deepEqual(sent, [broken.length], 'the file as picked');
    assert.equal(response.status(), 400);
    await page.getByText('Không đọc được ảnh này, vui lòng chụp hoặc chọn ảnh khác.').waitFor();
    assert.deepEqual(
      unexpectedErrors(errors, [{ status: 400, method: 'POST', path: '/api/v1/report-photos' }]),
      [],
    );
    await close();
  });

  test("the console's after-photo is shrunk too", async () => {
    const password = 'staff-password-123';
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    await admin.addStaff({
      username: 'can-bo-anh',
      fullName: 'Nguyễn Văn Ảnh',
      role: 'agency_officer',
      agencyId: await admin.communeCommittee('24133'),
      password,
    });
    const officer = await new StaffApi(server.baseUrl).login('can-bo-anh', password);
    // A report filed through the API (the form is the first test's), accepted by the officer of its ward.
    const api = async <T>(apiPath: string, init: RequestInit): Promise<T> => {
      const res = await fetch(`${server.baseUrl}/api/v1${apiPath}`, init);
      assert.ok(res.ok, `${apiPath}: ${res.status} ${await res.clone().text()}`);
      return (await res.json()) as T;
    };
    const { token } = await api<{ token: string }>('/citizen/session', { method: 'POST' });
    const auth = { authorization: `Bearer ${token}` };
    const before = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#557755' } })
      .jpeg()
      .toBuffer();
    const uploaded = await api<UploadedPhoto>('/report-photos', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      body: new Uint8Array(before),
    });
    const categories = await api<{ id: string; code: string }[]>('/categories', {});
    const { code } = await api<{ code: string }>('/reports', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        categoryId: categories.find((c) => c.code === 'ha-tang-do-thi')?.id,
        photoIds: [uploaded.id],
        location: { lat: GPS.lat, lng: GPS.lng, accuracy: 12, source: 'gps' },
        description: 'Cột đèn trên đường Lê Duẩn bị nghiêng, có nguy cơ đổ xuống lòng đường.',
        consent: true,
      }),
    });
    await officer.call('POST', `/staff/reports/${code}/accept`, {});

    const desk = await newContext(browser, 'desktop', server.baseUrl);
    try {
      const page = await desk.newPage();
      await noteSentBlobs(page);
      const errors = watchPageErrors(page);
      await page.goto('/console/');
      await page.getByLabel('Tên đăng nhập', { exact: true }).fill('can-bo-anh');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trang chủ' }).waitFor();
      await page.goto(`/console/reports/${code}`);
      await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${code}/photos`),
      );
      await page.getByLabel('Thêm ảnh sau xử lý').setInputFiles(file);
      const response = await answered;
      assert.equal(response.status(), 200);
      const report = (await response.json()) as StaffReport;
      const after = report.photos.filter((photo) => photo.kind === 'after');
      assert.deepEqual(
        after.map((photo) => [photo.width, photo.height]),
        [[1200, 1600]],
      );
      const sent = (await page.evaluate('window.sentBlobSizes')) as number[];
      assert.equal(sent.length, 1);
      assert.ok((sent[0] ?? Number.POSITIVE_INFINITY) < MAX_UPLOAD, `uploaded ${sent[0]} bytes`);
      // The sign-in page first asks whether a session exists: 401 until signed in.
      const signIn = { status: 401, method: 'GET', path: '/api/v1/auth/session' } as const;
      assert.deepEqual(unexpectedErrors(errors, [signIn]), []);
    } finally {
      await desk.close();
    }
  });
});
