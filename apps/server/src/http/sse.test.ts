import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { manualClock } from '../clock.ts';
import { ADMIN, agencyId, login, startTestApp, type TestContext } from '../testing/harness.ts';
import { openSse } from '../testing/sse.ts';

// The Zalo Mini App runs on Zalo's hosts and opens the live streams cross-origin (issue 10, item 12).
const ZALO_ORIGINS = ['https://h5.zdn.vn', 'https://h5.zadn.vn'];

describe('http: Server-Sent Events keep the headers every answer carries', () => {
  // A Thursday morning in Vietnam, while the centre is open.
  const clock = manualClock(new Date('2026-09-03T08:00:00+07:00'));
  let t: TestContext;
  let base: string;
  let centreId: string;
  let fieldId: string;

  const walkIn = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/centres/${centreId}/tickets`,
      payload: { fieldId },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ id: string; display: string }>();
  };

  before(async () => {
    t = await startTestApp({ clock, env: { CORS_ORIGINS: ZALO_ORIGINS.join(',') } });
    const admin = await login(t.app, ADMIN.username, ADMIN.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/centres',
      headers: admin.headers,
      payload: {
        code: 'ttpvhcc-sse',
        name: 'Trung tâm thử luồng trực tiếp',
        agencyId: await agencyId(t.database, 'ttpvhcc-tinh'),
        sessions: [4].map((weekday) => ({ weekday, start: '07:00', end: '17:00' })),
        fields: [{ code: 'ho-tich', name: 'Hộ tịch', letter: 'A', capacity: 5 }],
        counters: [{ number: 1, fieldCodes: ['ho-tich'] }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    centreId = res.json().id;
    fieldId = res.json().fields[0].id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  for (const origin of ZALO_ORIGINS) {
    test(`from ${origin}, the board and the live ticket streams answer with CORS and send their events`, async () => {
      const ticket = await walkIn();
      const streams = [
        { url: `${base}/api/v1/public/centres/${centreId}/board/stream`, event: 'board' },
        { url: `${base}/api/v1/public/tickets/${ticket.id}/stream`, event: 'ticket' },
      ];
      for (const { url, event } of streams) {
        const sse = await openSse(url, { origin, 'x-request-id': 'zalo-live-0001' });
        try {
          const h = sse.response.headers;
          assert.equal(sse.response.status, 200);
          assert.equal(h.get('access-control-allow-origin'), origin, url);
          assert.match(h.get('access-control-expose-headers') ?? '', /x-request-id/);
          assert.equal(h.get('x-request-id'), 'zalo-live-0001', 'the request id reaches the stream too');
          assert.equal(h.get('x-content-type-options'), 'nosniff', 'security headers stay on');
          assert.equal(h.get('content-type'), 'text/event-stream; charset=utf-8');
          assert.equal(h.get('cache-control'), 'no-cache, no-transform');
          await sse.waitFor((e) => e.event === event);
          // A change after the stream opened arrives as a second event.
          const before = sse.events.length;
          await walkIn();
          await sse.waitFor((e) => e.event === event && sse.events.indexOf(e) >= before);
        } finally {
          await sse.close();
        }
      }
    });
  }

  test('an origin that is not configured gets no CORS permission on a stream', async () => {
    const sse = await openSse(`${base}/api/v1/public/centres/${centreId}/board/stream`, {
      origin: 'https://evil.example',
    });
    try {
      assert.equal(sse.response.status, 200);
      assert.equal(sse.response.headers.get('access-control-allow-origin'), null);
    } finally {
      await sse.close();
    }
  });
});
