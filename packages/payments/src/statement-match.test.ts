import { describe, expect, it } from 'vitest';
import { parseBankStatementCsv, type StatementRow } from './bank-statement.ts';
import { type ExpectedTransfer, matchStatement } from './statement-match.ts';

let rowNumber = 1;
function row(description: string, amountVnd: number, bankReference: string | null = null): StatementRow {
  return { rowNumber: ++rowNumber, date: '2025-07-01', amountVnd, description, bankReference };
}

const k7: ExpectedTransfer = { orderCode: 'K7Q2MX', reference: 'NSK7Q2MX', amountVnd: 1_250_000 };
const a1: ExpectedTransfer = { orderCode: 'A1B2C3', reference: 'NSA1B2C3', amountVnd: 450_000 };
const short: ExpectedTransfer = { orderCode: 'K7Q2', reference: 'NSK7Q2', amountVnd: 90_000 };

describe('matchStatement', () => {
  it('matches a credit naming one reference with exactly its total, however the bank wrapped it', () => {
    const rows = [
      row('MBVCB.5012345.NSK7Q2MX.CT tu 0912345678 toi 1017654321', 1_250_000, 'FT1'),
      row('chuyển tiền chè tân cương nsa1b2c3.', 450_000, 'FT2'),
    ];
    const preview = matchStatement(rows, [k7, a1]);
    expect(preview.matched).toEqual([
      { expected: k7, row: rows[0] },
      { expected: a1, row: rows[1] },
    ]);
    expect(preview).toMatchObject({ mismatched: [], unknown: [], ambiguous: [], duplicates: [] });
  });

  it('flags under- and over-payments with the difference, never accepting them', () => {
    const under = row('NSK7Q2MX', 1_200_000);
    const over = row('IBFT NSA1B2C3', 500_000);
    const preview = matchStatement([under, over], [k7, a1]);
    expect(preview.matched).toEqual([]);
    expect(preview.mismatched).toEqual([
      { expected: k7, rows: [under], paidVnd: 1_200_000, differenceVnd: -50_000, kind: 'underpaid' },
      { expected: a1, rows: [over], paidVnd: 500_000, differenceVnd: 50_000, kind: 'overpaid' },
    ]);
  });

  it('flags a total paid in several transfers as split, and two payments of the full total as overpaid', () => {
    const first = row('NSK7Q2MX lan 1', 1_000_000, 'FT10');
    const second = row('NSK7Q2MX lan 2', 250_000, 'FT11');
    const twiceA = row('NSA1B2C3', 450_000, 'FT12');
    const twiceB = row('NSA1B2C3', 450_000, 'FT13');
    const preview = matchStatement([first, second, twiceA, twiceB], [k7, a1]);
    expect(preview.matched).toEqual([]);
    expect(preview.mismatched).toEqual([
      { expected: k7, rows: [first, second], paidVnd: 1_250_000, differenceVnd: 0, kind: 'split' },
      { expected: a1, rows: [twiceA, twiceB], paidVnd: 900_000, differenceVnd: 450_000, kind: 'overpaid' },
    ]);
  });

  it('finds a reference only as a whole word: NSK7Q2 is not inside NSK7Q2MX', () => {
    const longer = row('NSK7Q2MX', 90_000);
    const glued = row('NSK7Q2thanh toan', 90_000);
    const preview = matchStatement([longer, glued], [short]);
    expect(preview.unknown).toEqual([longer, glued]);
    expect(preview.matched).toEqual([]);
  });

  it('lists credits naming no expected reference as unknown, and ones naming two as ambiguous', () => {
    const stranger = row('Tra no anh Ba', 300_000);
    const both = row('NSK7Q2MX NSA1B2C3', 1_700_000);
    const preview = matchStatement([stranger, both], [k7, a1]);
    expect(preview.unknown).toEqual([stranger]);
    expect(preview.ambiguous).toEqual([{ row: both, references: ['NSK7Q2MX', 'NSA1B2C3'] }]);
    expect(preview.matched).toEqual([]);
    expect(preview.mismatched).toEqual([]);
  });

  it('sets aside a transaction exported twice (same bank reference, or an identical row) and counts it once', () => {
    const original = row('NSK7Q2MX', 1_250_000, 'FT20');
    const again = { ...original, rowNumber: 90 };
    const plain = row('NSA1B2C3', 450_000);
    const plainAgain = { ...plain, rowNumber: 91 };
    const preview = matchStatement([original, plain, again, plainAgain], [k7, a1]);
    expect(preview.matched).toEqual([
      { expected: k7, row: original },
      { expected: a1, row: plain },
    ]);
    expect(preview.duplicates).toEqual([
      { row: again, duplicateOfRowNumber: original.rowNumber, basis: 'bank_reference' },
      { row: plainAgain, duplicateOfRowNumber: plain.rowNumber, basis: 'identical_row' },
    ]);
  });

  it('leaves expected transfers nobody paid out of the preview', () => {
    const preview = matchStatement([], [k7, a1]);
    expect(preview).toEqual({ matched: [], mismatched: [], unknown: [], ambiguous: [], duplicates: [] });
  });

  it('refuses expected transfers sharing a reference or with a non-integer amount', () => {
    expect(() => matchStatement([], [k7, { ...k7, orderCode: 'OTHER' }])).toThrow(RangeError);
    expect(() => matchStatement([], [{ ...k7, amountVnd: 1.5 }])).toThrow(RangeError);
    expect(() => matchStatement([], [{ ...k7, reference: 'NS K7' }])).toThrow(RangeError);
  });

  it('previews a real-looking statement file end to end', () => {
    const csv = [
      'Sao kê tài khoản 1017654321',
      'Ngày giao dịch;Số tham chiếu;Ghi nợ;Ghi có;Nội dung',
      '01/07/2025;FT1;;1.250.000;MBVCB.5012345.NSK7Q2MX.CT tu 0912345678',
      '01/07/2025;FT2;15.000;;Phí SMS Banking',
      '02/07/2025;FT3;;400.000;Chuyển tiền chè NSA1B2C3',
      '02/07/2025;FT1;;1.250.000;MBVCB.5012345.NSK7Q2MX.CT tu 0912345678',
      '03/07/2025;FT4;;90.000;Ủng hộ',
    ].join('\n');
    const statement = parseBankStatementCsv(new TextEncoder().encode(csv));
    const preview = matchStatement(statement.rows, [k7, a1]);
    expect(preview.matched.map((match) => [match.expected.reference, match.row.rowNumber])).toEqual([['NSK7Q2MX', 3]]);
    expect(preview.mismatched.map((m) => [m.expected.reference, m.kind, m.differenceVnd])).toEqual([
      ['NSA1B2C3', 'underpaid', -50_000],
    ]);
    expect(preview.duplicates.map((d) => [d.row.rowNumber, d.duplicateOfRowNumber])).toEqual([[6, 3]]);
    expect(preview.unknown.map((r) => r.rowNumber)).toEqual([7]);
    expect(statement.skipped).toEqual([{ rowNumber: 4, reason: 'not_incoming' }]);
  });
});
