import { foldVietnamese } from '@nongsan/vn';
import {
  decodeSpreadsheetText,
  findControlCharacter,
  parseSpreadsheetDate,
  type SpreadsheetEncoding,
} from '@nongsan/vn/csv';
import { parse as parseCsv } from 'csv-parse/sync';
import { BankStatementError } from './errors.ts';

// Reads the CSV statements Vietnamese banks export for an account: the credits in it are the
// bank-transfer payments to match against orders. Exports differ by bank and by year, so this
// reader finds its way by itself: the encoding from the byte-order mark (or by trying UTF-8), the
// separator by trying each, the header row by its column names (banks put a few title lines above
// it), and the columns by their Vietnamese or English names. A row it cannot read is listed with
// its row number and why, never dropped in silence and never guessed.

export type StatementEncoding = SpreadsheetEncoding;
export type StatementDelimiter = ',' | ';' | '\t';

export type StatementRow = {
  /** 1-based row of the file as a spreadsheet shows it (the header row counts). */
  rowNumber: number;
  /** The transaction date, `YYYY-MM-DD`. */
  date: string;
  /** The credited amount: a positive whole number of đồng. */
  amountVnd: number;
  /** The transfer description as the bank wrote it (Unicode NFC). */
  description: string;
  /** The bank's own transaction reference, when the export has that column. */
  bankReference: string | null;
};

/** A row that looks like a transaction but cannot be read; the person importing must look. */
export type StatementRowIssue = {
  rowNumber: number;
  reason: 'invalid_date' | 'invalid_amount' | 'fractional_amount';
  value: string;
};

/** A row deliberately left out: money going out, or a total / balance line. */
export type SkippedStatementRow = { rowNumber: number; reason: 'not_incoming' | 'summary' };

export type ParsedBankStatement = {
  encoding: StatementEncoding;
  delimiter: StatementDelimiter;
  headerRowNumber: number;
  /** The header cells the columns were found under, as written in the file. */
  columns: { date: string; amount: string; description: string; reference: string | null };
  rows: StatementRow[];
  issues: StatementRowIssue[];
  skipped: SkippedStatementRow[];
};

/** Statements larger than this are refused: a year of a busy shop's account is far smaller. */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;
/** How far down the header row is looked for (banks put the account and period above it). */
const HEADER_SEARCH_ROWS = 30;

/**
 * A header cell reduced to what identifies it: folded, units in parentheses dropped, punctuation
 * turned into spaces. Bilingual headers ("Ngày/Date", "Số tiền\nAmount") give one key per part.
 */
function headerKeys(cell: string): string[] {
  const parts = [cell, ...cell.split(/[/\n]/)];
  return parts.map((part) =>
    foldVietnamese(part)
      .replace(/\([^)]*\)/g, ' ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim(),
  );
}

// Names in order of preference; the first name found in the header wins.
const DATE_NAMES = [
  'ngay giao dich',
  'transaction date',
  'ngay gd',
  'ngay',
  'date',
  'ngay gio giao dich',
  'thoi gian giao dich',
  'ngay hach toan',
  'posting date',
  'ngay hieu luc',
  'effective date',
  'value date',
  'thoi gian',
];
// A credit column is preferred to a signed amount column: with separate debit and credit
// columns, the credit one holds exactly the incoming money.
const CREDIT_NAMES = [
  'ghi co',
  'so tien ghi co',
  'credit',
  'credit amount',
  'phat sinh co',
  'so tien co',
  'tien vao',
  'money in',
];
const AMOUNT_NAMES = ['so tien', 'amount', 'so tien giao dich', 'transaction amount'];
const DESCRIPTION_NAMES = [
  'noi dung',
  'description',
  'dien giai',
  'noi dung giao dich',
  'noi dung chuyen khoan',
  'mo ta',
  'chi tiet giao dich',
  'transaction details',
  'details',
  'remark',
  'remarks',
  'narrative',
];
const REFERENCE_NAMES = [
  'so tham chieu',
  'reference',
  'reference number',
  'reference no',
  'ref no',
  'ma giao dich',
  'ma gd',
  'so gd',
  'transaction id',
  'so but toan',
  'so chung tu',
  'so ct',
];

function findColumn(keysByColumn: string[][], names: readonly string[]): number | null {
  for (const name of names) {
    const index = keysByColumn.findIndex((keys) => keys.includes(name));
    if (index !== -1) return index;
  }
  return null;
}

type Header = {
  recordIndex: number;
  date: number;
  amount: number;
  isCreditColumn: boolean;
  description: number;
  reference: number | null;
};

function findHeader(records: string[][]): Header | null {
  for (let recordIndex = 0; recordIndex < Math.min(records.length, HEADER_SEARCH_ROWS); recordIndex++) {
    const keys = (records[recordIndex] ?? []).map(headerKeys);
    const date = findColumn(keys, DATE_NAMES);
    const credit = findColumn(keys, CREDIT_NAMES);
    const amount = credit ?? findColumn(keys, AMOUNT_NAMES);
    const description = findColumn(keys, DESCRIPTION_NAMES);
    if (date === null || amount === null || description === null) continue;
    return {
      recordIndex,
      date,
      amount,
      isCreditColumn: credit !== null,
      description,
      reference: findColumn(keys, REFERENCE_NAMES),
    };
  }
  return null;
}

/**
 * A calendar date written `dd/mm/yyyy` (also with `-` or `.`, the way Vietnamese banks write it)
 * or `yyyy-mm-dd`, optionally followed by a time. Returns `YYYY-MM-DD` or null. One
 * implementation with stock imports: @nongsan/vn/csv.
 */
export const parseStatementDate = parseSpreadsheetDate;

const CURRENCY_MARKS = /^(?:vnd|vnđ)|(?:vnd|vnđ|đ|₫)$/giu;

/**
 * A money cell in đồng: `1.250.000`, `1,250,000`, `1250000`, `1 250 000 ₫`, `+500.000`,
 * `1.250.000,00`, `(50.000)` (negative). A group of exactly three digits after a separator is a
 * thousands group, one or two digits a decimal part, which must be zero: VND has no minor unit,
 * and a fractional amount is refused rather than rounded.
 */
export function parseStatementAmount(text: string): number | 'invalid' | 'fractional' {
  let value = text.replace(/[\s\u00a0\u202f]+/g, '').replace(CURRENCY_MARKS, '');
  let sign = 1;
  if (/^\(.*\)$/.test(value)) {
    sign = -1;
    value = value.slice(1, -1);
  }
  if (value.startsWith('-') || value.startsWith('+')) {
    if (value.startsWith('-')) sign = -sign;
    value = value.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(value)) return 'invalid';
  let integerPart = value;
  let decimalSeparator: string | null = null;
  const decimal = /^(.*\d)([.,])(\d{1,2})$/.exec(value);
  if (decimal) {
    integerPart = decimal[1]!;
    decimalSeparator = decimal[2]!;
    if (!/^0+$/.test(decimal[3]!)) return 'fractional';
  }
  let digits: string;
  if (/^\d+$/.test(integerPart)) {
    digits = integerPart;
  } else {
    const grouped = /^\d{1,3}(([.,])\d{3})(?:\2\d{3})*$/.exec(integerPart);
    if (!grouped || grouped[2] === decimalSeparator) return 'invalid';
    digits = integerPart.replace(/[.,]/g, '');
  }
  const amount = Number(digits);
  if (!Number.isSafeInteger(amount)) return 'invalid';
  return sign * amount;
}

const SUMMARY_WORDS = /^(tong|total|so du|balance|opening|closing|cong phat sinh)/;

function parseWithDelimiter(text: string, delimiter: StatementDelimiter): string[][] | null {
  try {
    return parseCsv(text, {
      delimiter,
      relax_column_count: true,
      // Descriptions typed by buyers carry stray quotes ("CK \"nha\" ..."): keep them as text.
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch {
    return null;
  }
}

/**
 * Reads a bank statement CSV: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1258;
 * separated by commas, semicolons or tabs. Only credits are returned as rows.
 * @throws BankStatementError when the file is empty, too large, not CSV, or has no header row
 *   with a date, an amount (or credit) and a description column.
 */
export function parseBankStatementCsv(bytes: Uint8Array): ParsedBankStatement {
  if (bytes.byteLength === 0) throw new BankStatementError('empty', 'the statement file is empty');
  if (bytes.byteLength > MAX_STATEMENT_BYTES) {
    throw new BankStatementError('unreadable_csv', 'the statement file is too large', {
      details: { size: bytes.byteLength, maxBytes: MAX_STATEMENT_BYTES },
    });
  }
  // The encoding from the BOM (or by trying UTF-8, then Windows-1258); the text comes back in NFC.
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const control = findControlCharacter(text);
  if (control) {
    throw new BankStatementError('unreadable_csv', control.message, { details: { line: control.line } });
  }

  let best: { records: string[][]; header: Header; delimiter: StatementDelimiter } | null = null;
  let parsedAny = false;
  for (const delimiter of [',', ';', '\t'] as const) {
    const records = parseWithDelimiter(text, delimiter);
    if (records === null) continue;
    parsedAny = true;
    const header = findHeader(records);
    if (header === null) continue;
    const width = records[header.recordIndex]!.length;
    // A semicolon file read with commas can still "find" a header inside one wide cell; the
    // separator that splits the header into the most cells is the real one.
    if (best === null || width > best.records[best.header.recordIndex]!.length) best = { records, header, delimiter };
  }
  if (!parsedAny) throw new BankStatementError('unreadable_csv', 'the statement is not a readable CSV file');
  if (best === null) {
    throw new BankStatementError(
      'missing_columns',
      'no header row with date (Ngày), amount (Số tiền / Ghi có) and description (Nội dung) columns',
      { details: { required: ['date', 'amount', 'description'] } },
    );
  }

  const { records, header, delimiter } = best;
  const headerCells = records[header.recordIndex]!;
  const rows: StatementRow[] = [];
  const issues: StatementRowIssue[] = [];
  const skipped: SkippedStatementRow[] = [];

  for (let index = header.recordIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    const rowNumber = index + 1;
    if (cells.every((cell) => cell === '')) continue;
    const dateText = cells[header.date] ?? '';
    const amountText = cells[header.amount] ?? '';
    const firstCell = foldVietnamese(cells.find((cell) => cell !== '') ?? '');
    if (dateText === '' && SUMMARY_WORDS.test(firstCell)) {
      skipped.push({ rowNumber, reason: 'summary' });
      continue;
    }
    const date = parseStatementDate(dateText);
    if (date === null) {
      issues.push({ rowNumber, reason: 'invalid_date', value: dateText });
      continue;
    }
    // In a credit column an empty cell is a debit row; in a signed amount column it is an error.
    if (amountText === '' && header.isCreditColumn) {
      skipped.push({ rowNumber, reason: 'not_incoming' });
      continue;
    }
    const amount = parseStatementAmount(amountText);
    if (amount === 'invalid' || amount === 'fractional') {
      issues.push({
        rowNumber,
        reason: amount === 'invalid' ? 'invalid_amount' : 'fractional_amount',
        value: amountText,
      });
      continue;
    }
    if (amount <= 0) {
      skipped.push({ rowNumber, reason: 'not_incoming' });
      continue;
    }
    const bankReference = header.reference === null ? '' : (cells[header.reference] ?? '');
    rows.push({
      rowNumber,
      date,
      amountVnd: amount,
      description: cells[header.description] ?? '',
      bankReference: bankReference === '' ? null : bankReference,
    });
  }

  return {
    encoding,
    delimiter,
    headerRowNumber: header.recordIndex + 1,
    columns: {
      date: headerCells[header.date]!,
      amount: headerCells[header.amount]!,
      description: headerCells[header.description]!,
      reference: header.reference === null ? null : headerCells[header.reference]!,
    },
    rows,
    issues,
    skipped,
  };
}
