// Text encodings of a Shapefile's .dbf: what a .cpg names, and the iconv-lite decoder of each of ours.
import type { PlanningEncoding } from '@dltt/contracts';
import iconv from 'iconv-lite';

/**
 * The iconv-lite name of each encoding we offer. TCVN3 (ABC, the 8-bit Vietnamese standard of the .VnTime fonts)
 * is iconv-lite's `tcvn`; Windows-1258 decodes to combining marks, which `decodeText` composes (NFC).
 */
export const ICONV_NAMES: Record<PlanningEncoding, string> = {
  'utf-8': 'utf8',
  'windows-1258': 'windows1258',
  tcvn3: 'tcvn',
};

/** What .cpg files say, upper-cased and without spaces, dashes or underscores → ours. */
const CPG_NAMES: Record<string, PlanningEncoding> = {
  UTF8: 'utf-8',
  '65001': 'utf-8',
  '1258': 'windows-1258',
  CP1258: 'windows-1258',
  WINDOWS1258: 'windows-1258',
  ANSI1258: 'windows-1258',
  TCVN: 'tcvn3',
  TCVN3: 'tcvn3',
  TCVN57121: 'tcvn3',
};

/** The encoding a .cpg's text names, or null when it names none we read (the officer then chooses). */
export function encodingOfCpg(text: string): PlanningEncoding | null {
  const name = text
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  return CPG_NAMES[name] ?? null;
}

/** Bytes of a .dbf text field → text, composed (NFC) so the same words compare equal whatever the source. */
export function decodeText(bytes: Buffer, encoding: PlanningEncoding): string {
  return iconv.decode(bytes, ICONV_NAMES[encoding]).normalize('NFC');
}
