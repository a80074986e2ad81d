import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingHours, isWorkingDay, vietnamDay, workingHoursBetween } from './working-time.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const none = new Map<string, boolean>();

describe('working-time arithmetic (Vietnam time, 07:30-11:30 and 13:00-17:00)', () => {
  test('within one morning', () => {
    assert.deepEqual(addWorkingHours(vn('2026-05-05T08:00:00'), 2, none), vn('2026-05-05T10:00:00'));
  });

  test('the lunch break does not count', () => {
    assert.deepEqual(addWorkingHours(vn('2026-05-05T11:00:00'), 1, none), vn('2026-05-05T13:30:00'));
    assert.deepEqual(addWorkingHours(vn('2026-05-05T12:00:00'), 1, none), vn('2026-05-05T14:00:00'));
  });

  test('across a weekend: Friday 16:00 + 2 h = Monday 08:30', () => {
    assert.deepEqual(addWorkingHours(vn('2026-05-08T16:00:00'), 2, none), vn('2026-05-11T08:30:00'));
  });

  test('sent on Friday evening: 8 working hours = all of Monday', () => {
    assert.deepEqual(addWorkingHours(vn('2026-05-08T19:45:00'), 8, none), vn('2026-05-11T17:00:00'));
    assert.deepEqual(
      addWorkingHours(vn('2026-05-09T10:00:00'), 3, none),
      vn('2026-05-11T10:30:00'),
      'Saturday',
    );
  });

  test('a swapped working Saturday counts, a holiday does not', () => {
    const exceptions = new Map([
      ['2026-05-09', true],
      ['2026-05-11', false],
    ]);
    assert.deepEqual(addWorkingHours(vn('2026-05-08T16:00:00'), 2, exceptions), vn('2026-05-09T08:30:00'));
    assert.deepEqual(addWorkingHours(vn('2026-05-09T16:00:00'), 2, exceptions), vn('2026-05-12T08:30:00'));
    assert.equal(isWorkingDay('2026-05-09', exceptions), true);
    assert.equal(isWorkingDay('2026-05-10', exceptions), false);
  });

  test('across Tết 2027: the official break (4-10 Feb) is skipped entirely', () => {
    // Giao thừa 5/2 and Tết 6/2 from the date-holidays library; the rest of the break added by the admin.
    const tet = new Map(
      ['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-08', '2027-02-09', '2027-02-10'].map((d) => [
        d,
        false,
      ]),
    );
    // Wednesday 3 Feb, 16:00: 1 h that day, then nothing until Thursday 11 Feb (8 h), then 7 h on Friday 12.
    const due = addWorkingHours(vn('2027-02-03T16:00:00'), 16, tet);
    assert.deepEqual(due, vn('2027-02-12T16:00:00'));
    assert.equal(workingHoursBetween(vn('2027-02-03T16:00:00'), due, tet), 16);
  });

  test('zero hours outside working time lands on the next session start', () => {
    assert.deepEqual(addWorkingHours(vn('2026-05-05T17:30:00'), 0, none), vn('2026-05-06T07:30:00'));
  });

  test('working hours between two instants skips nights, lunches and weekends', () => {
    assert.equal(workingHoursBetween(vn('2026-05-08T16:00:00'), vn('2026-05-11T08:30:00'), none), 2);
    assert.equal(workingHoursBetween(vn('2026-05-05T10:00:00'), vn('2026-05-05T09:00:00'), none), 0);
  });

  test('the Vietnam calendar day of an instant', () => {
    assert.equal(vietnamDay(new Date('2026-05-08T17:30:00Z')), '2026-05-09');
    assert.equal(vietnamDay(new Date('2026-05-08T16:59:59Z')), '2026-05-08');
  });

  test('negative hours are refused', () => {
    assert.throws(() => addWorkingHours(new Date(), -1, none), RangeError);
  });
});
