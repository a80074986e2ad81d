/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from './api-error.ts';
import { placeServerError } from './form-errors.ts';

const taken = new ApiError(409, 'USERNAME_TAKEN', 'Tên đăng nhập đã có người dùng.');
const invalid = new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', [
  { path: 'body.normal.resolveHours', message: 'Tối đa 2000.' },
  { path: 'body.2.values', message: 'Cần ít nhất một lựa chọn.' },
  { path: 'body', message: 'Thiếu dữ liệu.' },
  { path: 42, message: 'not a detail the server sends' },
  'nor this',
]);

describe('placing a failed save in a form', () => {
  test('a code that names a field goes beside that field only', () => {
    assert.deepEqual(
      placeServerError(taken, taken.message, { fieldOfCode: { USERNAME_TAKEN: 'username' } }),
      {
        fields: { username: 'Tên đăng nhập đã có người dùng.' },
        message: undefined,
        issues: [],
      },
    );
  });

  test('any other error goes above the form, with the message given', () => {
    const conflict = new ApiError(409, 'AGENCY_CODE_TAKEN', 'Mã đơn vị đã có.');
    assert.deepEqual(
      placeServerError(conflict, 'Mã đơn vị đã có.', { fieldOfCode: { USERNAME_TAKEN: 'username' } }),
      {
        fields: {},
        message: 'Mã đơn vị đã có.',
        issues: [],
      },
    );
    assert.deepEqual(placeServerError(new TypeError('Failed to fetch'), 'Không kết nối được máy chủ.', {}), {
      fields: {},
      message: 'Không kết nối được máy chủ.',
      issues: [],
    });
  });

  test('validation details are not listed unless the form asks for them', () => {
    assert.deepEqual(placeServerError(invalid, invalid.message, {}).issues, []);
  });

  test('details go beside the fields the form names, the rest are listed as "path: message"', () => {
    const known = new Set(['normal.resolveHours']);
    assert.deepEqual(
      placeServerError<string>(invalid, invalid.message, {
        fieldOfPath: (path) => (known.has(path) ? path : undefined),
      }),
      {
        fields: { 'normal.resolveHours': 'Tối đa 2000.' },
        message: 'Dữ liệu gửi lên không hợp lệ.',
        issues: ['2.values: Cần ít nhất một lựa chọn.', 'Thiếu dữ liệu.'],
      },
    );
  });

  test('a form may word the listed details itself (paths without "body.")', () => {
    const placed = placeServerError(invalid, invalid.message, {
      describeIssue: (path, message) => `[${path}] ${message}`,
    });
    assert.deepEqual(placed.issues, [
      '[normal.resolveHours] Tối đa 2000.',
      '[2.values] Cần ít nhất một lựa chọn.',
      '[] Thiếu dữ liệu.',
    ]);
    assert.equal(placed.message, 'Dữ liệu gửi lên không hợp lệ.');
  });

  test('a field named by its code wins over the details', () => {
    const both = new ApiError(400, 'USERNAME_TAKEN', 'Tên đăng nhập đã có người dùng.', [
      { path: 'body.username', message: 'x' },
    ]);
    assert.deepEqual(
      placeServerError(both, both.message, {
        fieldOfCode: { USERNAME_TAKEN: 'username' },
        describeIssue: (path, message) => `${path}: ${message}`,
      }),
      { fields: { username: 'Tên đăng nhập đã có người dùng.' }, message: undefined, issues: [] },
    );
  });
});
