/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeParcelKeyPart } from './constants.ts';
import { PlanningParcelQuery, PlanningPointQuery } from './planning.ts';

test('a sheet or parcel number: leading zeros, spaces and case do not make another parcel', () => {
  assert.equal(normalizeParcelKeyPart(' 05 '), '5');
  assert.equal(normalizeParcelKeyPart('0'), '0');
  assert.equal(normalizeParcelKeyPart('12a'), '12A');
  assert.equal(normalizeParcelKeyPart('PL-03'), 'PL-03');
  assert.deepEqual(PlanningParcelQuery.parse({ communeCode: '24133', sheet: '012', parcelNo: '045' }), {
    communeCode: '24133',
    sheet: '12',
    parcelNo: '45',
  });
});

test('a point lookup with an empty coordinate is refused, not read as 0', () => {
  assert.equal(PlanningPointQuery.safeParse({ lat: '', lon: '108' }).success, false);
  assert.equal(PlanningPointQuery.safeParse({ lat: '12.7', lon: ' ' }).success, false);
  assert.deepEqual(PlanningPointQuery.parse({ lat: '12.7', lon: '108.03' }), { lat: 12.7, lon: 108.03 });
  assert.equal(PlanningPointQuery.safeParse({ lat: '91', lon: '108' }).success, false);
});
