import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestContext } from '../../testing/harness.ts';

describe('site: run-time settings of the apps', () => {
  let t: TestContext;
  before(async () => {
    t = await startTestApp({
      env: {
        MAP_TILE_URL: 'https://{s}.tiles.example.vn/base/{z}/{x}/{y}.png',
        MAP_TILE_SUBDOMAINS: 'a,b,c',
        MAP_TILE_MAX_ZOOM: '17',
        MAP_ATTRIBUTION: '© Bản đồ thử nghiệm',
        MAP_ATTRIBUTION_URL: 'https://tiles.example.vn/ban-quyen',
      },
    });
  });
  after(() => t.close());

  test('GET /config gives the configured tile service, public and from any allowed origin', async () => {
    const res = await t.app.inject({ url: '/api/v1/config', headers: { origin: 'https://h5.zdn.vn' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      map: {
        url: 'https://{s}.tiles.example.vn/base/{z}/{x}/{y}.png',
        subdomains: ['a', 'b', 'c'],
        maxZoom: 17,
        attribution: '© Bản đồ thử nghiệm',
        attributionUrl: 'https://tiles.example.vn/ban-quyen',
      },
    });
    assert.equal(
      res.headers['access-control-allow-origin'],
      'https://h5.zdn.vn',
      'the Zalo app reads it too',
    );
  });

  test("the CSP allows images from the same setting's hosts, and not OpenStreetMap's any more", async () => {
    const csp = String((await t.app.inject('/api/v1/config')).headers['content-security-policy']);
    const img = /img-src ([^;]+)/.exec(csp)?.[1] ?? '';
    for (const host of ['a', 'b', 'c']) assert.ok(img.includes(`https://${host}.tiles.example.vn`), img);
    assert.ok(!img.includes('openstreetmap'), img);
  });
});
