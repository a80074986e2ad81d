import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearerTokenOf } from './access.ts';

describe('bearerTokenOf', () => {
  const of = (authorization?: string) => bearerTokenOf({ headers: authorization ? { authorization } : {} });

  test('takes the token of a citizen bearer header', () => {
    const token = 'aZ09_-'.repeat(7);
    assert.equal(of(`Bearer ${token}`), token);
  });

  test('anything else is no token: missing, another scheme, too short or long, odd characters', () => {
    for (const header of [
      undefined,
      'Basic dXNlcjpwYXNzd29yZC1sb25nLWVub3VnaA==',
      'Bearer short',
      `Bearer ${'a'.repeat(101)}`,
      `Bearer ${'a'.repeat(30)}.x`,
      `bearer ${'a'.repeat(30)}`,
      `Bearer  ${'a'.repeat(30)}`,
    ])
      assert.equal(of(header), undefined, String(header));
  });
});
