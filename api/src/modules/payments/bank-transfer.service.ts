import { createHash } from 'node:crypto';
import type {
  BankTransferListQuery,
  BankTransferPage,
  BankTransferReceived,
  Order,
  StatementImportResult,
} from '@nongsan/contracts';
import { newId, type Tx } from '@nongsan/db';
import {
  BankStatementError,
  type ExpectedTransfer,
  matchStatement,
  type ParsedBankStatement,
  parseBankStatementCsv,
  renderQrSvg,
  type StatementRow,
} from '@nongsan/payments';
import { formatVnd } from '@nongsan/vn';
import { AppError } from '../../errors.ts';
import { requireOperator } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { getOrder, lockOrderWithFulfilments, type OrderRow } from '../orders/index.ts';
import { transferReference } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import { type SettleDeps, settleCapture } from './settlement.ts';

// Bank transfers to the marketplace's account: the buyer scans the order's VietQR code; the money
// is recorded by an operator (one transfer seen in the banking app) or by importing the account's
// statement. Only a credit of exactly what the order still owes pays it; anything else is recorded
// and flagged for a person, never accepted silently.

/** A statement credit may pay an order placed this long ago at most (older ones are long settled). */
const STATEMENT_LOOKBACK_DAYS = 90;

/** The order's bank payment, written the first time money is recorded for it, and locked. */
async function lockBankPayment(tx: Tx, order: OrderRow, env: SettleDeps['env'], now: Date): Promise<repo.PaymentRow> {
  const reference = transferReference(env, order.code);
  await repo.insertPayment(tx, {
    id: newId('pay'),
    orderId: order.id,
    method: 'bank_transfer',
    providerRef: reference,
    attempt: 1,
    expectedVnd: order.totalVnd,
    createdAt: now,
    updatedAt: now,
  });
  const payment = await repo.lockPaymentByRef(tx, reference);
  if (!payment) throw new Error(`bank payment of ${order.id} not recorded`);
  return payment;
}

/**
 * Adds a credit to the order's bank payment (order and payment locked by the caller). Exactly the
 * total received pays the order (or, cancelled by now, owes it all back); any other sum leaves it
 * unpaid and flagged with what arrived.
 */
async function creditTransfer(
  deps: SettleDeps,
  tx: Tx,
  payment: repo.PaymentRow,
  credit: { amountVnd: number; note: string | null; now: Date },
): Promise<'paid' | 'flagged' | 'too_late' | 'already_paid'> {
  const receivedVnd = payment.receivedVnd + credit.amountVnd;
  if (receivedVnd === payment.expectedVnd) {
    const updated = { ...payment, receivedVnd, status: 'succeeded' as const, flagReason: null };
    await repo.updatePayment(tx, payment.id, {
      receivedVnd,
      status: 'succeeded',
      flagReason: null,
      flagNote: null,
      flaggedAt: null,
      updatedAt: credit.now,
    });
    return settleCapture(deps, tx, updated, credit.now);
  }
  const summary =
    receivedVnd < payment.expectedVnd
      ? `${formatVnd(receivedVnd)} received of ${formatVnd(payment.expectedVnd)}: ${formatVnd(payment.expectedVnd - receivedVnd)} short`
      : `${formatVnd(receivedVnd)} received of ${formatVnd(payment.expectedVnd)}: ${formatVnd(receivedVnd - payment.expectedVnd)} too much`;
  await repo.updatePayment(tx, payment.id, {
    receivedVnd,
    flagReason: 'amount_mismatch',
    flagNote: credit.note ? `${summary}. ${credit.note}` : summary,
    flaggedAt: credit.now,
    updatedAt: credit.now,
  });
  return 'flagged';
}

/**
 * An operator saw a transfer for this order arrive. Each call records one credit; the order must
 * still be waiting for its money (or cancelled: money after the deadline is owed back), so a
 * repeated tap after it was paid is 409, never a second credit.
 */
export async function markTransferReceived(
  deps: SettleDeps,
  user: SessionUser,
  orderId: string,
  input: BankTransferReceived,
): Promise<{ order: Order }> {
  requireOperator(user);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, orderId);
    if (!locked) throw new AppError('NOT_FOUND', { message: 'order not found' });
    const { order } = locked;
    if (order.paymentMethod !== 'bank_transfer') {
      throw new AppError('CONFLICT', {
        message: 'this order is not paid by bank transfer',
        details: { method: order.paymentMethod },
      });
    }
    if (order.paidAt !== null) {
      throw new AppError('CONFLICT', {
        message: 'this order is already paid',
        details: { status: order.paymentStatus },
      });
    }
    const payment = await lockBankPayment(tx, order, deps.env, now);
    const eventRowId = newId('pev');
    await repo.insertEvent(tx, {
      id: eventRowId,
      provider: 'bank_transfer',
      eventId: `manual:${eventRowId}`,
      type: 'bank.received',
      paymentId: payment.id,
      orderId,
      amountVnd: input.amountVnd,
      outcome: 'applied',
      summary: { amountVnd: input.amountVnd, note: input.note ?? null },
      actorUserId: user.userId,
      occurredAt: now,
      receivedAt: now,
    });
    const result = await creditTransfer(deps, tx, payment, {
      amountVnd: input.amountVnd,
      note: input.note ?? null,
      now,
    });
    if (result === 'flagged') await repo.updateEvent(tx, eventRowId, { outcome: 'flagged' });
  });
  return { order: await getOrder(deps, user, orderId) };
}

/** The VietQR code of the order, for its buyer and its sellers (others and other methods: 404). */
export async function renderOrderQr(deps: SettleDeps, user: SessionUser, orderId: string): Promise<string> {
  const order = await getOrder(deps, user, orderId);
  const transfer = order.payment.bankTransfer;
  if (order.payment.method !== 'bank_transfer' || !transfer) {
    throw new AppError('NOT_FOUND', { message: 'this order has no bank transfer to pay' });
  }
  return renderQrSvg(transfer.qrPayload);
}

/** Bank-transfer orders for the operator: awaiting money, flagged for a look, or all. */
export async function listBankTransfers(
  deps: SettleDeps,
  user: SessionUser,
  query: BankTransferListQuery,
): Promise<BankTransferPage> {
  requireOperator(user);
  const { rows, total } = await repo.listBankTransferOrders(deps.db, {
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return {
    transfers: rows.map(({ order, buyerPhone, payment }) => ({
      orderId: order.id,
      orderCode: order.code,
      reference: transferReference(deps.env, order.code),
      buyerPhone,
      totalVnd: order.totalVnd,
      receivedVnd: payment?.receivedVnd ?? 0,
      status: order.paymentStatus,
      flagged: payment?.flagReason ? { reason: payment.flagReason, note: payment.flagNote } : null,
      deadlineAt: order.paymentDeadlineAt?.toISOString() ?? null,
      createdAt: order.createdAt.toISOString(),
    })),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}

// ---- statement import ------------------------------------------------------------------------

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
  db: Parameters<typeof repo.findAwaitedTransfers>[0],
  parsed: ParsedBankStatement,
): Promise<Computed> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - STATEMENT_LOOKBACK_DAYS * 86_400_000);
  const ids = new Map(parsed.rows.map((row) => [row, statementEventId(row)]));
  const [awaited, recorded] = await Promise.all([
    repo.findAwaitedTransfers(db, since),
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
