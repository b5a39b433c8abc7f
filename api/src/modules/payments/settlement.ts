import { newId, type Tx } from '@nongsan/db';
import { z } from 'zod';
import { defineJob, idOf } from '../../lib/jobs/index.ts';
import {
  findFulfilmentsOfOrder,
  findOrderRecord,
  markOrderPaid,
  type OrderDeps,
  settleOrderRefunds,
} from '../orders/index.ts';
import { isCaptured } from './payment-views.ts';
import * as repo from './payments.repo.ts';

// What follows from money arriving or leaving, inside the transaction that recorded it (the order
// and the payment are locked by the caller). Shared by every way of paying.

const refundPayload = z.object({ refundId: idOf('ref') });

/** Job kinds of the payments module and their payloads (handlers in payment-jobs.ts). */
export const PAYMENT_JOBS = {
  /** Sends one card refund to Stripe; the refund row's id is the idempotency source. */
  refund: defineJob('payments.refund', refundPayload),
  /** Tells the buyer of a refund after delivery: how much, and how the money comes back. */
  refundNotice: defineJob('payments.refund_notice', refundPayload, { leaseMs: 30_000 }),
} as const;

export type SettleDeps = OrderDeps;

/**
 * A payment has just captured the whole order total. The order becomes paid, unless it was
 * cancelled meanwhile (paid after its deadline: everything is owed back, one refund per
 * fulfilment) or another payment paid it first (two tabs, or a transfer and a card: this payment
 * is given back in full).
 */
export async function settleCapture(
  deps: SettleDeps,
  tx: Tx,
  payment: repo.PaymentRow,
  now: Date,
): Promise<'paid' | 'too_late' | 'already_paid'> {
  const outcome = await markOrderPaid(deps, tx, payment.orderId, now);
  if (outcome === 'too_late') {
    await ensureRefunds(deps, tx, { orderId: payment.orderId, reason: 'late_payment', actorUserId: null, now });
  } else if (outcome === 'already_paid') {
    const [refund] = await repo.insertRefunds(tx, [
      {
        id: newId('ref'),
        orderId: payment.orderId,
        paymentId: payment.id,
        fulfilmentId: null,
        method: payment.method,
        amountVnd: payment.receivedVnd,
        status: 'pending',
        reason: 'duplicate_payment',
        requestedByUserId: null,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (refund) await queueRefunds(deps, tx, [refund]);
  }
  return outcome;
}

/**
 * Every cancelled fulfilment of a paid order is owed back, once: a refund row per fulfilment
 * (UNIQUE fulfilment_id, inserted ON CONFLICT DO NOTHING, so running this again adds nothing),
 * against the payment that captured the money. Card refunds are sent by a job; bank refunds wait
 * for an operator to transfer them.
 */
export async function ensureRefunds(
  deps: SettleDeps,
  tx: Tx,
  options: { orderId: string; reason: 'cancelled' | 'late_payment'; actorUserId: string | null; now: Date },
): Promise<void> {
  const [payments, order] = await Promise.all([
    repo.findPaymentsOfOrders(tx, [options.orderId]),
    findOrderRecord(tx, options.orderId),
  ]);
  const captured = capturedPaymentOf(payments);
  if (!order || !captured) {
    // Marked paid without a recorded payment (only possible through the orders hook directly):
    // nothing to pay back from; an operator handles it.
    deps.logger.warn({ orderId: options.orderId }, 'refund due but no captured payment recorded');
    return;
  }
  const cancelled = (await findFulfilmentsOfOrder(tx, options.orderId)).filter((f) => f.status === 'cancelled');
  const inserted = await repo.insertRefunds(
    tx,
    cancelled.map((f) => ({
      id: newId('ref'),
      orderId: options.orderId,
      paymentId: captured.id,
      fulfilmentId: f.id,
      method: captured.method,
      amountVnd: f.totalVnd,
      status: 'pending' as const,
      reason: options.reason,
      requestedByUserId: options.actorUserId,
      createdAt: options.now,
      updatedAt: options.now,
    })),
  );
  await queueRefunds(deps, tx, inserted);
}

/**
 * The online payment that paid the order: the first attempt that captured (a later one that also
 * captured is a duplicate, refunded on its own). Undefined for cash, or while nothing arrived.
 */
export function capturedPaymentOf(payments: readonly repo.PaymentRow[]): repo.PaymentRow | undefined {
  return payments.filter((p) => p.method !== 'cod' && isCaptured(p)).sort((a, b) => a.attempt - b.attempt)[0];
}

/** Card refunds go to Stripe through the job queue, enqueued with the rows (same transaction). */
export async function queueRefunds(deps: SettleDeps, tx: Tx, refunds: readonly repo.RefundRow[]): Promise<void> {
  await deps.jobs.enqueueMany(
    tx,
    refunds
      .filter((r) => r.method === 'stripe')
      .map((r) => PAYMENT_JOBS.refund.job({ refundId: r.id }, { dedupeKey: `refund:${r.id}` })),
  );
}

/**
 * After a refund completed: once the refunds for the order's cancelled parts (and those given
 * back after delivery) cover what it owes back, the order's payment is settled (refunded, or paid
 * again when parts are still coming or were delivered). A duplicate payment's refund does not
 * count: the order never owed it.
 */
export async function settleRefunds(tx: Tx, orderId: string, now: Date): Promise<void> {
  const refunds = await repo.findRefundsOfOrders(tx, [orderId]);
  const refundedVnd = refunds
    .filter((r) => r.status === 'completed' && r.reason !== 'duplicate_payment')
    .reduce((sum, r) => sum + r.amountVnd, 0);
  await settleOrderRefunds(tx, { orderId, refundedVnd, now });
}

/**
 * Cash on delivery is paid once the cash of every fulfilment still live is recorded (cancelled
 * parts owe nothing). Called when cash is recorded and when a part is cancelled.
 */
export async function settleCash(deps: SettleDeps, tx: Tx, orderId: string, now: Date): Promise<void> {
  const [fulfilments, cash, payments] = await Promise.all([
    findFulfilmentsOfOrder(tx, orderId),
    repo.findCashOfOrders(tx, [orderId]),
    repo.findPaymentsOfOrders(tx, [orderId]),
  ]);
  const collected = new Set(cash.map((c) => c.fulfilmentId));
  const live = fulfilments.filter((f) => f.status !== 'cancelled');
  if (live.length === 0 || !live.every((f) => collected.has(f.id))) return;
  const outcome = await markOrderPaid(deps, tx, orderId, now);
  const payment = payments.find((p) => p.method === 'cod');
  if (outcome === 'paid' && payment) {
    await repo.updatePayment(tx, payment.id, { status: 'succeeded', updatedAt: now });
  }
}
