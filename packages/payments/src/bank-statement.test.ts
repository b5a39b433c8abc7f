import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseBankStatementCsv, parseStatementAmount, parseStatementDate } from './bank-statement.ts';
import { BankStatementError } from './errors.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
const utf16leBom = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

/**
 * Windows-1258 the way Vietnamese Windows software writes it: vowels with circumflex, breve or horn
 * are single bytes, tone marks are separate combining bytes after them.
 */
function windows1258(text: string): Uint8Array {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const legacy = [...text]
    .map((char) => {
      const decomposed = char.normalize('NFD');
      const tones = decomposed.match(TONES)?.join('') ?? '';
      return decomposed.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
  const bytes = iconv.encode(legacy, 'windows1258');
  expect(iconv.decode(bytes, 'windows1258').normalize('NFC')).toBe(text.normalize('NFC'));
  return new Uint8Array(bytes);
}

// A Vietcombank-style export: title lines above the header, separate debit and credit columns,
// a total line at the bottom.
const VIETNAMESE_EXPORT = [
  'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
  'Sao kê tài khoản: 1017654321',
  'Từ ngày 01/07/2025 đến ngày 02/07/2025',
  '',
  'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
  '1,01/07/2025,FT25182001,,"1.250.000",MBVCB.5012345.NSK7Q2MX.CT tu 0912345678 toi 1017654321',
  '2,01/07/2025 10:22:33,FT25182002,"200.000",,Phí dịch vụ',
  '3,02/07/2025,FT25182003,,"450.000","Chuyển tiền chè Tân Cương, NSA1B2C3"',
  ',,,,,',
  'Tổng cộng,,,"200.000","1.700.000",',
].join('\r\n');

describe('parseBankStatementCsv', () => {
  it('reads a UTF-8 export with BOM, title lines, debit/credit columns and a total line', () => {
    const statement = parseBankStatementCsv(utf8Bom(VIETNAMESE_EXPORT));
    expect(statement.encoding).toBe('utf-8');
    expect(statement.delimiter).toBe(',');
    expect(statement.headerRowNumber).toBe(5);
    expect(statement.columns).toEqual({
      date: 'Ngày giao dịch',
      amount: 'Số tiền ghi có',
      description: 'Nội dung',
      reference: 'Số tham chiếu',
    });
    expect(statement.rows).toEqual([
      {
        rowNumber: 6,
        date: '2025-07-01',
        amountVnd: 1_250_000,
        description: 'MBVCB.5012345.NSK7Q2MX.CT tu 0912345678 toi 1017654321',
        bankReference: 'FT25182001',
      },
      {
        rowNumber: 8,
        date: '2025-07-02',
        amountVnd: 450_000,
        description: 'Chuyển tiền chè Tân Cương, NSA1B2C3',
        bankReference: 'FT25182003',
      },
    ]);
    expect(statement.skipped).toEqual([
      { rowNumber: 7, reason: 'not_incoming' },
      { rowNumber: 10, reason: 'summary' },
    ]);
    expect(statement.issues).toEqual([]);
  });

  it('reads the same export without a BOM', () => {
    expect(parseBankStatementCsv(utf8(VIETNAMESE_EXPORT)).rows).toEqual(
      parseBankStatementCsv(utf8Bom(VIETNAMESE_EXPORT)).rows,
    );
  });

  it('reads a UTF-16 LE export with BOM, separated by semicolons', () => {
    const statement = parseBankStatementCsv(
      utf16leBom(VIETNAMESE_EXPORT.replaceAll(',', ';').replace('Cương; ', 'Cương, ')),
    );
    expect(statement.encoding).toBe('utf-16le');
    expect(statement.delimiter).toBe(';');
    expect(statement.rows.map((row) => [row.rowNumber, row.amountVnd, row.description])).toEqual([
      [6, 1_250_000, 'MBVCB.5012345.NSK7Q2MX.CT tu 0912345678 toi 1017654321'],
      [8, 450_000, 'Chuyển tiền chè Tân Cương, NSA1B2C3'],
    ]);
  });

  it('reads a Windows-1258 export and returns its text in NFC', () => {
    const bytes = windows1258(VIETNAMESE_EXPORT);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const statement = parseBankStatementCsv(bytes);
    expect(statement.encoding).toBe('windows-1258');
    expect(statement.columns.amount).toBe('Số tiền ghi có');
    expect(statement.rows[1]!.description).toBe('Chuyển tiền chè Tân Cương, NSA1B2C3');
    expect(statement.rows[1]!.description).toBe(statement.rows[1]!.description.normalize('NFC'));
  });

  it('reads an English export with a signed amount column and no reference column', () => {
    const csv = [
      'Date;Amount;Description',
      '2025-07-01;+1,250,000;IBFT NSK7Q2MX',
      '2025-07-01;-200,000;Fee',
      '02/07/2025;1.250.000,00 VND;"Payment ""NSA1B2C3"""',
    ].join('\n');
    const statement = parseBankStatementCsv(utf8(csv));
    expect(statement.delimiter).toBe(';');
    expect(statement.columns.reference).toBeNull();
    expect(statement.rows).toEqual([
      { rowNumber: 2, date: '2025-07-01', amountVnd: 1_250_000, description: 'IBFT NSK7Q2MX', bankReference: null },
      {
        rowNumber: 4,
        date: '2025-07-02',
        amountVnd: 1_250_000,
        description: 'Payment "NSA1B2C3"',
        bankReference: null,
      },
    ]);
    expect(statement.skipped).toEqual([{ rowNumber: 3, reason: 'not_incoming' }]);
  });

  it('finds bilingual headers and keeps a description spanning lines in one row', () => {
    const csv = [
      'Ngày/Date,Ghi có/Credit,Diễn giải/Description,Số tham chiếu/Reference',
      '01/07/2025,"50,000","Thanh toán',
      'NSK7Q2MX",REF1',
      '02/07/2025,"60,000",NSA1B2C3,REF2',
    ].join('\n');
    const statement = parseBankStatementCsv(utf8(csv));
    expect(statement.columns).toEqual({
      date: 'Ngày/Date',
      amount: 'Ghi có/Credit',
      description: 'Diễn giải/Description',
      reference: 'Số tham chiếu/Reference',
    });
    expect(statement.rows.map((row) => [row.rowNumber, row.amountVnd, row.bankReference])).toEqual([
      [2, 50_000, 'REF1'],
      [3, 60_000, 'REF2'],
    ]);
  });

  it('lists rows it cannot read with their row numbers instead of guessing', () => {
    const csv = [
      'Ngày,Số tiền,Nội dung',
      '31/02/2025,100000,NSAAAA',
      '01/07/2025,"1.250.000,50",NSBBBB',
      '01/07/2025,một triệu,NSCCCC',
      ',100000,NSDDDD',
      '01/07/2025,100000,NSEEEE',
    ].join('\n');
    const statement = parseBankStatementCsv(utf8(csv));
    expect(statement.issues).toEqual([
      { rowNumber: 2, reason: 'invalid_date', value: '31/02/2025' },
      { rowNumber: 3, reason: 'fractional_amount', value: '1.250.000,50' },
      { rowNumber: 4, reason: 'invalid_amount', value: 'một triệu' },
      { rowNumber: 5, reason: 'invalid_date', value: '' },
    ]);
    expect(statement.rows.map((row) => row.rowNumber)).toEqual([6]);
  });

  it('refuses an empty file, a file without the needed columns, and one that is not text', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        parseBankStatementCsv(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(BankStatementError);
        return (error as BankStatementError).reason;
      }
      throw new Error('expected a BankStatementError');
    };
    expect(reason(new Uint8Array())).toBe('empty');
    expect(reason(utf8('Ngày,Nội dung\n01/07/2025,NSK7Q2MX'))).toBe('missing_columns');
    // A PNG renamed .csv: its control bytes say it is not a spreadsheet's text.
    expect(reason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))).toBe('unreadable_csv');
  });
});

describe('parseStatementAmount', () => {
  it.each([
    ['1250000', 1_250_000],
    ['1.250.000', 1_250_000],
    ['1,250,000', 1_250_000],
    ['1 250 000 ₫', 1_250_000],
    ['1.250.000 VND', 1_250_000],
    ['1.250.000đ', 1_250_000],
    ['VND 45.000', 45_000],
    ['+500.000', 500_000],
    ['-200.000', -200_000],
    ['(50.000)', -50_000],
    ['1.250.000,00', 1_250_000],
    ['1,250,000.00', 1_250_000],
    ['1250000.0', 1_250_000],
    ['1.250', 1_250],
    ['0', 0],
  ])('reads %s as %d đồng', (text, amount) => {
    expect(parseStatementAmount(text)).toBe(amount);
  });

  it.each([['1.25'], ['1.250.000,50'], ['99,9']])('refuses the fractional amount %s', (text) => {
    expect(parseStatementAmount(text)).toBe('fractional');
  });

  it.each([['abc'], [''], ['1.250,000'], ['1,250.000'], ['12.34.567'], ['1..000'], ['99999999999999999999']])(
    'refuses the malformed amount %j',
    (text) => {
      expect(parseStatementAmount(text)).toBe('invalid');
    },
  );
});

describe('parseStatementDate', () => {
  it.each([
    ['01/07/2025', '2025-07-01'],
    ['1/7/2025', '2025-07-01'],
    ['01-07-2025', '2025-07-01'],
    ['01.07.2025 23:59:59', '2025-07-01'],
    ['2025-07-01', '2025-07-01'],
    ['2025-07-01T10:00:00+07:00', '2025-07-01'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseStatementDate(text)).toBe(iso);
  });

  it.each([['29/02/2025'], ['32/01/2025'], ['01/13/2025'], ['07/01/25'], ['yesterday'], ['']])('refuses %j', (text) => {
    expect(parseStatementDate(text)).toBeNull();
  });
});

describe('control characters in a statement (issue 13)', () => {
  it('refuses the file as unreadable, with the line', () => {
    const file = utf8('Ngày,Số tiền,Nội dung\n01/12/2026,50000,NS7K3M9Q\u0000\n');
    let caught: unknown;
    try {
      parseBankStatementCsv(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BankStatementError);
    expect(caught).toMatchObject({ reason: 'unreadable_csv', details: { line: 2 } });
  });
});
