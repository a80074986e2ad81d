import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closedReason, isoWeekday, openDays, slotsOfDay } from './schedule.ts';

const WEEKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, starts_min: 7 * 60, ends_min: 11 * 60 + 30 },
  { weekday, starts_min: 13 * 60 + 30, ends_min: 17 * 60 },
]);
const SATURDAY_MORNING = [...WEEKDAYS, { weekday: 6, starts_min: 7 * 60 + 30, ends_min: 11 * 60 }];

describe('centre schedule', () => {
  test('weekdays open, weekends closed, holidays and closures closed with their reason', () => {
    const holidays = new Map([['2026-09-02', false]]);
    assert.equal(isoWeekday('2026-09-05'), 6);
    assert.equal(closedReason('2026-09-03', WEEKDAYS, holidays, new Set()), null);
    assert.equal(closedReason('2026-09-02', WEEKDAYS, holidays, new Set()), 'holiday');
    assert.equal(closedReason('2026-09-05', WEEKDAYS, holidays, new Set()), 'weekend');
    assert.equal(closedReason('2026-09-03', WEEKDAYS, holidays, new Set(['2026-09-03'])), 'closure');
  });

  test('a desk with Saturday sessions opens on Saturdays, not on a Saturday holiday', () => {
    assert.equal(closedReason('2026-09-05', SATURDAY_MORNING, new Map(), new Set()), null);
    assert.equal(slotsOfDay('2026-09-05', SATURDAY_MORNING, new Map(), 30).length, 7);
    assert.equal(
      closedReason('2026-09-05', SATURDAY_MORNING, new Map([['2026-09-05', false]]), new Set()),
      'holiday',
    );
  });

  test('a weekend day swapped into a working day (làm bù) works like a Monday', () => {
    const swapped = new Map([['2026-09-05', true]]);
    assert.equal(closedReason('2026-09-05', WEEKDAYS, swapped, new Set()), null);
    const slots = slotsOfDay('2026-09-05', WEEKDAYS, swapped, 15);
    assert.equal(slots.length, 18 + 14);
    assert.equal(slots[0]?.startsAt.toISOString(), '2026-09-05T00:00:00.000Z', '07:00 in Vietnam');
  });

  test('slots that do not fit a session are dropped; open days skip closed ones', () => {
    const odd = [{ weekday: 4, starts_min: 8 * 60, ends_min: 9 * 60 + 20 }];
    assert.equal(slotsOfDay('2026-09-03', odd, new Map(), 30).length, 2);
    const days = openDays(
      new Date('2026-08-31T01:00:00Z'),
      5,
      (d) => closedReason(d, WEEKDAYS, new Map([['2026-09-02', false]]), new Set()) === null,
    );
    assert.deepEqual(days, ['2026-08-31', '2026-09-01', '2026-09-03', '2026-09-04', '2026-09-07']);
  });
});
