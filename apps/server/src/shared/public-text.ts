import { findPhoneNumbers } from '@dltt/contracts';

/**
 * The one gate for words that reach the public: every public output of a report (the app's list, detail, nearby
 * and followed reports, followers' notifications, Open311 requests, notes and updates, JSON and XML alike) passes
 * its description, address, notes and answer through `publicText`.
 *
 * Phone numbers (the same rule the forms validate with, @dltt/contracts phone.ts) keep their first three digits
 * in national form: "(0262) 385 2123" → "026********". E-mail addresses keep the first letter of the name and of
 * the domain and the last label: "nguyenvana@gmail.com" → "n***@g***.com" (a family domain would name the person).
 * Names cannot be recognised in free text: the form asks people not to write them, and the dispatcher reads the
 * text before publishing; the contact fields (name, e-mail, phone, ids) are never published at all.
 */
export function publicText(text: string): string {
  return maskPhoneNumbers(maskEmails(text));
}

export function publicTextOrNull(text: string | null): string | null {
  return text === null ? null : publicText(text);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*)\.(\p{L}{2,})/gu;

export function maskEmails(text: string): string {
  return text.replace(EMAIL, (match, domain: string, tld: string) => {
    return `${[...match][0]}***@${[...domain][0]}***.${tld}`;
  });
}

export function maskPhoneNumbers(text: string): string {
  let out = '';
  let from = 0;
  for (const phone of findPhoneNumbers(text)) {
    out += `${text.slice(from, phone.start)}${phone.national.slice(0, 3)}${'*'.repeat(phone.national.length - 3)}`;
    from = phone.end;
  }
  return out + text.slice(from);
}
