/**
 * What a citizen typed, made fit for the public: Vietnamese phone numbers written into a description or a "not
 * fixed" note are cut to their first three digits (0905 123 456 → 090*******). Names cannot be recognised this way;
 * the form asks people not to write them, and the dispatcher sees the text before publishing.
 */
const PHONE = /(?<![\d+])(?:\+84|84|0)(?:[\s.-]?\d){9}(?!\d)/g;

export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 3)}`;
  });
}
