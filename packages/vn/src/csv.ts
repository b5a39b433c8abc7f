import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { CONTROL_CHARACTER } from './text.ts';

// Spreadsheet files the way Vietnamese offices produce them: Excel's "CSV UTF-8" (with a BOM),
// plain "CSV" on a Vietnamese Windows (code page 1258), "Unicode Text" (UTF-16 with a BOM), Google
// Sheets and LibreOffice (UTF-8 without a BOM); commas, or semicolons where the decimal separator is
// a comma (vi-VN). Shared by stock import (api) and bank statements (packages/payments), so both read
// the same files the same way. Kept out of the package index (`@nongsan/vn/csv` only): iconv-lite
// has no place in the web bundle.

export type SpreadsheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The text of a spreadsheet export: the encoding from the byte-order mark, else UTF-8 if the bytes
 * are valid UTF-8, else Windows-1258. The BOM is dropped and the text is returned in Unicode NFC
 * (Windows-1258 writes most tone marks as separate combining characters; NFC puts them back on
 * their letters so the text compares and displays like any other).
 */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: SpreadsheetEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = decode(buffer);
  return { text: decoded.text.normalize('NFC'), encoding: decoded.encoding };
}

function decode(buffer: Buffer): { text: string; encoding: SpreadsheetEncoding } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: iconv.decode(buffer.subarray(2), 'utf16-be'), encoding: 'utf-16be' };
  }
  try {
    // Fatal: a byte sequence that is not UTF-8 means the file is in the legacy code page, and a
    // lenient decode would turn its Vietnamese letters into U+FFFD without a word.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'windows1258'), encoding: 'windows-1258' };
  }
}

/**
 * The separator of a CSV file, from its first line: the candidate that occurs most often outside
 * quotes (a title like "Chè, loại 1" inside quotes does not count). Comma when none occurs.
 */
export function sniffCsvDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  let best: CsvDelimiter = ',';
  for (const candidate of [';', '\t'] as const) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

export type SpreadsheetCsv = {
  encoding: SpreadsheetEncoding;
  delimiter: CsvDelimiter;
  /**
   * One entry per record, cells trimmed. `records[i]` is spreadsheet row `i + 1` (a quoted cell
   * spanning lines is still one row); blank lines are kept as `['']` so row numbers stay true.
   */
  records: string[][];
};

export class CsvReadError extends Error {
  override name = 'CsvReadError';
}

/**
 * Decodes and parses a CSV file from a spreadsheet (see decodeSpreadsheetText, sniffCsvDelimiter).
 * Short rows are allowed (trailing empty cells are often left out).
 * @throws CsvReadError when the text is not CSV (an unclosed quote, say), with csv-parse's reason,
 *   or holds a control character (see findControlCharacter).
 */
export function readSpreadsheetCsv(bytes: Uint8Array): SpreadsheetCsv {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const control = findControlCharacter(text);
  if (control) throw new CsvReadError(control.message);
  const delimiter = sniffCsvDelimiter(text);
  try {
    const records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return { encoding, delimiter, records };
  } catch (error) {
    throw new CsvReadError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * The first control character in a spreadsheet's text, other than tab and line breaks: a NUL
 * (a UTF-16 file without its byte-order mark, a binary file renamed .csv) or an escape is never
 * in a real export, and PostgreSQL refuses NUL in text. The whole file is refused, saying where.
 */
export function findControlCharacter(text: string): { line: number; codePoint: string; message: string } | null {
  const match = CONTROL_CHARACTER.exec(text);
  if (!match) return null;
  const line = text.slice(0, match.index).split('\n').length;
  const codePoint = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    line,
    codePoint,
    message: `line ${line} contains a control character (${codePoint}); save the file again as CSV UTF-8`,
  };
}

export type CsvCell = string | number | null | undefined;

// A cell starting with one of these is run as a formula by Excel and LibreOffice ("CSV injection"):
// a member name typed as `=HYPERLINK(...)` must come out as text. OWASP's advice is a leading
// apostrophe, which spreadsheets hide; readers strip it again (unescapeSpreadsheetCell).
const FORMULA_START = /^[=+\-@\t\r]/;

function quoteCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '""';
  const text = typeof cell === 'number' ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * A CSV file that Excel opens with Vietnamese intact by double-click: UTF-8 with a BOM (without it
 * Excel assumes the ANSI code page and garbles every diacritic), CRLF line ends, every field
 * quoted, quotes doubled. Text cells that would start a formula get a leading apostrophe. Use
 * `;` for spreadsheets set to a locale whose list separator is a semicolon (vi-VN Windows).
 */
export function encodeCsvForExcel(
  rows: readonly (readonly CsvCell[])[],
  delimiter: CsvDelimiter = ',',
): Uint8Array<ArrayBuffer> {
  const body = rows.map((row) => row.map(quoteCell).join(delimiter)).join('\r\n');
  const encoded = new TextEncoder().encode(`${body}\r\n`);
  const bytes = new Uint8Array(encoded.byteLength + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(encoded, 3);
  return bytes;
}

/** Undoes the apostrophe encodeCsvForExcel puts before a would-be formula; other cells are unchanged. */
export function unescapeSpreadsheetCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * A calendar date as spreadsheets write it: `dd/mm/yyyy` (also with `-` or `.`, the Vietnamese
 * way, which Excel in vi-VN turns ISO dates into) or `yyyy-mm-dd`, optionally followed by a time.
 * Returns `YYYY-MM-DD`, or null for anything else, impossible dates (31/02) included.
 */
export function parseSpreadsheetDate(text: string): string | null {
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  const [year, month, day] = vietnamese
    ? [Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Round-tripping rejects 31/02 and month 13 rather than rolling them over into the next month.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
