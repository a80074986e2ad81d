import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskEmails, maskPhoneNumbers, publicText } from './public-text.ts';

test('phone numbers a citizen typed are masked, other numbers are not', () => {
  assert.equal(
    maskPhoneNumbers('Người báo: Bảy 0905333444, gọi giúp'),
    'Người báo: Bảy 090*******, gọi giúp',
  );
  assert.equal(maskPhoneNumbers('ĐT 0905 333 444.'), 'ĐT 090*******.');
  assert.equal(maskPhoneNumbers('ĐT 0905.333.444'), 'ĐT 090*******');
  assert.equal(maskPhoneNumbers('gọi +84905333444'), 'gọi 090*******');
  assert.equal(maskPhoneNumbers('Cột đèn số 12, hẻm 45/7, năm 2026'), 'Cột đèn số 12, hẻm 45/7, năm 2026');
  assert.equal(
    maskPhoneNumbers('mã 12345678901234'),
    'mã 12345678901234',
    'a longer digit run is not a phone',
  );
});

test('landlines are masked in every way they are written', () => {
  for (const typed of [
    '02623852123',
    '(0262) 385 2123',
    '+84 262 385 2123',
    '0262.385.2123',
    '84 262 3852 123',
  ])
    assert.equal(maskPhoneNumbers(`Bàn: ${typed}.`), 'Bàn: 026********.', typed);
});

test('report codes, dates, prices, coordinates and house numbers stay as written', () => {
  const text =
    'Trùng PA-2026-000123 (PA-2026-123), ngày 07/12/2026, giá 1.500.000 đồng, 84.500.000.000 đồng, ' +
    'tại 12.6807, 108.0378, số 12/3, tổng đài 1900 1234.';
  assert.equal(publicText(text), text);
});

test('e-mail addresses are cut to their first letters', () => {
  assert.equal(maskEmails('Liên hệ nguyen.van.a@gmail.com nhé'), 'Liên hệ n***@g***.com nhé');
  assert.equal(maskEmails('thư: Bay_Tran+pa@so-tnmt.daklak.gov.vn.'), 'thư: B***@s***.vn.');
  assert.equal(maskEmails('địa chỉ @ Lê Duẩn, a@b'), 'địa chỉ @ Lê Duẩn, a@b', 'no domain, not an address');
});

test('a phone inside an e-mail address does not leave digits behind', () => {
  assert.equal(publicText('0905333444@gmail.com và 0905333444'), '0***@g***.com và 090*******');
});
