// The kiosk's camera where the browser has no BarcodeDetector (Chromium on Linux has none): the booking's QR code
// held to the camera is read by the ZXing chunk, which the kiosk loads only when the camera opens. Chromium's fake
// camera plays a video of the QR code, made here from the booking code the way the server draws it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Booking, CalendarDay, Centre, Slot } from '@dltt/contracts';
import { type Browser, chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { StaffApi } from '../support/api.ts';
import { browserUnavailable, expectAccessible, newContext, visit } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const skip = browserUnavailable();
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const WIDTH = 640;
const HEIGHT = 480;

/**
 * The booking's QR code as a hand holds it to the camera: a few frames, each turned a little, as a YUV4MPEG2 file
 * (what Chromium's fake camera plays, in a loop). A still picture would not do: ZXing's detector misses about
 * 2 codes in 100 in one given picture (the code's own modules confuse its finder search), while a frame turned
 * a few degrees reads — a real camera never gives the same frame twice, and neither does this video.
 */
function qrVideo(text: string): Buffer {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const size = modules.size;
  const scale = Math.floor((HEIGHT * 0.7) / (size + 8));
  const frame = (degrees: number): Buffer => {
    const angle = (degrees * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
    for (let py = 0; py < HEIGHT; py += 1)
      for (let px = 0; px < WIDTH; px += 1) {
        // The module under this pixel, turning the picture back by `degrees` around its centre.
        const dx = px - WIDTH / 2;
        const dy = py - HEIGHT / 2;
        const column = Math.floor((cos * dx + sin * dy) / scale + size / 2);
        const row = Math.floor((-sin * dx + cos * dy) / scale + size / 2);
        if (row >= 0 && column >= 0 && row < size && column < size && modules.get(row, column))
          luma[py * WIDTH + px] = 16;
      }
    const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
    return Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  };
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...[0, 4, -6, 9, -11, 15].map(frame)]);
}

describe('kiosk camera without BarcodeDetector', { skip: skip ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let centre: Centre;
  let videoDir = '';
  let code = '';

  before(async () => {
    server = await startServer();
    const admin = await new StaffApi(server.baseUrl).login('admin', await server.adminPassword());
    const today = vietnamToday();
    const days = await admin.call<CalendarDay[]>('GET', `/calendar-days?year=${today.slice(0, 4)}`);
    if (days.some((d) => d.day === today && !d.working))
      await admin.call('PUT', `/calendar-days/${today}`, { working: true, name: 'Ngày làm việc thử nghiệm' });
    centre = await admin.call<Centre>('POST', '/admin/centres', {
      code: 'kiosk-camera-e2e',
      name: 'Bộ phận một cửa (camera)',
      agencyId: await admin.communeCommittee('24133'),
      sessions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
      fields: [{ code: 'chung-thuc', name: 'Chứng thực', letter: 'C', slotMinutes: 5, capacity: 3 }],
      counters: [{ number: 1, fieldCodes: ['chung-thuc'] }],
    });
    const api = (p: string, init: RequestInit = {}) => fetch(`${server.baseUrl}/api/v1${p}`, init);
    const fieldId = centre.fields[0]!.id;
    const slot = (
      (await (await api(`/centres/${centre.id}/fields/${fieldId}/slots?day=${today}`)).json()) as Slot[]
    ).find((s) => s.remaining > 0);
    if (slot) {
      const session = (await (await api('/citizen/session', { method: 'POST' })).json()) as { token: string };
      const res = await api('/bookings', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'idempotency-key': 'kiosk-camera-e2e',
        },
        body: JSON.stringify({ fieldId, startsAt: slot.startsAt, name: 'Y Bih', phone: '0912345678' }),
      });
      assert.equal(res.status, 201, await res.clone().text());
      code = ((await res.json()) as Booking).code;
    }
    videoDir = await mkdtemp(path.join(tmpdir(), 'kiosk-camera-'));
    const video = path.join(videoDir, 'qr.y4m');
    // The booking's QR code holds its code and nothing else (bookings.service.ts, qrSvg).
    await writeFile(video, qrVideo(code || 'ABCDEFGH'));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (videoDir) await rm(videoDir, { recursive: true, force: true });
  });

  test('the booking QR held to the camera checks in, read by the lazily loaded decoder', async (t) => {
    if (!code) return t.skip('no slot left today (the journey runs in the last minutes before midnight)');
    const context = await newContext(browser, 'desktop', server.baseUrl, {
      viewport: { width: 1080, height: 1600 },
      permissions: ['camera'],
    });
    const kiosk = await context.newPage();
    const decoderLoads: string[] = [];
    kiosk.on('request', (r) => {
      if (/\/assets\/qr-decode-[\w-]+\.js$/.test(r.url())) decoderLoads.push(r.url());
    });
    await visit(kiosk, `/console/kiosk/${centre.id}`);
    assert.equal(
      await kiosk.evaluate(() => 'BarcodeDetector' in window),
      false,
      'a browser without BarcodeDetector',
    );
    await kiosk.getByRole('button', { name: /^Tôi có lịch hẹn/ }).click();
    assert.deepEqual(decoderLoads, [], 'the decoder is not loaded before the camera opens');
    await kiosk.getByRole('button', { name: 'Quét mã QR' }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Số thứ tự của bạn' }).waitFor({ timeout: 20_000 });
    await kiosk.getByText('C001', { exact: true }).waitFor();
    assert.equal(decoderLoads.length, 1, 'the decoder chunk was loaded once, when the camera opened');
    await expectAccessible(kiosk, 'ticket after a camera scan');
  });
});
