import type { PaymentEvent } from './payment-provider.ts';

// The state of one provider payment (one Stripe PaymentIntent = one order attempt), driven by
// provider events. Webhooks arrive late, twice, or out of order, so the reducer is built as a
// "max" over a fixed precedence rather than as transitions from the current state: the final state
// depends only on the SET of events applied, never on their order, and applying an event again
// changes nothing. That is what lets the orders module apply events as they come, deduplicated by
// event id, and still end where the provider is.
//
//   pending ─► processing ─► succeeded ─► partially_refunded ─► refunded
//      │  ▲        │              ▲
//      │  └─ failed ◄┘            │ (a retry on the same PaymentIntent after a decline)
//      │     └────────────────────┘
//      └─► cancelled  (also from processing / failed)
//
// Precedence, lowest first: pending < {processing, failed} < cancelled < succeeded
// < {partially_refunded, refunded}. Between processing and failed the later `occurredAt` wins
// (the buyer may retry after a decline: failed → processing), and on equal times failed wins.
// Among refund states the larger cumulative refunded amount wins.

export type PaymentStatus =
  | 'pending'
  | 'processing'
  | 'failed'
  | 'cancelled'
  | 'succeeded'
  | 'partially_refunded'
  | 'refunded';

export type PaymentState = {
  status: PaymentStatus;
  /** The order total this payment must collect, in đồng. */
  expectedAmountVnd: number;
  /** Đồng received: 0 until the payment succeeds, then the expected amount. */
  receivedVnd: number;
  /** Đồng refunded so far (the provider's cumulative figure). */
  refundedVnd: number;
  /** For `processing` / `failed`: when the provider says it happened; orders those two. */
  statusAt: string | null;
};

/** The only currency nongsan takes. Stripe reports currencies in lower case. */
export const PAYMENT_CURRENCY = 'vnd';

/**
 * Why an event was set aside for a person to review instead of being applied:
 * - `currency_mismatch`: not VND.
 * - `amount_mismatch`: the provider's amount is not the order total (an under- or over-payment, or
 *   a PaymentIntent changed outside nongsan). Never accepted silently: an order is paid only when
 *   exactly its total arrived.
 * - `refund_exceeds_payment`: the refunded total is larger than the charge.
 */
export type PaymentFlagReason = 'currency_mismatch' | 'amount_mismatch' | 'refund_exceeds_payment';

export type PaymentFlag = {
  reason: PaymentFlagReason;
  eventId: string;
  expected: { amountVnd: number; currency: string };
  received: { amountVnd: number; currency: string; refundedVnd?: number };
};

export type PaymentTransition = {
  state: PaymentState;
  /** True when `state` differs from the state passed in: the caller writes it. */
  changed: boolean;
  /** Set when the event was not applied and needs review; `state` is then the one passed in. */
  flag: PaymentFlag | null;
};

/** The state of a payment that was just started for an order total of `expectedAmountVnd`. */
export function createPaymentState(expectedAmountVnd: number): PaymentState {
  if (!Number.isSafeInteger(expectedAmountVnd) || expectedAmountVnd <= 0) {
    throw new RangeError(`expectedAmountVnd must be a positive whole number of đồng, got ${expectedAmountVnd}`);
  }
  return { status: 'pending', expectedAmountVnd, receivedVnd: 0, refundedVnd: 0, statusAt: null };
}

const TIER: Record<PaymentStatus, number> = {
  pending: 0,
  processing: 1,
  failed: 1,
  cancelled: 2,
  succeeded: 3,
  partially_refunded: 4,
  refunded: 4,
};

function timeOf(iso: string | null): number {
  if (iso === null) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Negative when `a` ranks below `b`, 0 when they are the same state, positive when above. */
function compareStates(a: PaymentState, b: PaymentState): number {
  const tier = TIER[a.status] - TIER[b.status];
  if (tier !== 0) return tier;
  if (TIER[a.status] === 1) {
    const time = timeOf(a.statusAt) - timeOf(b.statusAt);
    if (time !== 0) return time;
    if (a.status !== b.status) return a.status === 'failed' ? 1 : -1;
    return 0;
  }
  if (TIER[a.status] === 4) return a.refundedVnd - b.refundedVnd;
  return 0;
}

function isSameState(a: PaymentState, b: PaymentState): boolean {
  return (
    a.status === b.status &&
    a.expectedAmountVnd === b.expectedAmountVnd &&
    a.receivedVnd === b.receivedVnd &&
    a.refundedVnd === b.refundedVnd &&
    a.statusAt === b.statusAt
  );
}

function isWholeDong(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkEvent(state: PaymentState, event: PaymentEvent): PaymentFlag | null {
  const refundedVnd = event.type === 'refunded' ? event.refundedVnd : undefined;
  const flag = (reason: PaymentFlagReason): PaymentFlag => ({
    reason,
    eventId: event.eventId,
    expected: { amountVnd: state.expectedAmountVnd, currency: PAYMENT_CURRENCY },
    received: {
      amountVnd: event.amountVnd,
      currency: event.currency,
      ...(refundedVnd === undefined ? {} : { refundedVnd }),
    },
  });
  if (event.currency !== PAYMENT_CURRENCY) return flag('currency_mismatch');
  if (!isWholeDong(event.amountVnd) || event.amountVnd !== state.expectedAmountVnd) return flag('amount_mismatch');
  if (refundedVnd !== undefined && (!isWholeDong(refundedVnd) || refundedVnd === 0 || refundedVnd > event.amountVnd)) {
    return flag('refund_exceeds_payment');
  }
  return null;
}

/** The state the event alone says the payment has reached. */
function stateOf(state: PaymentState, event: PaymentEvent): PaymentState {
  const base = { expectedAmountVnd: state.expectedAmountVnd, receivedVnd: 0, refundedVnd: 0, statusAt: null };
  switch (event.type) {
    case 'processing':
    case 'failed':
      return { ...base, status: event.type, statusAt: event.occurredAt };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'succeeded':
      return { ...base, status: 'succeeded', receivedVnd: event.amountVnd };
    case 'refunded':
      // A refund implies the payment succeeded, so a refund delivered before `succeeded` already
      // carries the payment to its refunded state; the late `succeeded` then ranks below it.
      return {
        ...base,
        status: event.refundedVnd >= event.amountVnd ? 'refunded' : 'partially_refunded',
        receivedVnd: event.amountVnd,
        refundedVnd: event.refundedVnd,
      };
  }
}

/**
 * Applies one provider event to a payment's state. Pure. Never moves a payment back: a
 * `failed` after `succeeded`, or an older refund total after a newer one, leaves the state as it
 * is. An event whose amount or currency is not the expected one is not applied; it comes back as
 * a `flag` for review.
 */
export function applyPaymentEvent(state: PaymentState, event: PaymentEvent): PaymentTransition {
  const flag = checkEvent(state, event);
  if (flag !== null) return { state, changed: false, flag };
  const candidate = stateOf(state, event);
  const next = compareStates(candidate, state) > 0 ? candidate : state;
  const changed = !isSameState(next, state);
  return { state: changed ? next : state, changed, flag: null };
}

/** True once the money has arrived (refunds included: what was paid was paid). */
export function isPaymentCaptured(state: PaymentState): boolean {
  return TIER[state.status] >= TIER.succeeded;
}
