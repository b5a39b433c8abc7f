import type { BankTransferInstructions, OrderPayment, OrderRefund } from '@nongsan/contracts';
import { buildTransferReference, buildVietQrPayload, isPaymentCaptured } from '@nongsan/payments';
import type { Env } from '../../env.ts';
import type { OrderRow, PaymentViewRequest } from '../orders/index.ts';
import type { PaymentRow } from './payments.repo.ts';
import type { RefundRow } from './refunds.repo.ts';

// Rows to the `order.payment` of the contract. Pure: the order views call it with what
// payments.repo read for a page of orders at once.

/**
 * The transfer reference of an order: `NS` + its code's letters and digits (`NS-7K3M9Q` →
 * `NS7K3M9Q`), what the buyer writes in the transfer and a statement row is matched by.
 */
export function transferReference(env: Pick<Env, 'payments'>, orderCode: string): string {
  const prefix = env.payments.bankTransfer?.referencePrefix ?? 'NS';
  return buildTransferReference(orderCode.replace(/^NS-/i, ''), prefix);
}

/** The bank, account and amount the buyer transfers to, and the VietQR string of it all. */
export function bankInstructions(env: Pick<Env, 'payments'>, order: OrderRow): BankTransferInstructions | null {
  const bank = env.payments.bankTransfer;
  if (!bank) return null;
  const reference = transferReference(env, order.code);
  return {
    bankBin: bank.bankBin,
    bankName: bank.bankName,
    accountNumber: bank.accountNumber,
    accountName: bank.accountName,
    amountVnd: order.totalVnd,
    reference,
    qrPayload: buildVietQrPayload({
      bankBin: bank.bankBin,
      accountNumber: bank.accountNumber,
      amountVnd: order.totalVnd,
      purpose: reference,
    }),
  };
}

export type PaymentFacts = {
  /** The order's payments, latest attempt first. */
  payments: readonly PaymentRow[];
  cash: readonly { fulfilmentId: string | null; amountVnd: number | null; collectedAt: Date }[];
  refunds: readonly RefundRow[];
};

export const NO_FACTS: PaymentFacts = { payments: [], cash: [], refunds: [] };

/** Attempts a buyer may still pay: a declined card can be retried on the same PaymentIntent. */
const PAYABLE_ATTEMPT = new Set<PaymentRow['status']>(['pending', 'processing', 'failed']);

export function stateOfRow(row: PaymentRow) {
  return {
    status: row.status,
    expectedAmountVnd: row.expectedVnd,
    receivedVnd: row.receivedVnd,
    refundedVnd: row.refundedVnd,
    statusAt: row.statusAt?.toISOString() ?? null,
  };
}

export function isCaptured(row: PaymentRow): boolean {
  return isPaymentCaptured(stateOfRow(row));
}

/**
 * The refunds a viewer may see: a seller's team those of its own parts; the buyer and an operator
 * all (a second payment's refund, of no part, included).
 */
function visibleRefunds(request: PaymentViewRequest, refunds: readonly RefundRow[]): RefundRow[] {
  if (request.viewer !== 'seller') return [...refunds];
  const mine = new Set(request.fulfilments.map((f) => f.id));
  return refunds.filter((r) => r.fulfilmentId !== null && mine.has(r.fulfilmentId));
}

function toRefundViews(refunds: readonly RefundRow[]): OrderRefund[] {
  return [...refunds]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      fulfilmentId: r.fulfilmentId,
      orderItemId: r.orderItemId,
      amountVnd: r.amountVnd,
      method: r.method,
      status: r.status,
      reason: r.reason,
      note: r.sellerNote,
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    }));
}

export function toOrderPayment(
  env: Pick<Env, 'payments'>,
  request: PaymentViewRequest,
  facts: PaymentFacts,
): OrderPayment {
  const { order } = request;
  const refunds = visibleRefunds(request, facts.refunds);
  const flaggedRow = facts.payments.find((p) => p.flagReason !== null);
  const view: OrderPayment = {
    method: order.paymentMethod,
    status: order.paymentStatus,
    deadlineAt: order.paymentDeadlineAt?.toISOString() ?? null,
    ...(request.viewer === 'seller' ? sellerMoney(request, facts, refunds) : orderMoney(order, facts)),
    refundedVnd: sumVnd(refunds.filter((r) => r.status === 'completed')),
    // A seller's team learns that the money needs a look, not the note, which may quote the
    // order-wide amounts.
    flagged: flaggedRow
      ? { reason: flaggedRow.flagReason!, note: request.viewer === 'seller' ? null : flaggedRow.flagNote }
      : null,
    refunds: toRefundViews(refunds),
  };
  switch (order.paymentMethod) {
    case 'bank_transfer': {
      // Where to send the whole order's money is the buyer's (and an operator's) to see.
      const instructions = request.viewer === 'seller' ? null : bankInstructions(env, order);
      if (instructions) view.bankTransfer = instructions;
      break;
    }
    case 'stripe': {
      const stripe = env.payments.stripe;
      // The client secret confirms the PaymentIntent: only its buyer sees it, and only while the
      // order still waits for the money.
      const attempt = facts.payments.find((p) => p.method === 'stripe');
      view.stripe =
        request.viewer === 'buyer' &&
        stripe &&
        order.paymentStatus === 'pending' &&
        attempt?.clientSecret &&
        PAYABLE_ATTEMPT.has(attempt.status)
          ? { clientSecret: attempt.clientSecret, publishableKey: stripe.publishableKey }
          : null;
      break;
    }
    case 'cod': {
      view.cashCollected = visibleCash(request, facts).map((c) => ({
        fulfilmentId: c.fulfilmentId!,
        amountVnd: c.amountVnd ?? 0,
        collectedAt: c.collectedAt.toISOString(),
      }));
      break;
    }
  }
  return view;
}

type Money = Pick<OrderPayment, 'totalVnd' | 'receivedVnd' | 'refundDueVnd'>;

const sumVnd = (rows: readonly { amountVnd: number | null }[]) => rows.reduce((sum, r) => sum + (r.amountVnd ?? 0), 0);

/** The whole order's money: what its buyer and an operator see. */
function orderMoney(order: PaymentViewRequest['order'], facts: PaymentFacts): Money {
  return {
    totalVnd: order.totalVnd,
    receivedVnd: facts.payments.reduce((sum, p) => sum + p.receivedVnd, 0),
    refundDueVnd: order.refundDueVnd,
  };
}

/**
 * A seller team's share of the money, from its own parts only: their total; received, once the
 * order's payment captured (one payment pays every part in full) or, cash on delivery, the cash
 * recorded for them; and what is owed back of them (every refund owed for a part is a row of its own).
 */
function sellerMoney(request: PaymentViewRequest, facts: PaymentFacts, refunds: readonly RefundRow[]): Money {
  const totalVnd = request.fulfilments.reduce((sum, f) => sum + f.totalVnd, 0);
  const captured = facts.payments.some((p) => p.method !== 'cod' && isCaptured(p));
  const receivedVnd =
    request.order.paymentMethod === 'cod' ? sumVnd(visibleCash(request, facts)) : captured ? totalVnd : 0;
  return { totalVnd, receivedVnd, refundDueVnd: sumVnd(refunds) };
}

/** Cash recorded for the parts the viewer sees (all of them for the buyer and an operator). */
function visibleCash(request: PaymentViewRequest, facts: PaymentFacts): PaymentFacts['cash'] {
  if (request.viewer !== 'seller') return facts.cash.filter((c) => c.fulfilmentId !== null);
  const mine = new Set(request.fulfilments.map((f) => f.id));
  return facts.cash.filter((c) => c.fulfilmentId !== null && mine.has(c.fulfilmentId));
}
