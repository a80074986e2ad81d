import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mercatorPixelSize as pixelSize } from '@dltt/contracts';
import { decimalsFor, degreesOfPixels, fromPixel, simplifyForZoom, toPixel } from './viewport.ts';

describe('viewport maths', () => {
  test('pixels at a zoom: a round trip, and the size of a known box', () => {
    const p = toPixel(108.0378, 12.6807, 17);
    const [lon, lat] = fromPixel(p.x, p.y, 17);
    assert.ok(Math.abs(lon - 108.0378) < 1e-9 && Math.abs(lat - 12.6807) < 1e-9);
    // The whole world is 256 px wide at zoom 0, and 2^17 times that at zoom 17.
    assert.equal(toPixel(180, 0, 0).x, 256);
    const size = pixelSize([108, 12.6, 108 + (412 * 360) / (256 * 2 ** 17), 12.61], 17);
    assert.ok(Math.abs(size.width - 412) < 1e-6, `${size.width}`);
    // 0.01° of latitude near 12.6° N at z17: 0.01 / cos(12.6°) × 2^17 × 256 / 360 ≈ 954 px.
    assert.ok(Math.abs(size.height - 954.5) < 1, `${size.height}`);
    const two = degreesOfPixels(2, 17, 0);
    assert.ok(Math.abs(two.lon - (2 * 360) / (256 * 2 ** 17)) < 1e-15);
  });

  test('decimals: a tenth of a pixel, never more than the stored 7', () => {
    assert.equal(decimalsFor(17), 6);
    assert.equal(decimalsFor(12), 5);
    assert.equal(decimalsFor(22), 7);
  });

  test('simplification keeps rings closed, drops what shrinks below a triangle', () => {
    const ring = (w: number, s: number, e: number, n: number) => [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    // A 0.01° square with a 1e-6° hole (a tenth of a metre): the hole disappears at z14, the square stays.
    const out = simplifyForZoom(
      {
        type: 'Polygon',
        coordinates: [
          ring(108, 12, 108.01, 12.01),
          ring(108.005, 12.005, 108.000001 + 0.005, 12.005001).reverse(),
        ],
      },
      14,
    );
    assert.deepEqual(out, { type: 'Polygon', coordinates: [ring(108, 12, 108.01, 12.01)] });
    // A polygon smaller than a pixel is gone altogether.
    assert.equal(
      simplifyForZoom({ type: 'Polygon', coordinates: [ring(108, 12, 108.000001, 12.000001)] }, 12),
      null,
    );
    // Of a MultiPolygon, what stays stays.
    const multi = simplifyForZoom(
      {
        type: 'MultiPolygon',
        coordinates: [[ring(108, 12, 108.01, 12.01)], [ring(108.02, 12, 108.020001, 12.000001)]],
      },
      14,
    );
    assert.equal(multi?.type, 'Polygon');
  });
});
