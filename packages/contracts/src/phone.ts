/**
 * The one rule for Vietnamese phone numbers: what a form accepts (reports, bookings, Open311's `phone`) and what
 * the public-text masker finds in free text are the same definition, so a number the server takes can never be
 * published unrecognised. No zod here: the citizen app imports this file directly (a few hundred bytes).
 *
 * Numbering plan since the 2017 landline and 2018 mobile changes: after the trunk prefix 0 (or the country code
 * 84 / +84), a mobile number is 9 digits starting 3, 5, 7, 8 or 9; a landline is 10 digits starting 2 (area code
 * 2x or 2xx, e.g. 0262 for Đắk Lắk). Hotlines 1800/1900 are not people's numbers and are left alone.
 */

export type PhoneKind = 'mobile' | 'landline';

const PLAN: readonly { kind: PhoneKind; first: string; length: number }[] = [
  { kind: 'mobile', first: '35789', length: 9 },
  { kind: 'landline', first: '2', length: 10 },
];

// Between two digits people type nothing, a space, a dot or a dash (at most two), or a bracket closing or opening
// an area code: "0905 333 444", "0905.333.444", "(0262) 385 2123", "(+84) 905-333-444".
const SEP = String.raw`(?:[ \t.\-]{0,2}|[ \t]*[()][ \t]*)`;
// "84" without "+" directly before digits grouped by dots is a sum of money ("84.500.000.000 đồng"), not a phone.
const PREFIX = String.raw`(?:(?<country>\+[ \t]?84${SEP}|84(?:[ \t]?|[ \t]*\)[ \t]*))|0)`;
const NATIONAL = PLAN.map((p) => `[${p.first}](?:${SEP}\\d){${p.length - 1}}`).join('|');
// Not the tail or head of a longer number or code: no digit, "+", or digit then "." / "-" just before
// (PA-2026-0905…, 108.0378…), and no digit or "." / "-" then digit right after. A space then a digit may follow
// ("gọi 0905333444 2 lần"): better a masked phone than a published one.
const PHONE_IN_TEXT = String.raw`(?<!\d|\+|\d[.\-])(?:\([ \t]*)?${PREFIX}(?:${NATIONAL})(?!\d|[.\-]\d)`;

export interface FoundPhone {
  /** Offsets in the text: text.slice(start, end) is the number as typed. */
  start: number;
  end: number;
  /** The number in its national form: 0 + digits ("0905333444", "02623852123"). */
  national: string;
  kind: PhoneKind;
}

function nationalOf(typed: string, withCountryCode: boolean): { national: string; kind: PhoneKind } | null {
  const nsn = typed.replace(/\D/g, '').slice(withCountryCode ? 2 : 1);
  const plan = PLAN.find((p) => nsn.length === p.length && p.first.includes(nsn[0] ?? ''));
  return plan ? { national: `0${nsn}`, kind: plan.kind } : null;
}

/** Every Vietnamese phone number written in a text, in order. */
export function findPhoneNumbers(text: string): FoundPhone[] {
  const found: FoundPhone[] = [];
  for (const m of text.matchAll(new RegExp(PHONE_IN_TEXT, 'g'))) {
    const parsed = nationalOf(m[0], m.groups?.country !== undefined);
    if (parsed) found.push({ start: m.index, end: m.index + m[0].length, ...parsed });
  }
  return found;
}

/** The national form (0 + digits) of a text that is one phone number and nothing else; null otherwise. */
export function parsePhoneNumber(text: string): { national: string; kind: PhoneKind } | null {
  const trimmed = text.trim();
  const [only] = findPhoneNumbers(trimmed);
  return only && only.start === 0 && only.end === trimmed.length
    ? { national: only.national, kind: only.kind }
    : null;
}

export function isVietnamesePhone(text: string): boolean {
  return parsePhoneNumber(text) !== null;
}
