/**
 * The one rule for characters in text we take from anyone (forms, Open311, staff input, query strings): no C0
 * control but tab, line feed and carriage return; no DEL or C1 control; no U+FFFE/U+FFFF; no lone surrogate.
 * Nobody types them; PostgreSQL cannot store NUL; most of them are not XML 1.0. Format characters people do use
 * (right-to-left marks, zero-width joiners) stay allowed. No zod here: cheap to import anywhere.
 */
// With the `u` flag a surrogate range only matches surrogates that are not part of a pair.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** The first disallowed character of `text` as "U+000B", or null when the text is clean. */
export function disallowedCharacter(text: string): string | null {
  const found = DISALLOWED.exec(text)?.[0];
  return found === undefined
    ? null
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters that XML 1.0 cannot carry at all (its `Char` production), for text stored before the rule above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `text` with each character XML 1.0 cannot carry replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}
