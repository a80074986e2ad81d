/**
 * The XML 1.0 `Char` production, written out from the specification for tests: independent of the code under
 * test (`xmlSafe` and the text rule in packages/contracts/src/text.ts).
 */
export function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** The characters of `text` that XML 1.0 cannot carry (none for valid XML text). */
export const notXmlChars = (text: string): string[] =>
  [...text].filter((ch) => !isXmlChar(ch.codePointAt(0) ?? -1));
