import { describe, expect, it } from 'vitest';
import {
  CsvReadError,
  decodeSpreadsheetText,
  encodeCsvForExcel,
  findControlCharacter,
  parseSpreadsheetDate,
  readSpreadsheetCsv,
  sniffCsvDelimiter,
  unescapeSpreadsheetCell,
} from './csv.ts';
import { encodeUtf16WithBom, encodeWindows1258 } from './testing.ts';

const VIETNAMESE = 'Mã lô,Tên sản phẩm,Thành viên\r\nlot_1,"Chè Tân Cương, loại đặc biệt",Đỗ Thị Hường\r\n';

const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

describe('decodeSpreadsheetText', () => {
  it.each([
    ['utf-8 with BOM', withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(VIETNAMESE)), 'utf-8'],
    ['utf-8 without BOM', new TextEncoder().encode(VIETNAMESE), 'utf-8'],
    ['utf-16 LE with BOM', encodeUtf16WithBom(VIETNAMESE, 'le'), 'utf-16le'],
    ['utf-16 BE with BOM', encodeUtf16WithBom(VIETNAMESE, 'be'), 'utf-16be'],
    ['windows-1258', encodeWindows1258(VIETNAMESE), 'windows-1258'],
  ])('reads %s, drops the BOM and returns NFC', (_label, bytes, encoding) => {
    const decoded = decodeSpreadsheetText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(VIETNAMESE.normalize('NFC'));
  });

  it('does not mistake Windows-1258 bytes for UTF-8', () => {
    const bytes = encodeWindows1258('Chè Tân Cương');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeSpreadsheetText(bytes).text).toBe('Chè Tân Cương');
  });
});

describe('sniffCsvDelimiter', () => {
  it('takes the separator of the header line, ignoring quoted text', () => {
    expect(sniffCsvDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(sniffCsvDelimiter('"a, b, c";d;e\n')).toBe(';');
    expect(sniffCsvDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffCsvDelimiter('single')).toBe(',');
  });
});

describe('readSpreadsheetCsv', () => {
  it('keeps row numbers true across blank lines and cells spanning lines', () => {
    const csv = 'a;b\r\n"x\r\ny";1\r\n\r\nz;2\r\n';
    const read = readSpreadsheetCsv(new TextEncoder().encode(csv));
    expect(read.delimiter).toBe(';');
    expect(read.records).toEqual([['a', 'b'], ['x\r\ny', '1'], [''], ['z', '2']]);
  });

  it('refuses text that is not CSV', () => {
    expect(() => readSpreadsheetCsv(new TextEncoder().encode('a,b\n"open,2\n'))).toThrow(CsvReadError);
  });
});

describe('encodeCsvForExcel', () => {
  it('writes a BOM, CRLF and quoted fields, and reads back the same cells', () => {
    const rows = [
      ['Mã lô', 'Tên', 'Số lượng'],
      ['lot_1', 'Chè "Tân Cương", loại 1', 40],
      ['lot_2', 'Dòng một\nDòng hai', null],
    ];
    const bytes = encodeCsvForExcel(rows);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.startsWith('"Mã lô","Tên","Số lượng"\r\n"lot_1","Chè ""Tân Cương"", loại 1","40"\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(readSpreadsheetCsv(bytes).records).toEqual([
      ['Mã lô', 'Tên', 'Số lượng'],
      ['lot_1', 'Chè "Tân Cương", loại 1', '40'],
      ['lot_2', 'Dòng một\nDòng hai', ''],
    ]);
  });

  it('writes semicolons when asked', () => {
    const bytes = encodeCsvForExcel([['a', 'b']], ';');
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('"a";"b"\r\n');
    expect(readSpreadsheetCsv(bytes).delimiter).toBe(';');
  });

  it('defuses formulas in text cells and gets them back', () => {
    const bytes = encodeCsvForExcel([['=HYPERLINK("http://x")', '+84912', '-', 'Chè', -5]]);
    const [cells] = readSpreadsheetCsv(bytes).records;
    expect(cells).toEqual(['\'=HYPERLINK("http://x")', "'+84912", "'-", 'Chè', '-5']);
    expect(cells!.map(unescapeSpreadsheetCell)).toEqual(['=HYPERLINK("http://x")', '+84912', '-', 'Chè', '-5']);
    expect(unescapeSpreadsheetCell("'quoted")).toBe("'quoted");
  });
});

describe('parseSpreadsheetDate', () => {
  it.each([
    ['2026-11-27', '2026-11-27'],
    ['27/11/2026', '2026-11-27'],
    ['7/1/2026', '2026-01-07'],
    ['27.11.2026 08:00', '2026-11-27'],
    ['31/02/2026', null],
    ['2026-13-01', null],
    ['hôm qua', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(parseSpreadsheetDate(text)).toBe(expected);
  });
});

describe('control characters in a spreadsheet file (issue 13)', () => {
  it('finds the first one outside tab and line breaks, with its line', () => {
    expect(findControlCharacter('a,b\r\n"x\ty",2\n')).toBeNull();
    expect(findControlCharacter('a,b\nc,d\ne\u0000f,g')).toMatchObject({ line: 3, codePoint: 'U+0000' });
    expect(findControlCharacter('a\u001b[31m')).toMatchObject({ line: 1, codePoint: 'U+001B' });
    expect(findControlCharacter('a\u0085')).toMatchObject({ codePoint: 'U+0085' });
  });

  it('refuses the whole file, saying where; a UTF-16 file without its BOM reads as NULs', () => {
    const withNul = new TextEncoder().encode('listing_id,quantity\nlst_1,5\u0000\n');
    expect(() => readSpreadsheetCsv(withNul)).toThrow(CsvReadError);
    expect(() => readSpreadsheetCsv(withNul)).toThrow(/line 2 .*U\+0000/);
    const utf16NoBom = new Uint8Array(Buffer.from('listing_id,quantity\n', 'utf16le'));
    expect(() => readSpreadsheetCsv(utf16NoBom)).toThrow(/control character/);
  });
});
