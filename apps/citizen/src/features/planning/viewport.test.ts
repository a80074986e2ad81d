/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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

  test('stays within the world', () => {
    assert.deepEqual(overlayBbox([-179.9, -84.9, 179.9, 84.9], 2), [-180, -85, 180, 85]);
  });

  test('bboxParam writes plain decimals the API accepts (no exponent, at most 7 decimals)', () => {
    const text = bboxParam([108.00000001, 12.6598123456, 108.0409, 0.0000001]);
    assert.equal(text, '108,12.6598123,108.0409,0.0000001');
    assert.match(bboxParam(overlayBbox(VIEW, 15)), /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/);
  });
});
