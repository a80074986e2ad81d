/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mercatorPixelSize as pixelSize, planningViewportTooLarge } from '@dltt/contracts/map-tiles';
import type { Bbox } from '../../components/map/tiles.ts';
import { bboxContains, bboxParam, overlayBbox } from './viewport.ts';

/** A phone's view of Buôn Ma Thuột at zoom 15 (about 360 × 600 px). */
const VIEW: Bbox = [108.0331, 12.6598, 108.0409, 12.6727];

describe('planning overlay: the bbox asked for', () => {
  test('covers the view with half a view to spare on each side', () => {
    const [w, s, e, n] = overlayBbox(VIEW, 15);
    const [vw, vs, ve, vn] = VIEW;
    assert.ok(w <= vw - (ve - vw) / 2 && e >= ve + (ve - vw) / 2, `${w}..${e}`);
    assert.ok(s <= vs - (vn - vs) / 2 && n >= vn + (vn - vs) / 2, `${s}..${n}`);
    assert.ok(bboxContains([w, s, e, n], VIEW));
  });

  test('snaps to a grid of half-tile cells, so a small pan asks for the same bbox', () => {
    const cell = 180 / 2 ** 15;
    const asked = overlayBbox(VIEW, 15);
    for (const edge of asked) {
      const cells = edge / cell;
      assert.ok(Math.abs(cells - Math.round(cells)) < 1e-6, `${edge} is not on the grid`);
    }
    const nudged: Bbox = [VIEW[0] + 0.00002, VIEW[1] + 0.00002, VIEW[2] + 0.00002, VIEW[3] + 0.00002];
    assert.deepEqual(overlayBbox(nudged, 15), asked);
    assert.equal(bboxParam(overlayBbox(nudged, 15)), bboxParam(asked));
  });

  test('a pan of a whole view asks for another bbox, and back again for the first one', () => {
    const width = VIEW[2] - VIEW[0];
    const east: Bbox = [VIEW[0] + width, VIEW[1], VIEW[2] + width, VIEW[3]];
    assert.notDeepEqual(overlayBbox(east, 15), overlayBbox(VIEW, 15));
    assert.deepEqual(overlayBbox([...VIEW], 15), overlayBbox(VIEW, 15));
  });

  test('a phone view at street zoom stays within the server limit; a tablet-sized view is asked for unpadded', () => {
    assert.equal(planningViewportTooLarge(overlayBbox(VIEW, 15), 15), false);
    // About 1000 × 1300 px at zoom 16: padded by half a view it would be about 2000 × 2600 px.
    const tablet: Bbox = [108.03, 12.66, 108.0515, 12.6982];
    const view = pixelSize(tablet, 16);
    assert.ok(view.width > 900 && view.height > 1200, JSON.stringify(view));
    const asked = overlayBbox(tablet, 16);
    assert.equal(planningViewportTooLarge(asked, 16), false);
    assert.ok(bboxContains(asked, tablet));
  });

  test('a desktop screen gets its whole view; a larger one than the server draws gets its middle, within the limit', () => {
    const at = (px: number, py: number, zoom: number): Bbox => {
      const w = (px * 360) / (256 * 2 ** zoom);
      const h = w * (py / px) * Math.cos((12.7 * Math.PI) / 180);
      return [108.03 - w / 2, 12.7 - h / 2, 108.03 + w / 2, 12.7 + h / 2];
    };
    const fullHd = at(1920, 1080, 16);
    const asked = overlayBbox(fullHd, 16);
    assert.equal(planningViewportTooLarge(asked, 16), false);
    assert.ok(bboxContains(asked, fullHd));
    const wall = at(3840, 2160, 16);
    const middle = overlayBbox(wall, 16);
    assert.equal(planningViewportTooLarge(middle, 16), false);
    assert.ok(bboxContains(wall, middle));
    assert.ok(pixelSize(middle, 16).width > 2000, JSON.stringify(pixelSize(middle, 16)));
  });

  test('pixelSize: 360° is the world width at zoom 0; one degree of longitude at zoom 16', () => {
    assert.ok(Math.abs(pixelSize([-180, -1, 180, 1], 0).width - 256) < 1e-9);
    assert.ok(Math.abs(pixelSize([108, 12, 109, 12.001], 16).width - (256 * 2 ** 16) / 360) < 1e-6);
  });

  test('stays within the world', () => {
    assert.deepEqual(overlayBbox([-179.9, -84.9, 179.9, 84.9], 2), [-180, -85, 180, 85]);
  });

  test('bboxParam writes plain decimals the API accepts (no exponent, at most 7 decimals)', () => {
    const text = bboxParam([108.00000001, 12.6598123456, 108.0409, 0.0000001]);
    assert.equal(text, '108,12.6598123,108.0409,0.0000001');
    assert.match(bboxParam(overlayBbox(VIEW, 15)), /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/);
  });
});
