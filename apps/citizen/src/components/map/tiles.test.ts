/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MapTiles } from '@dltt/contracts';
import { getTileStatus, MAX_ZOOM, maxZoomOf, subscribeTileStatus, tileFailed, tileLoaded } from './tiles.ts';

// Node has a navigator without `onLine`; a browser that is online says so.
Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });

const osm: MapTiles = {
  url: 'https://{s}.tile.example/{z}/{x}/{y}.png',
  subdomains: ['a', 'b', 'c'],
  maxZoom: 17,
  attribution: '© OpenStreetMap',
  attributionUrl: null,
};

describe('map tiles', () => {
  test('the tile service limits how far a map zooms in, never beyond the maps’ own limit', () => {
    assert.equal(maxZoomOf(osm), 17);
    assert.equal(maxZoomOf({ ...osm, maxZoom: 22 }), MAX_ZOOM);
    assert.equal(MAX_ZOOM, 19);
    assert.equal(maxZoomOf(null), MAX_ZOOM);
    assert.equal(maxZoomOf('failed'), MAX_ZOOM);
  });

  test('the first answers decide whether tiles load; a failure after a success hides one tile only', () => {
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    assert.equal(getTileStatus(), 'failed', 'offline, no tile is asked for');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
    const seen: string[] = [];
    const stop = subscribeTileStatus(() => seen.push(getTileStatus()));
    assert.equal(getTileStatus(), 'unknown');
    tileLoaded();
    tileFailed();
    assert.equal(getTileStatus(), 'ok', 'one failing tile does not stop a server known to answer');
    assert.deepEqual(seen, ['ok']);
    stop();
    tileLoaded();
    assert.deepEqual(seen, ['ok'], 'no news after unsubscribing');
  });
});
