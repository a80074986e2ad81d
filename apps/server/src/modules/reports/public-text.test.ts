import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskPhoneNumbers } from './public-text.ts';

test('phone numbers a citizen typed are masked, other numbers are not', () => {
  assert.equal(
    maskPhoneNumbers('Người báo: Bảy 0905333444, gọi giúp'),
    'Người báo: Bảy 090*******, gọi giúp',
  );
  assert.equal(maskPhoneNumbers('ĐT 0905 333 444.'), 'ĐT 090*******.');
  assert.equal(maskPhoneNumbers('ĐT 0905.333.444'), 'ĐT 090*******');
  assert.equal(maskPhoneNumbers('gọi +84905333444'), 'gọi 849********');
  assert.equal(maskPhoneNumbers('Cột đèn số 12, hẻm 45/7, năm 2026'), 'Cột đèn số 12, hẻm 45/7, năm 2026');
  assert.equal(
    maskPhoneNumbers('mã 12345678901234'),
    'mã 12345678901234',
    'a longer digit run is not a phone',
  );
});
