// The text rule lives in packages/contracts (no Node types there); its tests run here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { disallowedCharacter, xmlSafe } from '@dltt/contracts';
import { notXmlChars } from '../testing/xml.ts';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

test('every C0 control but tab, line feed and carriage return is refused, and DEL and C1', () => {
  for (let code = 0; code < 0x20; code++) {
    const expected = [0x09, 0x0a, 0x0d].includes(code) ? null : hex(code);
    assert.equal(disallowedCharacter(`a${String.fromCharCode(code)}b`), expected, hex(code));
  }
  for (let code = 0x7f; code <= 0x9f; code++)
    assert.equal(disallowedCharacter(String.fromCharCode(code)), hex(code));
  assert.equal(disallowedCharacter('\uFFFE'), 'U+FFFE');
  assert.equal(disallowedCharacter('\uFFFF'), 'U+FFFF');
});

test('lone surrogates are refused; pairs (emoji) and the text people type are not', () => {
  assert.equal(disallowedCharacter('x\uD800'), 'U+D800');
  assert.equal(disallowedCharacter('\uDC00x'), 'U+DC00');
  assert.equal(disallowedCharacter('\uDC00\uD800'), 'U+DC00', 'a pair in the wrong order is two lone halves');
  for (const text of [
    'Đèn đường trước số 12 Lê Duẩn bị tắt ba đêm nay.\r\n\tỞ Buôn Ma Thuột 🚧',
    '\u200Fمرحبا\u200E, zero\u200Dwidth, nbsp\u00A0here',
    '',
  ])
    assert.equal(disallowedCharacter(text), null, text);
});

test('xmlSafe leaves only characters of the XML 1.0 Char production', () => {
  let all = '';
  for (let code = 0; code < 0x100; code++) all += String.fromCharCode(code);
  all += '\uD800 \uDFFF \uFFFE \uFFFF 🚧 \uFFFD';
  const safe = xmlSafe(all);
  assert.deepEqual(
    notXmlChars(safe).map((c) => hex(c.codePointAt(0) ?? -1)),
    [],
  );
  assert.ok(safe.includes('🚧'));
  // 29 C0 controls, two lone surrogates, FFFE and FFFF each became one U+FFFD, beside the one already there.
  assert.equal([...safe].filter((c) => c === '\uFFFD').length, 29 + 2 + 2 + 1);
});
