import { createHash } from 'node:crypto';
import type { StatementImportResult } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import {
  BankStatementError,
  type ExpectedTransfer,
  matchStatement,
  type ParsedBankStatement,
  parseBankStatementCsv,
  type StatementRow,
} from '@nongsan/payments';
import { formatVnd } from '@nongsan/vn';
import { AppError } from '../../errors.ts';
import { requireOperator } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { lockOrderWithFulfilments } from '../orders/index.ts';
import { creditTransfer, lockBankPayment } from './bank-transfer-credit.ts';
import * as transfersRepo from './bank-transfers.repo.ts';
import { transferReference } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import type { SettleDeps } from './settlement.ts';

// Importing the marketplace account's statement (CSV): each credit is matched to the order its
// description names, and paid, flagged or skipped; the same row imported twice is recorded once.

/** A statement credit may pay an order placed this long ago at most (older ones are long settled). */
const STATEMENT_LOOKBACK_DAYS = 90;

/**
 * The event id of a statement row, the same in every export of the statement: the bank's own
 * transaction reference when the file has one, else the row's date, amount and description.
 * Importing the same transaction again (the same file, or an overlapping one) finds it recorded.
 */
export function statementEventId(row: StatementRow): string {
  const basis =
    row.bankReference !== null
      ? `ref\u0000${row.bankReference}`
      : `row\u0000${row.date}\u0000${row.amountVnd}\u0000${row.description.normalize('NFC')}`;
  return `stmt:${createHash('sha256').update(basis).digest('hex').slice(0, 40)}`;
}

const SKIP_MESSAGES = {
  not_incoming: { en: 'money going out of the account', vi: 'Tiền chuyển đi, không phải tiền vào' },
  summary: { en: 'a total or balance line', vi: 'Dòng tổng cộng hoặc số dư' },
  invalid_date: { en: 'the date cannot be read', vi: 'Không đọc được ngày' },
  invalid_amount: { en: 'the amount cannot be read', vi: 'Không đọc được số tiền' },
  fractional_amount: { en: 'the amount is not whole đồng', vi: 'Số tiền không phải số đồng chẵn' },
} as const;

const KIND_MESSAGES = {
  underpaid: (diff: number) => ({
    en: `${formatVnd(-diff)} less than the order total`,
    vi: `Thiếu ${formatVnd(-diff)} so với tổng đơn`,
  }),
  overpaid: (diff: number) => ({
    en: `${formatVnd(diff)} more than the order total`,
    vi: `Thừa ${formatVnd(diff)} so với tổng đơn`,
  }),
  split: () => ({
    en: 'the total arrived in several transfers: check and record it by hand',
    vi: 'Tiền đến qua nhiều lần chuyển: hãy kiểm tra và ghi nhận thủ công',
  }),
};

type Computed = {
  result: StatementImportResult;
  /** What apply records: the matched rows with their order and event id. */
  toApply: { row: StatementRow; orderId: string; eventId: string }[];
};

/**
 * Matches a parsed statement against the orders awaiting a transfer now (through `db`, the
 * apply transaction's own when applying). Rows recorded by an earlier import are duplicates and
 * are left out of the matching, so a second import of the same file pays nothing twice.
 */
async function computeImport(
  deps: SettleDeps,
  db: Parameters<typeof transfersRepo.findAwaitedTransfers>[0],
  parsed: ParsedBankStatement,
): Promise<Computed> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - STATEMENT_LOOKBACK_DAYS * 86_400_000);
  const ids = new Map(parsed.rows.map((row) => [row, statementEventId(row)]));
  const [awaited, recorded] = await Promise.all([
    transfersRepo.findAwaitedTransfers(db, since),
    repo.findRecordedEventIds(db, 'bank_transfer', [...new Set(ids.values())]),
  ]);
  const result: StatementImportResult = {
    matched: [],
    mismatched: [],
    unmatched: [],
    skipped: [],
    duplicates: [],
    applied: false,
  };
  const fresh: StatementRow[] = [];
  for (const row of parsed.rows) {
    if (recorded.has(ids.get(row)!)) {
      result.duplicates.push({
        row: row.rowNumber,
        amountVnd: row.amountVnd,
        duplicateOf: null,
        message: 'this transaction was imported before',
        messageVi: 'Giao dịch này đã được nhập trước đó',
      });
    } else {
      fresh.push(row);
    }
  }
  // An order that received part of its total before waits for the rest: that is what must arrive.
  const orderOf = new Map<string, (typeof awaited)[number]>();
  const expected: ExpectedTransfer[] = [];
  for (const order of awaited) {
    const remainingVnd = order.totalVnd - order.receivedVnd;
    if (remainingVnd <= 0) continue;
    const reference = transferReference(deps.env, order.code);
    orderOf.set(reference, order);
    expected.push({ orderCode: order.code, reference, amountVnd: remainingVnd });
  }
  const preview = matchStatement(fresh, expected);
  const toApply: Computed['toApply'] = [];
  for (const { expected: transfer, row } of preview.matched) {
    const order = orderOf.get(transfer.reference)!;
    result.matched.push({
      row: row.rowNumber,
      orderId: order.orderId,
      orderCode: order.code,
      reference: transfer.reference,
      amountVnd: row.amountVnd,
      description: row.description,
    });
    toApply.push({ row, orderId: order.orderId, eventId: ids.get(row)! });
  }
  for (const mismatch of preview.mismatched) {
    const order = orderOf.get(mismatch.expected.reference)!;
    const message = KIND_MESSAGES[mismatch.kind](mismatch.differenceVnd);
    for (const row of mismatch.rows) {
      result.mismatched.push({
        row: row.rowNumber,
        orderId: order.orderId,
        orderCode: order.code,
        reference: mismatch.expected.reference,
        amountVnd: row.amountVnd,
        expectedVnd: mismatch.expected.amountVnd,
        kind: mismatch.kind,
        description: row.description,
        message: message.en,
        messageVi: message.vi,
      });
    }
  }
  for (const { row, references } of preview.ambiguous) {
    result.mismatched.push({
      row: row.rowNumber,
      reference: references.join(', '),
      amountVnd: row.amountVnd,
      kind: 'ambiguous',
      description: row.description,
      message: `names several orders (${references.join(', ')}): record it by hand`,
      messageVi: `Ghi nhiều đơn (${references.join(', ')}): hãy ghi nhận thủ công`,
    });
  }
  for (const row of preview.unknown) {
    result.unmatched.push({
      row: row.rowNumber,
      reference: row.description,
      amountVnd: row.amountVnd,
      message: 'names no order awaiting a transfer',
      messageVi: 'Không khớp đơn nào đang chờ chuyển khoản',
    });
  }
  for (const duplicate of preview.duplicates) {
    result.duplicates.push({
      row: duplicate.row.rowNumber,
      amountVnd: duplicate.row.amountVnd,
      duplicateOf: duplicate.duplicateOfRowNumber,
      message: `repeats row ${duplicate.duplicateOfRowNumber}`,
      messageVi: `Trùng với dòng ${duplicate.duplicateOfRowNumber}`,
    });
  }
  for (const skipped of parsed.skipped) {
    const message = SKIP_MESSAGES[skipped.reason];
    result.skipped.push({ row: skipped.rowNumber, message: message.en, messageVi: message.vi });
  }
  for (const issue of parsed.issues) {
    const message = SKIP_MESSAGES[issue.reason];
    result.skipped.push({
      row: issue.rowNumber,
      message: `${message.en}: "${issue.value}"`,
      messageVi: `${message.vi}: "${issue.value}"`,
    });
  }
  const byRow = <T extends { row: number }>(a: T, b: T) => a.row - b.row;
  for (const list of [result.matched, result.mismatched, result.unmatched, result.skipped, result.duplicates]) {
    list.sort(byRow);
  }
  return { result, toApply };
}

function parseStatement(bytes: Uint8Array): ParsedBankStatement {
  try {
    return parseBankStatementCsv(bytes);
  } catch (error) {
    if (error instanceof BankStatementError) {
      throw new AppError('VALIDATION_FAILED', {
        message: `the statement cannot be read: ${error.message}`,
        details: [{ path: 'file', code: error.reason, message: error.message, ...(error.details ?? {}) }],
      });
    }
    throw error;
  }
}

/**
 * Imports a bank statement (operators). `preview` writes nothing. `apply` records every matched
 * credit in one transaction, or nothing: a mismatched (or ambiguous) row is 422 with the rows in
 * `details`, because a person must decide it first (recording it by hand, with a note). Credits
 * that name no awaited order, skipped and duplicate rows do not stop an apply.
 */
export async function importBankStatement(
  deps: SettleDeps,
  user: SessionUser,
  input: { bytes: Uint8Array; mode: 'preview' | 'apply' },
): Promise<StatementImportResult> {
  requireOperator(user);
  const parsed = parseStatement(input.bytes);
  if (input.mode === 'preview') return (await computeImport(deps, deps.db, parsed)).result;

  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { result, toApply } = await computeImport(deps, tx, parsed);
    if (result.mismatched.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'some credits do not match their order exactly; record them by hand first, then import again',
        details: result.mismatched.map((m) => ({ path: `row.${m.row}`, code: m.kind, message: m.message })),
      });
    }
    for (const item of toApply) {
      const locked = await lockOrderWithFulfilments(tx, item.orderId);
      // Paid by someone else since the match was read (a concurrent import or a hand-recorded
      // transfer): the file is no longer what the operator previewed; nothing is written.
      if (!locked || locked.order.paidAt !== null) {
        throw new AppError('CONFLICT', {
          message: `order ${locked?.order.code ?? item.orderId} was paid meanwhile; preview the file again`,
          details: { row: item.row.rowNumber },
        });
      }
      const payment = await lockBankPayment(tx, locked.order, deps.env, now);
      const eventRowId = newId('pev');
      const inserted = await repo.insertEvent(tx, {
        id: eventRowId,
        provider: 'bank_transfer',
        eventId: item.eventId,
        type: 'bank.statement_credit',
        paymentId: payment.id,
        orderId: item.orderId,
        amountVnd: item.row.amountVnd,
        outcome: 'applied',
        summary: { ...item.row },
        actorUserId: user.userId,
        occurredAt: new Date(`${item.row.date}T00:00:00+07:00`),
        receivedAt: now,
      });
      if (!inserted) {
        throw new AppError('CONFLICT', {
          message: 'this statement is being imported by someone else; preview it again',
          details: { row: item.row.rowNumber },
        });
      }
      const outcome = await creditTransfer(deps, tx, payment, { amountVnd: item.row.amountVnd, note: null, now });
      if (outcome === 'flagged') await repo.updateEvent(tx, eventRowId, { outcome: 'flagged' });
    }
    return { ...result, applied: true };
  });
}
