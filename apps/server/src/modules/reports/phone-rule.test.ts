import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPhoneNumbers, isVietnamesePhone, parsePhoneNumber, VietnamesePhone } from '@dltt/contracts';

// The phone rule lives in @dltt/contracts (phone.ts), which has no Node types; its tests run here.

/** How people write the same two numbers: a Viettel mobile and an Đắk Lắk landline. */
const MOBILE_FORMS = [
  '0905333444',
  '0905 333 444',
  '0905.333.444',
  '0905-333-444',
  '090 5333 444',
  '+84905333444',
  '+84 905 333 444',
  '+84-905-333-444',
  '(+84) 905 333 444',
  '(84) 905 333 444',
  '84905333444',
  '84 905 333 444',
];
const LANDLINE_FORMS = [
  '02623852123',
  '0262 385 2123',
  '0262.385.2123',
  '0262-385-2123',
  '(0262) 385 2123',
  '(0262)3852123',
  '+84 262 385 2123',
  '+842623852123',
  '(+84) 262 3852 123',
  '84 262 385 2123',
];

test('every way of writing a mobile or a landline number is one phone, in national form', () => {
  for (const typed of MOBILE_FORMS)
    assert.deepEqual(parsePhoneNumber(typed), { national: '0905333444', kind: 'mobile' }, typed);
  for (const typed of LANDLINE_FORMS)
    assert.deepEqual(parsePhoneNumber(typed), { national: '02623852123', kind: 'landline' }, typed);
  // Hà Nội's area code has two digits: still 0 + 10 digits.
  assert.deepEqual(parsePhoneNumber('024 3825 1234'), { national: '02438251234', kind: 'landline' });
});

test('the contract accepts exactly what the masker finds in a text', () => {
  for (const typed of [...MOBILE_FORMS, ...LANDLINE_FORMS]) {
    const parsed = VietnamesePhone.safeParse(typed);
    assert.ok(parsed.success, typed);
    const inText = findPhoneNumbers(`Liên hệ ${typed}, cảm ơn`);
    assert.equal(inText.length, 1, typed);
    assert.equal(inText[0]?.national, parsed.data, typed);
  }
  for (const typed of ['0123456789', '01689123456', '0405333444', '1900 1234', '090533344', '09053334445']) {
    assert.equal(VietnamesePhone.safeParse(typed).success, false, typed);
    assert.deepEqual(findPhoneNumbers(`gọi ${typed} nhé`), [], typed);
  }
});

test('numbers that are not phones are not found', () => {
  for (const text of [
    'Mã phản ánh PA-2026-000123, PA-2026-123',
    'PA-2026-0905333444',
    'ngày 07/12/2026 lúc 08:30',
    'Ngày 2026-12-07',
    'giá 1.500.000 đồng, tổng 84.500.000.000 đồng',
    'tọa độ 12.6807, 108.0378',
    'vị trí 12.68070905333, 108.03782623852',
    'số 12/3 Lê Duẩn, hẻm 45/7',
    'căn cước 066090001234',
    'tài khoản 19036655123456',
    'Tổng đài 1900 1234 và 1800 1091',
  ]) {
    assert.deepEqual(findPhoneNumbers(text), [], text);
  }
});

test('several numbers in one text are each found where they are', () => {
  const text = 'ĐT:0905333444 hoặc bàn (0262) 385 2123; Zalo +84 912 345 678.';
  const found = findPhoneNumbers(text);
  assert.deepEqual(
    found.map((f) => [text.slice(f.start, f.end), f.national]),
    [
      ['0905333444', '0905333444'],
      ['(0262) 385 2123', '02623852123'],
      ['+84 912 345 678', '0912345678'],
    ],
  );
  assert.deepEqual(
    findPhoneNumbers('gọi 0905333444 2 lần').map((f) => f.national),
    ['0905333444'],
    'a number after a space does not hide the phone',
  );
  assert.equal(isVietnamesePhone(' 0905 333 444 '), true, 'spaces around are trimmed');
  assert.equal(isVietnamesePhone('0905 333 444 x'), false, 'a phone and something else is not a phone');
});

test('on random spellings, whatever the contract accepts is found whole in a sentence (and nothing else is)', () => {
  // A fixed-seed generator (mulberry32), so a failure names a spelling that fails again on the next run.
  let seed = 20_261_207;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const prefixes = ['0', '0', '84', '+84', '+84 ', '(+84) ', '(84) ', '(0', '', '1', '00', '+8'];
  const separators = ['', '', '', ' ', '.', '-', '  ', ') ', ' (', '--', '/', ','];
  let accepted = 0;
  for (let i = 0; i < 20_000; i++) {
    const length = pick([9, 9, 9, 10, 10, 10, 8, 11]);
    let typed = pick(prefixes);
    for (let d = 0; d < length; d++) {
      typed += String(d === 0 ? pick([2, 3, 5, 7, 8, 9, 1, 4, 6, 0]) : Math.floor(random() * 10));
      if (random() < 0.3) typed += pick(separators);
    }
    const contract = VietnamesePhone.safeParse(typed);
    const sentence = `Gọi ${typed} nhé`;
    const whole = findPhoneNumbers(sentence).filter((f) => sentence.slice(f.start, f.end) === typed.trim());
    if (contract.success) {
      accepted++;
      assert.equal(whole.length, 1, `accepted but not found whole: ${JSON.stringify(typed)}`);
      assert.equal(whole[0]?.national, contract.data, typed);
    } else {
      assert.equal(whole.length, 0, `found whole but refused: ${JSON.stringify(typed)}`);
    }
  }
  assert.ok(accepted > 1000, `the generator made ${accepted} valid spellings: too few to mean anything`);
});
