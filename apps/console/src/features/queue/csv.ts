/** A cell of a CSV file: text as it is, numbers with a dot (machine-readable), null as empty. */
export type CsvCell = string | number | null;

/**
 * What a spreadsheet would read as a formula (OWASP, CSV injection): a text starting with one of these is
 * written with a leading apostrophe, which Excel and LibreOffice show as plain text. Numbers we write ourselves
 * (a negative one starts with "-") stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  const text =
    typeof value === 'number'
      ? String(Math.round(value * 100) / 100)
      : FORMULA_START.test(value)
        ? `'${value}`
        : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 text (comma-separated, CRLF) with a UTF-8 byte order mark: without it Excel reads the file as the
 * Windows code page and Vietnamese letters come out garbled.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (no server round trip). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
