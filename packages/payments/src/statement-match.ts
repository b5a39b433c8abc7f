import { foldVietnamese } from '@nongsan/vn';
import type { StatementRow } from './bank-statement.ts';

// Matches the credits of a bank statement to the bank-transfer payments nongsan is waiting for.
// Pure: it returns a preview, and the API applies it (all or nothing) once a person confirms.
// Only an exact match is offered for acceptance: one credit naming one order's reference with
// exactly that order's total. Everything else (a partial or excess payment, a payment split over
// several transfers, a reference nobody expects, a description naming two orders, the same
// transaction twice) is listed for a person to decide.

export type ExpectedTransfer = {
  orderCode: string;
  /** The reference the buyer was asked to write (`buildTransferReference`). */
  reference: string;
  amountVnd: number;
};

export type MatchedTransfer = { expected: ExpectedTransfer; row: StatementRow };

/**
 * - `underpaid` / `overpaid`: the credits naming this reference add up to less / more than the total.
 * - `split`: they add up to exactly the total, but over several transfers.
 */
export type MismatchedTransfer = {
  expected: ExpectedTransfer;
  rows: StatementRow[];
  paidVnd: number;
  /** paid − expected, in đồng: negative when underpaid. */
  differenceVnd: number;
  kind: 'underpaid' | 'overpaid' | 'split';
};

export type DuplicateStatementRow = {
  row: StatementRow;
  duplicateOfRowNumber: number;
  /** Same bank transaction reference, or (without one) the same date, amount and description. */
  basis: 'bank_reference' | 'identical_row';
};

export type StatementMatchPreview = {
  matched: MatchedTransfer[];
  mismatched: MismatchedTransfer[];
  /** Credits whose description names no expected reference. */
  unknown: StatementRow[];
  /** Credits whose description names more than one expected reference. */
  ambiguous: { row: StatementRow; references: string[] }[];
  /** Rows repeating an earlier row (an overlapping export imported twice); never counted. */
  duplicates: DuplicateStatementRow[];
};

/** Upper-case words of letters and digits: what a reference must appear as, whole. */
function words(text: string): string[] {
  return foldVietnamese(text)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

function duplicateKey(row: StatementRow): { key: string; basis: DuplicateStatementRow['basis'] } {
  if (row.bankReference !== null) return { key: `ref\u0000${row.bankReference}`, basis: 'bank_reference' };
  return {
    key: `row\u0000${row.date}\u0000${row.amountVnd}\u0000${row.description.normalize('NFC')}`,
    basis: 'identical_row',
  };
}

/**
 * Previews how statement credits settle `expected` transfers. A reference counts only as a whole
 * word of the description (case and diacritics ignored), so `NS12` is not found inside `NS123`.
 * @throws RangeError when two expected transfers share a reference or an amount is not whole đồng.
 */
export function matchStatement(
  rows: readonly StatementRow[],
  expected: readonly ExpectedTransfer[],
): StatementMatchPreview {
  const byReference = new Map<string, ExpectedTransfer>();
  for (const transfer of expected) {
    if (!Number.isSafeInteger(transfer.amountVnd) || transfer.amountVnd <= 0) {
      throw new RangeError(`expected transfer ${transfer.reference}: amount must be a positive whole number of đồng`);
    }
    const key = transfer.reference.toUpperCase();
    if (!/^[A-Z0-9]+$/.test(key)) throw new RangeError(`reference ${transfer.reference} must be letters and digits`);
    if (byReference.has(key)) throw new RangeError(`reference ${transfer.reference} is expected twice`);
    byReference.set(key, transfer);
  }

  const preview: StatementMatchPreview = { matched: [], mismatched: [], unknown: [], ambiguous: [], duplicates: [] };
  const seen = new Map<string, number>();
  const rowsByReference = new Map<string, StatementRow[]>();

  for (const row of [...rows].sort((a, b) => a.rowNumber - b.rowNumber)) {
    const { key, basis } = duplicateKey(row);
    const firstRowNumber = seen.get(key);
    if (firstRowNumber !== undefined) {
      preview.duplicates.push({ row, duplicateOfRowNumber: firstRowNumber, basis });
      continue;
    }
    seen.set(key, row.rowNumber);

    const references = [...new Set(words(row.description).filter((word) => byReference.has(word)))];
    if (references.length === 0) {
      preview.unknown.push(row);
    } else if (references.length > 1) {
      preview.ambiguous.push({ row, references: references.map((reference) => byReference.get(reference)!.reference) });
    } else {
      const reference = references[0]!;
      rowsByReference.set(reference, [...(rowsByReference.get(reference) ?? []), row]);
    }
  }

  // In the order the caller listed the expected transfers, so the preview reads predictably.
  for (const [reference, transfer] of byReference) {
    const credited = rowsByReference.get(reference);
    if (credited === undefined) continue;
    const paidVnd = credited.reduce((sum, row) => sum + row.amountVnd, 0);
    if (credited.length === 1 && paidVnd === transfer.amountVnd) {
      preview.matched.push({ expected: transfer, row: credited[0]! });
      continue;
    }
    const differenceVnd = paidVnd - transfer.amountVnd;
    preview.mismatched.push({
      expected: transfer,
      rows: credited,
      paidVnd,
      differenceVnd,
      kind: differenceVnd < 0 ? 'underpaid' : differenceVnd > 0 ? 'overpaid' : 'split',
    });
  }
  return preview;
}
