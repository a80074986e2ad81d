/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Centre, ServiceField } from '@dltt/contracts';
import i18next from 'i18next';
import vi from '../../i18n/vi.json' with { type: 'json' };
import {
  type CentreDraft,
  type CounterDraft,
  coverageGaps,
  type FieldDraft,
  newCentreDraft,
  newCounter,
  newField,
  newSession,
  nextCounterNumber,
  saveOrder,
  toBody,
  toDraft,
  validateDraft,
} from './centre-form.ts';

// The console's own Vietnamese texts, so each check reads as the officer sees it.
const i18n = i18next.createInstance();
await i18n.init({ lng: 'vi', resources: { vi: { translation: vi } }, initAsync: false });
const t = i18n.t;

const AGENCY = { id: '00000000-0000-4000-8000-0000000000a1', name: 'UBND phường Buôn Ma Thuột' };

function field(overrides: Partial<FieldDraft>): FieldDraft {
  return { ...newField(), code: 'ho-tich', name: 'Hộ tịch', letter: 'A', ...overrides };
}

function storedField(code: string, letter: string, name = code): ServiceField {
  return {
    id: `00000000-0000-4000-8000-${letter.charCodeAt(0).toString().padStart(12, '0')}`,
    code,
    name,
    letter,
    slotMinutes: 15,
    capacity: null,
    active: true,
    procedures: null,
    remoteDailyCap: null,
  };
}

/** A valid new centre: the default week, one field and one counter serving it. */
function validDraft(): CentreDraft {
  const draft = newCentreDraft();
  const hoTich = field({});
  const counter: CounterDraft = { ...newCounter(1), fieldUids: [hoTich.uid] };
  return {
    ...draft,
    code: 'bmt-mot-cua',
    name: 'Bộ phận một cửa',
    agency: AGENCY,
    fields: [hoTich],
    counters: [counter],
  };
}

const STORED: Centre = {
  id: '00000000-0000-4000-8000-000000000c01',
  code: 'bmt-mot-cua',
  name: 'Bộ phận một cửa',
  address: '01 Lê Duẩn',
  location: { lat: 12.6797, lng: 108.0378 },
  agencyId: AGENCY.id,
  agencyName: AGENCY.name,
  bookingDays: 30,
  walkInInterleave: 3,
  active: true,
  sessions: [
    { weekday: 1, start: '13:30', end: '17:00' },
    { weekday: 1, start: '07:00', end: '11:30' },
    { weekday: 9, start: '07:00', end: '11:30' },
  ],
  fields: [
    { ...storedField('ho-tich', 'A', 'Hộ tịch'), capacity: 4, remoteDailyCap: 20, procedures: 'Khai sinh' },
    storedField('dat-dai', 'B', 'Đất đai'),
  ],
  counters: [
    {
      id: '00000000-0000-4000-8000-0000000000f2',
      number: 2,
      name: null,
      active: true,
      fieldCodes: ['dat-dai'],
    },
    {
      id: '00000000-0000-4000-8000-0000000000f1',
      number: 1,
      name: 'Quầy hộ tịch',
      active: false,
      fieldCodes: ['ho-tich', 'gone'],
    },
  ],
};

describe('centre form: a new centre', () => {
  test('starts with office hours Monday to Friday and the contract defaults', () => {
    const draft = newCentreDraft();
    const hours = (day: 1 | 2 | 3 | 4 | 5 | 6 | 7) => draft.sessions[day].map((s) => `${s.start}-${s.end}`);
    for (const day of [1, 2, 3, 4, 5] as const) assert.deepEqual(hours(day), ['07:00-11:30', '13:30-17:00']);
    assert.deepEqual(hours(6), []);
    assert.deepEqual(hours(7), []);
    assert.equal(draft.bookingDays, '14');
    assert.equal(draft.walkInInterleave, '2');
    assert.equal(draft.active, true);
  });

  test('an empty form names every required field', () => {
    assert.deepEqual(validateDraft(newCentreDraft(), undefined, t), {
      code: 'Từ 2 đến 64 ký tự: chữ thường không dấu, chữ số hoặc gạch ngang.',
      name: 'Vui lòng nhập thông tin này.',
      agency: 'Vui lòng chọn một giá trị.',
    });
  });

  test('a complete draft passes, and its body is what CentreBody takes', () => {
    const draft = { ...validDraft(), code: ' BMT-Mot-Cua ', address: '  ', lat: '12,6797', lng: ' 108.0378' };
    assert.deepEqual(validateDraft(draft, undefined, t), {});
    const body = toBody(draft, undefined);
    assert.equal(body.code, 'bmt-mot-cua');
    assert.equal(body.address, null);
    assert.deepEqual(body.location, { lat: 12.6797, lng: 108.0378 }, 'a decimal comma is read as a point');
    assert.equal(body.agencyId, AGENCY.id);
    assert.equal(body.bookingDays, 14);
    assert.equal(body.sessions.length, 10);
    assert.deepEqual(body.sessions[0], { weekday: 1, start: '07:00', end: '11:30' });
    assert.deepEqual(body.fields, [
      {
        code: 'ho-tich',
        name: 'Hộ tịch',
        letter: 'A',
        slotMinutes: 15,
        capacity: null,
        remoteDailyCap: null,
        active: true,
        procedures: null,
      },
    ]);
    assert.deepEqual(body.counters, [{ number: 1, name: null, active: true, fieldCodes: ['ho-tich'] }]);
  });
});

describe('centre form: the checks made before the server sees it', () => {
  test('coordinates: both or neither, in range', () => {
    const check = (lat: string, lng: string) => {
      const errors = validateDraft({ ...validDraft(), lat, lng }, undefined, t);
      return { lat: errors.lat, lng: errors.lng };
    };
    assert.deepEqual(check('', ''), { lat: undefined, lng: undefined });
    assert.deepEqual(check('12.5', ''), {
      lat: undefined,
      lng: 'Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.',
    });
    assert.deepEqual(check('91', '-181'), {
      lat: 'Vĩ độ là số thập phân từ -90 đến 90, ví dụ 12.6797.',
      lng: 'Kinh độ là số thập phân từ -180 đến 180, ví dụ 108.0378.',
    });
    assert.deepEqual(check('12.6.1', '108'), {
      lat: 'Vĩ độ là số thập phân từ -90 đến 90, ví dụ 12.6797.',
      lng: undefined,
    });
  });

  test('booking days and walk-in interleave are whole numbers within the contract', () => {
    const errors = validateDraft(
      { ...validDraft(), bookingDays: '61', walkInInterleave: '1.5' },
      undefined,
      t,
    );
    assert.equal(errors.bookingDays, 'Nhập số nguyên từ 1 đến 60.');
    assert.equal(errors.walkInInterleave, 'Nhập số nguyên từ 1 đến 20.');
    assert.deepEqual(
      validateDraft({ ...validDraft(), bookingDays: '60', walkInInterleave: ' 20 ' }, undefined, t),
      {},
    );
  });

  test('sessions: times as HH:MM, end after start, no overlap on the same day', () => {
    const draft = validDraft();
    const bad = newSession('7:00', '11:30');
    const backwards = newSession('14:00', '13:00');
    const first = newSession('07:00', '11:30');
    const overlapping = newSession('11:00', '12:00');
    const elsewhere = newSession('11:00', '12:00');
    const sessions = { ...draft.sessions, 1: [first, overlapping, bad, backwards], 2: [elsewhere] };
    const errors = validateDraft({ ...draft, sessions }, undefined, t);
    assert.equal(errors[`${bad.uid}:start`], 'Nhập giờ theo dạng giờ:phút, ví dụ 07:30.');
    assert.equal(errors[`${backwards.uid}:end`], 'Giờ kết thúc phải sau giờ bắt đầu.');
    assert.equal(errors[`${overlapping.uid}:start`], 'Ca này trùng giờ với ca 07:00–11:30 cùng ngày.');
    assert.equal(errors[`${first.uid}:start`], undefined);
    assert.equal(errors[`${elsewhere.uid}:start`], undefined, 'another day may use the same hours');
  });

  test('more than 28 sessions in a week is refused as a whole', () => {
    const draft = validDraft();
    const many = Array.from({ length: 29 }, (_, i) =>
      newSession(`${String(i % 24).padStart(2, '0')}:00`, '23:59'),
    );
    const errors = validateDraft(
      { ...draft, sessions: { ...draft.sessions, 1: [], 2: [], 3: [], 4: [], 5: [], 6: many } },
      undefined,
      t,
    );
    assert.equal(errors.sessions, 'Tối đa 28 ca trong một tuần.');
  });

  test('fields: code, name, one capital letter each, numbers within range', () => {
    const a = field({ code: 'ho-tich', letter: 'A' });
    const b = field({ code: 'Ho-Tich ', name: ' ', letter: 'a', slotMinutes: '4' });
    const c = field({ code: 'x', letter: 'A', capacityMode: 'fixed', capacity: '', remoteDailyCap: '1000' });
    const d = field({
      code: 'dat-dai',
      letter: 'D',
      procedures: 'x'.repeat(501),
      capacityMode: 'fixed',
      capacity: '100',
    });
    const errors = validateDraft({ ...validDraft(), fields: [a, b, c, d] }, undefined, t);
    assert.equal(
      errors[`${b.uid}:code`],
      'Mã lĩnh vực này trùng với lĩnh vực khác.',
      'codes compare as typed, trimmed, lower case',
    );
    assert.equal(errors[`${b.uid}:name`], 'Vui lòng nhập thông tin này.');
    assert.equal(errors[`${b.uid}:letter`], 'Nhập một chữ cái in hoa không dấu, từ A đến Z.');
    assert.equal(errors[`${b.uid}:slotMinutes`], 'Nhập số nguyên từ 5 đến 240.');
    assert.equal(errors[`${c.uid}:code`], 'Từ 2 đến 64 ký tự: chữ thường không dấu, chữ số hoặc gạch ngang.');
    assert.equal(errors[`${c.uid}:letter`], 'Chữ cái này đã dùng cho lĩnh vực khác.');
    assert.equal(errors[`${a.uid}:letter`], 'Chữ cái này đã dùng cho lĩnh vực khác.');
    assert.equal(errors[`${c.uid}:capacity`], 'Nhập số nguyên từ 1 đến 100.');
    assert.equal(errors[`${c.uid}:remoteDailyCap`], 'Nhập số nguyên từ 1 đến 999.');
    assert.equal(errors[`${d.uid}:procedures`], 'Tối đa 500 ký tự.');
    assert.equal(errors[`${d.uid}:capacity`], undefined);
  });

  test('a letter still held by a field taken out of the form is refused, with that field named', () => {
    const kept = field({ code: 'ho-tich', letter: 'A' });
    const newcomer = field({ code: 'cong-chung', letter: 'B' });
    const errors = validateDraft({ ...validDraft(), code: STORED.code, fields: [kept, newcomer] }, STORED, t);
    assert.equal(
      errors[`${newcomer.uid}:letter`],
      'Chữ cái này vẫn thuộc lĩnh vực đã bỏ “Đất đai”; chọn chữ cái khác hoặc thêm lại lĩnh vực đó.',
    );
    assert.equal(errors.code, undefined, 'a stored centre keeps its code: it is not checked again');
  });

  test('two stored fields swapping letters cannot be saved in one go', () => {
    const hoTich = field({ code: 'ho-tich', letter: 'B', saved: true });
    const datDai = field({ code: 'dat-dai', letter: 'A', saved: true });
    const errors = validateDraft({ ...validDraft(), fields: [hoTich, datDai] }, STORED, t);
    const swap =
      'Hai lĩnh vực không thể đổi chữ cái cho nhau trong một lần lưu: hãy đổi một lĩnh vực sang chữ cái chưa dùng, lưu, rồi đổi tiếp.';
    assert.equal(errors[`${hoTich.uid}:letter`], swap);
    assert.equal(errors[`${datDai.uid}:letter`], swap);
  });

  test('counters: numbers 1 to 999, each once; names up to 100 characters', () => {
    const one = { ...newCounter(1), number: '01' };
    const again = { ...newCounter(1), name: 'x'.repeat(101) };
    const zero = newCounter(0);
    const errors = validateDraft({ ...validDraft(), counters: [one, again, zero] }, undefined, t);
    assert.equal(
      errors[`${one.uid}:number`],
      'Số quầy này trùng với quầy khác.',
      '"01" and "1" are the same counter',
    );
    assert.equal(errors[`${again.uid}:number`], 'Số quầy này trùng với quầy khác.');
    assert.equal(errors[`${again.uid}:name`], 'Tối đa 100 ký tự.');
    assert.equal(errors[`${zero.uid}:number`], 'Nhập số nguyên từ 1 đến 999.');
  });
});

describe('centre form: a stored centre', () => {
  test('toDraft sorts sessions by start, drops unknown weekdays, and links counters to fields by code', () => {
    const draft = toDraft(STORED, AGENCY);
    assert.deepEqual(
      draft.sessions[1].map((s) => `${s.start}-${s.end}`),
      ['07:00-11:30', '13:30-17:00'],
    );
    assert.equal(Object.values(draft.sessions).flat().length, 2, 'weekday 9 is no day of the week');
    assert.equal(draft.lat, '12.6797');
    assert.equal(draft.bookingDays, '30');
    const [hoTich, datDai] = draft.fields;
    assert.ok(hoTich && datDai);
    assert.deepEqual(
      {
        saved: hoTich.saved,
        capacityMode: hoTich.capacityMode,
        capacity: hoTich.capacity,
        cap: hoTich.remoteDailyCap,
      },
      { saved: true, capacityMode: 'fixed', capacity: '4', cap: '20' },
    );
    assert.equal(datDai.capacityMode, 'counters');
    assert.deepEqual(
      draft.counters.map((c) => ({ number: c.number, name: c.name, active: c.active, fields: c.fieldUids })),
      [
        { number: '1', name: 'Quầy hộ tịch', active: false, fields: [hoTich.uid] },
        { number: '2', name: '', active: true, fields: [datDai.uid] },
      ],
    );
  });

  test('a stored centre sent back unchanged gives the same configuration', () => {
    const body = toBody(toDraft(STORED, AGENCY), STORED);
    assert.deepEqual(body.sessions, [
      { weekday: 1, start: '07:00', end: '11:30' },
      { weekday: 1, start: '13:30', end: '17:00' },
    ]);
    assert.deepEqual(
      body.fields.map((f) => [f.code, f.letter, f.capacity, f.remoteDailyCap, f.procedures]),
      [
        ['ho-tich', 'A', 4, 20, 'Khai sinh'],
        ['dat-dai', 'B', null, null, null],
      ],
    );
    assert.deepEqual(
      body.counters.map((c) => [c.number, c.name, c.active, c.fieldCodes]),
      [
        [1, 'Quầy hộ tịch', false, ['ho-tich']],
        [2, null, true, ['dat-dai']],
      ],
    );
  });
});

describe('centre form: the save order of fields', () => {
  test('a field taking the letter another gives up comes after it', () => {
    const stored = [storedField('ho-tich', 'A'), storedField('dat-dai', 'B')];
    const datDai = field({ code: 'dat-dai', letter: 'A' });
    const hoTich = field({ code: 'ho-tich', letter: 'C' });
    const { ordered, stuck } = saveOrder([datDai, hoTich], stored);
    assert.deepEqual(
      ordered.map((f) => f.code),
      ['ho-tich', 'dat-dai'],
    );
    assert.deepEqual(stuck, []);
    assert.deepEqual(
      toBody({ ...validDraft(), fields: [datDai, hoTich] }, { ...STORED, fields: stored }).fields.map(
        (f) => f.code,
      ),
      ['ho-tich', 'dat-dai'],
    );
  });

  test('a swap is stuck and sent last', () => {
    const stored = [storedField('ho-tich', 'A'), storedField('dat-dai', 'B'), storedField('thue', 'C')];
    const fields = [
      field({ code: 'ho-tich', letter: 'B' }),
      field({ code: 'dat-dai', letter: 'A' }),
      field({ code: 'thue', letter: 'C' }),
    ];
    const { ordered, stuck } = saveOrder(fields, stored);
    assert.deepEqual(
      ordered.map((f) => f.code),
      ['thue'],
    );
    assert.deepEqual(
      stuck.map((f) => f.code),
      ['ho-tich', 'dat-dai'],
    );
  });
});

describe('centre form: coverage and counter numbers', () => {
  test('coverageGaps names active fields no active counter serves and active counters with nothing to serve', () => {
    const served = field({ code: 'ho-tich', letter: 'A' });
    const unserved = field({ code: 'dat-dai', letter: 'B' });
    const retired = field({ code: 'thue', letter: 'C', active: false });
    const busy = { ...newCounter(1), fieldUids: [served.uid] };
    const idle = { ...newCounter(2), fieldUids: [retired.uid] };
    const closed = { ...newCounter(3), active: false, fieldUids: [unserved.uid] };
    const gaps = coverageGaps({
      ...validDraft(),
      fields: [served, unserved, retired],
      counters: [busy, idle, closed],
    });
    assert.deepEqual(
      gaps.fields.map((f) => f.code),
      ['dat-dai'],
    );
    assert.deepEqual(
      gaps.counters.map((c) => c.number),
      ['2'],
    );
  });

  test('nextCounterNumber is one more than the highest, 1 for none, never above 999', () => {
    assert.equal(nextCounterNumber([]), 1);
    assert.equal(nextCounterNumber([newCounter(3), { ...newCounter(0), number: 'x' }, newCounter(7)]), 8);
    assert.equal(nextCounterNumber([newCounter(999)]), 999);
  });
});
