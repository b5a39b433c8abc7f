import type { StripeClient } from '@nongsan/contracts';
import { newId, type Tx } from '@nongsan/db';
import {
  applyPaymentEvent,
  isPaymentCaptured,
  type ParsedPaymentEvent,
  PaymentProviderError,
  type PaymentState,
  type WebhookHeaders,
  WebhookPayloadError,
  WebhookSignatureError,
} from '@nongsan/payments';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { findOrderRecord, lockOrderWithFulfilments } from '../orders/index.ts';
import { isCaptured, stateOfRow } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import { type SettleDeps, settleCapture, settleRefunds } from './settlement.ts';

// Card payments through Stripe: one PaymentIntent per attempt, started after the order committed
// (never inside a transaction), and webhook events applied exactly once under the payment's lock.

const orderNotFound = () => new AppError('NOT_FOUND', { message: 'order not found' });

/** A provider failure as the API's error: Stripe down is 503 (retry later), a refusal 402. */
export function providerFailure(error: unknown): unknown {
  if (!(error instanceof PaymentProviderError)) return error;
  return error.code === 'PROVIDER_UNAVAILABLE'
    ? new AppError('SERVICE_UNAVAILABLE', {
        message: 'the card payment service is not answering; try again in a minute',
        cause: error,
      })
    : new AppError('PAYMENT_FAILED', {
        message: 'the card payment service refused the payment',
        details: { providerCode: error.providerCode },
        cause: error,
      });
}

/** Attempts the buyer may still pay: a declined card is retried on the same PaymentIntent. */
const RESUMABLE = new Set<repo.PaymentRow['status']>(['pending', 'processing', 'failed']);

/**
 * Starts the order's card payment, or resumes the attempt in progress. A new attempt is made only
 * when there is none, or the last one was cancelled; its number names its idempotency key, so
 * retrying after Stripe was down (or after a crash between Stripe's answer and our write) sends
 * the same key and gets the same PaymentIntent back.
 */
export async function startStripePayment(deps: SettleDeps, orderId: string): Promise<StripeClient> {
  const provider = deps.payments.find('stripe');
  const order = await findOrderRecord(deps.db, orderId);
  if (!order) throw orderNotFound();
  if (order.paymentMethod !== 'stripe') {
    throw new AppError('CONFLICT', {
      message: 'this order is not paid by card',
      details: { method: order.paymentMethod },
    });
  }
  if (order.paymentStatus !== 'pending') {
    throw new AppError('CONFLICT', {
      message: 'this order is not waiting for a payment',
      details: { status: order.paymentStatus },
    });
  }
  const publishableKey = deps.env.payments.stripe?.publishableKey;
  if (!provider || !publishableKey) {
    throw new AppError('SERVICE_UNAVAILABLE', { message: 'card payments are not offered here now' });
  }
  const [latest] = await repo.findPaymentsOfOrders(deps.db, [orderId]);
  if (latest && RESUMABLE.has(latest.status) && latest.clientSecret) {
    return { clientSecret: latest.clientSecret, publishableKey };
  }
  if (latest && isCaptured(latest)) {
    throw new AppError('CONFLICT', { message: 'this order is already paid', details: { status: 'paid' } });
  }
  const attempt = latest ? latest.attempt + 1 : 1;
  let start: Awaited<ReturnType<typeof provider.start>>;
  try {
    start = await provider.start(
      { orderId, orderCode: order.code, amountVnd: order.totalVnd, description: `nongsan: đơn hàng ${order.code}` },
      attempt,
    );
  } catch (error) {
    throw providerFailure(error);
  }
  const now = deps.clock.now();
  await repo.insertPayment(deps.db, {
    id: newId('pay'),
    orderId,
    method: 'stripe',
    providerRef: start.paymentRef,
    attempt,
    expectedVnd: order.totalVnd,
    clientSecret: start.clientSecret,
    createdAt: now,
    updatedAt: now,
  });
  // Two concurrent starts of one attempt got the same PaymentIntent (same key); whichever row
  // was written is the attempt.
  const row = await repo.findPaymentOfOrder(deps.db, orderId, attempt);
  if (!row?.clientSecret) throw new Error(`attempt ${attempt} of ${orderId} not recorded`);
  return { clientSecret: row.clientSecret, publishableKey: start.publishableKey };
}

/** POST /orders/:orderId/payment/stripe: the buyer only; anyone else learns nothing (404). */
export async function startStripePaymentForBuyer(
  deps: SettleDeps,
  user: SessionUser,
  orderId: string,
): Promise<StripeClient> {
  const order = await findOrderRecord(deps.db, orderId);
  if (!order || order.buyerUserId !== user.userId) throw orderNotFound();
  return startStripePayment(deps, orderId);
}

/**
 * POST /payments/stripe/webhook: the raw body is verified (signature and age) before anything
 * in it is read; a forged, altered or replayed delivery is 400 and writes nothing.
 */
export async function receiveStripeWebhook(
  deps: SettleDeps,
  rawBody: string,
  headers: WebhookHeaders,
): Promise<{ received: true }> {
  const provider = deps.payments.find('stripe');
  if (!provider) throw new AppError('NOT_FOUND', { message: 'card payments are not offered here' });
  let event: ParsedPaymentEvent;
  try {
    event = provider.parseEvent(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      throw new AppError('BAD_REQUEST', {
        message: 'the webhook signature does not verify',
        details: { reason: error.reason },
      });
    }
    if (error instanceof WebhookPayloadError) {
      throw new AppError('BAD_REQUEST', {
        message: 'the signed event does not have the expected shape',
        details: { eventId: error.eventId, eventType: error.eventType },
      });
    }
    throw error;
  }
  await applyStripeEvent(deps, event);
  return { received: true };
}

export type EventOutcome = 'duplicate' | 'ignored' | 'unknown_payment' | 'flagged' | 'unchanged' | 'applied';

/**
 * Applies one verified event, exactly once: the event row is inserted first (ON CONFLICT DO
 * NOTHING on the provider's event id) and only the transaction that inserted it goes on. Then,
 * with the order and the payment locked, the reducer takes the payment to the highest state the
 * events so far imply, so late and reordered deliveries never move it back. Money that does not
 * match the order is flagged for review, never applied.
 */
export async function applyStripeEvent(deps: SettleDeps, event: ParsedPaymentEvent): Promise<EventOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const eventRowId = newId('pev');
    const isIgnored = event.type === 'ignored';
    const inserted = await repo.insertEvent(tx, {
      id: eventRowId,
      provider: 'stripe',
      eventId: event.eventId,
      type: isIgnored ? event.providerType : event.type,
      amountVnd: isIgnored ? null : event.amountVnd,
      outcome: isIgnored ? 'ignored' : 'unchanged',
      summary: { ...event },
      occurredAt: new Date(event.occurredAt),
      receivedAt: now,
    });
    if (!inserted) return 'duplicate';
    if (event.type === 'ignored') return 'ignored';

    const ref = await repo.findPaymentByRef(tx, event.paymentRef);
    if (!ref) {
      // A PaymentIntent nongsan did not make (or made for another deployment): kept for review.
      await repo.updateEvent(tx, eventRowId, { outcome: 'unknown_payment' });
      deps.logger.warn({ eventId: event.eventId, paymentRef: event.paymentRef }, 'stripe event for an unknown payment');
      return 'unknown_payment';
    }
    await lockOrderWithFulfilments(tx, ref.orderId);
    const payment = await repo.lockPayment(tx, ref.id);
    const before: PaymentState = stateOfRow(payment);
    const transition = applyPaymentEvent(before, event);
    if (transition.flag) {
      const { expected, received } = transition.flag;
      await repo.updatePayment(tx, payment.id, {
        flagReason: transition.flag.reason,
        flagNote:
          `event ${event.eventId}: expected ${expected.amountVnd} ${expected.currency}, ` +
          `received ${received.amountVnd} ${received.currency}` +
          (received.refundedVnd === undefined ? '' : ` (refunded ${received.refundedVnd})`),
        flaggedAt: now,
        updatedAt: now,
      });
      await repo.updateEvent(tx, eventRowId, { outcome: 'flagged', paymentId: payment.id, orderId: payment.orderId });
      deps.logger.warn({ eventId: event.eventId, flag: transition.flag }, 'stripe payment flagged for review');
      return 'flagged';
    }
    await repo.updateEvent(tx, eventRowId, {
      outcome: transition.changed ? 'applied' : 'unchanged',
      paymentId: payment.id,
      orderId: payment.orderId,
    });
    if (!transition.changed) return 'unchanged';
    const after = transition.state;
    await repo.updatePayment(tx, payment.id, {
      status: after.status,
      receivedVnd: after.receivedVnd,
      refundedVnd: after.refundedVnd,
      statusAt: after.statusAt === null ? null : new Date(after.statusAt),
      updatedAt: now,
    });
    const updated = {
      ...payment,
      receivedVnd: after.receivedVnd,
      refundedVnd: after.refundedVnd,
      status: after.status,
    };
    if (!isPaymentCaptured(before) && isPaymentCaptured(after)) {
      await settleCapture(deps, tx, updated, now);
    }
    if (after.refundedVnd > before.refundedVnd) {
      await completeRefundsUpTo(deps, tx, updated, now);
    }
    return 'applied';
  });
}

/**
 * Which open refunds a newly refunded amount `target` settles: the subset whose amounts add up to
 * exactly that, preferring refunds already sent to Stripe (a refund not sent yet was not made by
 * us). Stripe reports only the charge's cumulative total, so amounts are what there is to go by;
 * refunds of equal amounts are interchangeable for the money. None fits: nothing (a refund made in
 * the Stripe dashboard, say), and the next event's larger total is tried again.
 */
export function refundsSettledBy(open: readonly repo.RefundRow[], target: number): repo.RefundRow[] {
  if (target <= 0) return [];
  const subsetOf = (candidates: readonly repo.RefundRow[]) => {
    // The open refunds of one payment: one per cancelled part plus the few a seller gave after
    // delivery, a handful, so trying every subset is cheap (bounded at 16 all the same).
    const n = Math.min(candidates.length, 16);
    for (let mask = 1; mask < 1 << n; mask++) {
      let sum = 0;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) sum += candidates[i]!.amountVnd;
      if (sum === target) return candidates.filter((_, i) => i < n && mask & (1 << i));
    }
    return null;
  };
  return subsetOf(open.filter((r) => r.status === 'processing')) ?? subsetOf(open) ?? [];
}

/**
 * Stripe reports the charge's refunded total (cumulative). The refunds it newly covers are
 * completed, then the order is settled. A refund completed this way is never sent again by the
 * job (it only sends pending ones).
 */
async function completeRefundsUpTo(deps: SettleDeps, tx: Tx, payment: repo.PaymentRow, now: Date): Promise<void> {
  const refunds = await repo.findRefundsOfPayment(tx, payment.id);
  const completedVnd = refunds.reduce((sum, r) => sum + (r.status === 'completed' ? r.amountVnd : 0), 0);
  const open = refunds.filter((r) => r.status === 'pending' || r.status === 'processing');
  const settled = refundsSettledBy(open, payment.refundedVnd - completedVnd);
  if (settled.length === 0 && open.length > 0) {
    deps.logger.warn({ paymentId: payment.id, refundedVnd: payment.refundedVnd }, 'refunded total matches no refund');
  }
  for (const refund of settled) {
    await repo.updateRefundFrom(tx, refund.id, refund.status, {
      status: 'completed',
      completedAt: now,
      updatedAt: now,
    });
  }
  await settleRefunds(tx, payment.orderId, now);
}

/**
 * The `payments.refund` job: sends one card refund. Only a pending refund is sent, with the key
 * `order:<orderId>:refund:<refundId>`, so a retried job (Stripe down, a crash after Stripe
 * answered) never refunds twice. Stripe down: the job fails and the queue retries it later.
 */
export async function sendCardRefund(deps: SettleDeps, refundId: string): Promise<void> {
  const found = await repo.findRefund(deps.db, refundId);
  if (found?.refund.status !== 'pending' || found.refund.method !== 'stripe') return;
  const provider = deps.payments.find('stripe');
  if (!provider) throw new Error('a card refund is due but Stripe is not configured');
  const { refund, paymentRef } = found;
  const now = deps.clock.now();
  try {
    const result = await provider.refund({ orderId: refund.orderId, paymentRef, refundId }, refund.amountVnd);
    const isRefused = result.status === 'failed' || result.status === 'canceled';
    await repo.updateRefundFrom(deps.db, refundId, 'pending', {
      status: isRefused ? 'failed' : 'processing',
      providerRef: result.refundRef,
      note: isRefused ? `Stripe answered ${result.status}` : null,
      updatedAt: now,
    });
  } catch (error) {
    if (error instanceof PaymentProviderError && error.code === 'PROVIDER_REJECTED') {
      await repo.updateRefundFrom(deps.db, refundId, 'pending', {
        status: 'failed',
        note: error.message,
        updatedAt: now,
      });
      deps.logger.error({ refundId, err: error.message }, 'card refund refused');
      return;
    }
    throw error;
  }
}
