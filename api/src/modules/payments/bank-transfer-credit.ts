import { newId, type Tx } from '@nongsan/db';
import { formatVnd } from '@nongsan/vn';
import type { OrderRow } from '../orders/index.ts';
import { transferReference } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import { type SettleDeps, settleCapture } from './settlement.ts';

// The core both ways of recording a bank transfer share: the order's bank payment (written the
// first time money is recorded, and locked), and adding one credit to it.

/** The order's bank payment, written the first time money is recorded for it, and locked. */
export async function lockBankPayment(
  tx: Tx,
  order: OrderRow,
  env: SettleDeps['env'],
  now: Date,
): Promise<repo.PaymentRow> {
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
export async function creditTransfer(
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
