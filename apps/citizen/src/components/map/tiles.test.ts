/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MapTiles } from '@dltt/contracts';
import {
  fromScreen,
  MAX_ZOOM,
  maxZoomOf,
  project,
  toScreen,
  unproject,
  type View,
  viewBbox,
  visibleTiles,
  zoomStep,
} from './tiles.ts';

/** The Gudermannian of π/4 in degrees: the latitude an eighth of the world map's height above the equator. */
const EIGHTH_LAT = 40.97989806962013;

const near = (actual: number, expected: number, within = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= within, `${actual} is not ${expected}`);

const osm: MapTiles = {
  url: 'https://{s}.tile.example/{z}/{x}/{y}.png',
  subdomains: ['a', 'b', 'c'],
  maxZoom: 17,
  attribution: '© OpenStreetMap',
  attributionUrl: null,
};

describe('map tiles: Web Mercator', () => {
  test('the equator and the prime meridian sit in the middle of the world at every zoom', () => {
    assert.deepEqual(project({ lat: 0, lng: 0 }, 0), { x: 128, y: 128 });
    assert.deepEqual(project({ lat: 0, lng: 0 }, 3), { x: 1024, y: 1024 });
    assert.equal(project({ lat: 0, lng: -180 }, 2).x, 0);
    assert.equal(project({ lat: 0, lng: 90 }, 2).x, 768);
    near(project({ lat: EIGHTH_LAT, lng: 0 }, 2).y, 1024 / 2 - 1024 / 8, 1e-6);
  });

  test('unproject undoes project (Buôn Ma Thuột at street zoom)', () => {
    const place = { lat: 12.6667, lng: 108.0383 };
    const { x, y } = project(place, 16);
    const back = unproject(x, y, 16);
    near(back.lat, place.lat);
    near(back.lng, place.lng);
  });

  test('latitudes stop short of the poles and longitudes wrap round the date line', () => {
    const pole = project({ lat: 90, lng: 0 }, 0);
    assert.ok(Number.isFinite(pole.y) && pole.y < 0, `y ${pole.y}`);
    assert.equal(unproject(128, -1000, 0).lat, 85);
    assert.equal(unproject(128, 1000, 0).lat, -85);
    assert.equal(unproject(256 * 1.25, 128, 0).lng, -90);
    assert.equal(unproject(-64, 128, 0).lng, 90);
  });
});

describe('map tiles: the window', () => {
  const view: View = { center: { lat: 0, lng: 0 }, zoom: 2, width: 256, height: 256 };

  test('toScreen puts the centre in the middle and a place east by a tile width one tile right', () => {
    assert.deepEqual(toScreen(view, view.center), { x: 128, y: 128 });
    const east = toScreen(view, { lat: 0, lng: 90 });
    assert.deepEqual(east, { x: 384, y: 128 });
    const north = toScreen(view, { lat: EIGHTH_LAT, lng: -45 });
    near(north.x, 0);
    near(north.y, 0, 1e-6);
  });

  test('fromScreen reads back the place under a pixel', () => {
    const corner = fromScreen(view, 0, 0);
    near(corner.lng, -45);
    near(corner.lat, EIGHTH_LAT, 1e-9);
  });

  test('viewBbox is minLng,minLat,maxLng,maxLat with 5 decimals', () => {
    assert.equal(viewBbox(view), '-45.00000,-40.97990,45.00000,40.97990');
    const street: View = { center: { lat: 12.6667, lng: 108.0383 }, zoom: 16, width: 320, height: 340 };
    const [minLng, minLat, maxLng, maxLat] = viewBbox(street).split(',').map(Number);
    // 320 px at zoom 16: 320 / (256 × 2^16) of 360°.
    near((maxLng ?? 0) - (minLng ?? 0), (320 / (256 * 2 ** 16)) * 360, 2e-5);
    assert.ok((minLat ?? 0) < 12.6667 && 12.6667 < (maxLat ?? 0));
  });

  test('visibleTiles covers the window, marks the central tile and wraps x round the date line', () => {
    const tiles = visibleTiles({ center: { lat: 0, lng: 0 }, zoom: 1, width: 256, height: 256 }, osm);
    assert.deepEqual(
      tiles.map(({ key, x, y, central }) => ({ key, x, y, central })),
      [
        { key: '0/0', x: -128, y: -128, central: false },
        { key: '1/0', x: 128, y: -128, central: false },
        { key: '0/1', x: -128, y: 128, central: false },
        { key: '1/1', x: 128, y: 128, central: true },
      ],
    );
    assert.equal(tiles[0]?.url, 'https://a.tile.example/1/0/0.png');
    assert.equal(tiles[3]?.url, 'https://c.tile.example/1/1/1.png');

    // Centred on the date line: the column right of it (x = 2) is column 0 again.
    const dateLine = visibleTiles({ center: { lat: 0, lng: 180 }, zoom: 1, width: 256, height: 10 }, osm);
    assert.deepEqual(
      dateLine.map((t) => [t.key, t.url]),
      [
        ['1/0', 'https://b.tile.example/1/1/0.png'],
        ['2/0', 'https://a.tile.example/1/0/0.png'],
        ['1/1', 'https://c.tile.example/1/1/1.png'],
        ['2/1', 'https://b.tile.example/1/0/1.png'],
      ],
    );
  });

  test('no tiles beyond the poles', () => {
    // Centred near the top of the world: the upper half of the window (row -1) is above the pole.
    const top = visibleTiles({ center: { lat: 85, lng: 0 }, zoom: 0, width: 256, height: 256 }, osm);
    assert.deepEqual(
      top.map((t) => t.key),
      ['0/0', '1/0'],
    );
  });
});

describe('map tiles: zoom', () => {
  test('the tile service limits how far a map zooms in, never beyond the maps’ own limit', () => {
    assert.equal(maxZoomOf(osm), 17);
    assert.equal(maxZoomOf({ ...osm, maxZoom: 22 }), MAX_ZOOM);
    assert.equal(MAX_ZOOM, 19);
    assert.equal(maxZoomOf(null), MAX_ZOOM);
    assert.equal(maxZoomOf('failed'), MAX_ZOOM);
  });

  test('a step in or out stays within the limits', () => {
    assert.equal(zoomStep(12, 1, 8, 17), 13);
    assert.equal(zoomStep(12, -1, 8, 17), 11);
    assert.equal(zoomStep(17, 1, 8, 17), 17);
    assert.equal(zoomStep(8, -1, 8, 17), 8);
    assert.equal(zoomStep(18, 1, 8, 17), 17);
  });
});
