/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PlanningImport } from '@dltt/contracts';
import {
  defaultCrs,
  guessMapping,
  isWarning,
  layerOf,
  missingRequired,
  stepOfStatus,
  toMapping,
} from './planning.domain.ts';

const NONE = { zone: {}, parcel: {} };

describe('guessMapping', () => {
  test('reads the common Vietnamese column names of a zoning file, whatever their case and separators', () => {
    const mapping = guessMapping(
      'zone',
      ['OBJECTID', 'Ma_Dat', 'TEN', 'DienTich', 'MATDO', 'TANG_CAO'],
      NONE,
    );
    assert.deepEqual(mapping, {
      code: 'Ma_Dat',
      name: 'TEN',
      function: '',
      areaM2: 'DienTich',
      densityPct: 'MATDO',
      maxFloors: 'TANG_CAO',
      maxHeightM: '',
      setback: '',
      note: '',
    });
  });

  test('prefers MDSD to KyHieu for the land-use code, and folds diacritics in column names', () => {
    const mapping = guessMapping('zone', ['KyHieu', 'MDSD', 'Diện tích'], NONE);
    assert.equal(mapping.code, 'MDSD');
    assert.equal(mapping.areaM2, 'Diện tích');
  });

  test('a cadastral layer maps parcel keys', () => {
    const mapping = guessMapping('parcel', ['MAXA', 'SOTO', 'SOTHUA', 'DIENTICH', 'LOAIDAT'], NONE);
    assert.equal(mapping.communeCode, 'MAXA');
    assert.equal(mapping.sheet, 'SOTO');
    assert.equal(mapping.parcelNo, 'SOTHUA');
    assert.equal(mapping.landType, 'LOAIDAT');
    assert.deepEqual(missingRequired('parcel', mapping), []);
  });

  test('the remembered mapping wins when the file still has the column, and is dropped when it has not', () => {
    const remembered = { zone: { code: 'LOAI', name: 'GONE' }, parcel: {} };
    const mapping = guessMapping('zone', ['LOAI', 'MDSD', 'TEN'], remembered);
    assert.equal(mapping.code, 'LOAI');
    assert.equal(mapping.name, 'TEN');
  });

  test('a file without a code column leaves the required field missing', () => {
    const mapping = guessMapping('zone', ['FID', 'X'], NONE);
    assert.deepEqual(missingRequired('zone', mapping), ['code']);
  });
});

test('toMapping keeps only the chosen columns, under the dataset layer', () => {
  assert.deepEqual(toMapping('zone', { code: 'MDSD', name: '' }), { zone: { code: 'MDSD' }, parcel: {} });
  assert.deepEqual(toMapping(layerOf('cadastral'), { sheet: 'SOTO' }), {
    zone: {},
    parcel: { sheet: 'SOTO' },
  });
});

test('the wizard step follows the import status', () => {
  assert.equal(stepOfStatus('uploaded'), 'settings');
  assert.equal(stepOfStatus('running'), 'check');
  assert.equal(stepOfStatus('queued'), 'check');
  assert.equal(stepOfStatus('failed'), 'report');
  assert.equal(stepOfStatus('published'), 'report');
});

test('defaultCrs: the file own system, else WGS84 for GeoJSON and VN-2000 TM-3 108°30′ for a Shapefile', () => {
  const base = {
    crs: null,
    detected: { format: 'shapefile', crsFromFile: null },
  } as unknown as PlanningImport;
  assert.equal(defaultCrs(base), 'EPSG:9218');
  assert.equal(defaultCrs({ ...base, detected: { ...base.detected, format: 'geojson' } }), 'EPSG:4326');
  assert.equal(
    defaultCrs({ ...base, detected: { ...base.detected, crsFromFile: 'EPSG:3405' } }),
    'EPSG:3405',
  );
});

test('issue severity as the server counts it: repairs, unknown codes, outside the province, bad numbers warn', () => {
  for (const kind of ['repaired_geometry', 'unknown_code', 'outside_province', 'bad_number'] as const)
    assert.equal(isWarning(kind), true, kind);
  for (const kind of [
    'invalid_geometry',
    'not_polygon',
    'missing_code',
    'missing_parcel_key',
    'unreadable_file',
  ] as const)
    assert.equal(isWarning(kind), false, kind);
});
