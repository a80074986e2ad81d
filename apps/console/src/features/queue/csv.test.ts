/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toCsv } from './csv.ts';

const BOM = '\uFEFF';

describe('CSV export', () => {
  test('RFC 4180: quotes, commas and line breaks are quoted; numbers and nulls as data', () => {
    assert.equal(
      toCsv([
        ['Lĩnh vực', 'Số lượt', 'Chờ TB (phút)'],
        ['Hộ tịch, chứng thực', 12, 3.456],
        ['Đất "đai"', 0, null],
        ['hai\r\ndòng', -2.5, 7],
      ]),
      `${BOM}Lĩnh vực,Số lượt,Chờ TB (phút)\r\n"Hộ tịch, chứng thực",12,3.46\r\n"Đất ""đai""",0,\r\n"hai\r\ndòng",-2.5,7\r\n`,
    );
  });

  test('a text a spreadsheet would run as a formula is written as text (leading apostrophe)', () => {
    const risky = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1,2'];
    assert.equal(
      toCsv([risky]),
      `${BOM}"'=HYPERLINK(""http://x"",""y"")",'+1+1,'-2+3,'@SUM(A1),'\t=1,"'\r=1","'=1,2"\r\n`,
    );
    // Only the first character matters; inside a text these are ordinary characters.
    assert.equal(toCsv([['a=b', 'Quầy 1 - sáng', 'x@y.vn']]), `${BOM}a=b,Quầy 1 - sáng,x@y.vn\r\n`);
  });
});
