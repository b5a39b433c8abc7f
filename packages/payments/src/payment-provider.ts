// The contract between the orders/payments module and each way of paying. Money is an integer
// number of đồng everywhere: VND has no minor unit, and Stripe treats it as zero-decimal.

export type PaymentMethod = 'stripe' | 'bank_transfer' | 'cod';

/** Display order at checkout; `createPaymentProviders` keeps it for the configured ones. */
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['stripe', 'bank_transfer', 'cod'];

/** What a provider needs to know about the order it collects money for. */
export type PaymentOrder = {
  orderId: string;
  /** Short human code printed on the order and used in bank-transfer references (`NS` + code). */
  orderCode: string;
  /** The order total in đồng: a positive safe integer. */
  amountVnd: number;
  /** Shown to the buyer by the provider where it has room (Stripe's payment description). */
  description: string;
  buyerPhone?: string;
};

/** What the client needs to pay a Stripe PaymentIntent with Stripe.js / the Payment Element. */
export type StripePaymentStart = {
  method: 'stripe';
  /** What the payments table stores to find this payment again: the PaymentIntent id. */
  paymentRef: string;
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  amountVnd: number;
};

/** What the buyer needs to pay by bank transfer: a VietQR code and the same data written out. */
export type BankTransferPaymentStart = {
  method: 'bank_transfer';
  /** The transfer reference (`NS` + order code): what statement rows are matched by. */
  paymentRef: string;
  reference: string;
  /** The EMVCo/VietQR string encoded in the QR code. */
  qrPayload: string;
  /** The QR code as a standalone SVG document (small, sharp at any size). */
  qrSvg: string;
  bank: { bin: string; name: string };
  accountNumber: string;
  accountName: string;
  amountVnd: number;
};

/** Cash on delivery: nothing happens online. */
export type CodPaymentStart = { method: 'cod' };

export type PaymentStart = StripePaymentStart | BankTransferPaymentStart | CodPaymentStart;

/** The payment being refunded, as the payments table knows it. */
export type PaymentToRefund = {
  orderId: string;
  /** The provider's payment reference (`PaymentStart.paymentRef`). */
  paymentRef: string;
  /**
   * The id of the refund row the caller wrote before calling (one per refund the operator or the
   * buyer's cancellation asked for). The provider's idempotency key derives from it, so a retry of
   * the same refund is never sent twice, and two different refunds are never merged into one.
   */
  refundId: string;
};

/**
 * - `pending` / `succeeded` / `failed` / `canceled`: Stripe's refund status; the final word comes
 *   later as a `refunded` event.
 * - `manual`: bank transfer and cash: the money goes back by hand (a seller or operator transfers
 *   it); the API records who did it.
 */
export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled' | 'manual';

export type RefundResult = {
  status: RefundStatus;
  amountVnd: number;
  /** The provider's refund id (`re_...`), null for manual refunds. */
  refundRef: string | null;
};

/** Event types a provider reports, normalised over providers. */
export type PaymentEventType = 'processing' | 'succeeded' | 'failed' | 'cancelled' | 'refunded';

type PaymentEventBase = {
  /** The provider's event id: the key of the "applied exactly once" table. */
  eventId: string;
  /** The provider's payment reference (Stripe: the PaymentIntent id). */
  paymentRef: string;
  /** Lower-case ISO 4217 code, as the provider sent it: checked, never assumed. */
  currency: string;
  /** When the provider says it happened (ISO 8601). */
  occurredAt: string;
};

/**
 * A normalised provider event.
 * - `processing` / `failed` / `cancelled`: `amountVnd` is the amount the payment asks for.
 * - `succeeded`: `amountVnd` is the amount actually received.
 * - `refunded`: `amountVnd` is the amount captured by the charge and `refundedVnd` the total
 *   refunded so far (cumulative, as the provider reports it: a late event carries a smaller total,
 *   and applying totals rather than deltas is what makes duplicates harmless).
 */
export type PaymentEvent =
  | (PaymentEventBase & { type: Exclude<PaymentEventType, 'refunded'>; amountVnd: number })
  | (PaymentEventBase & { type: 'refunded'; amountVnd: number; refundedVnd: number });

/** A correctly signed event of a type we do not act on. The API records its id and answers 200. */
export type IgnoredPaymentEvent = {
  eventId: string;
  type: 'ignored';
  /** The provider's own type, e.g. `customer.created`, for logs. */
  providerType: string;
  occurredAt: string;
};

export type ParsedPaymentEvent = PaymentEvent | IgnoredPaymentEvent;

/** Request headers as Hono (`Headers`) or node (`IncomingHttpHeaders`) hand them over. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** `Start` narrows what `start` returns for one provider (StripePaymentStart, …). */
export type PaymentProvider<Start extends PaymentStart = PaymentStart> = {
  readonly method: Start['method'];
  /**
   * Starts collecting `order.amountVnd`. `attempt` (1, 2, …) numbers the tries for one order: the
   * same attempt always yields the same provider object, a new attempt a new one.
   */
  start(order: PaymentOrder, attempt: number): Promise<Start>;
  refund(payment: PaymentToRefund, amountVnd: number): Promise<RefundResult>;
  /**
   * Providers that notify us: verifies the signature first, then normalises the event.
   * @throws WebhookSignatureError, WebhookPayloadError
   */
  parseEvent?(rawBody: string | Uint8Array, headers: WebhookHeaders): ParsedPaymentEvent;
};

/** Throws RangeError unless `amountVnd` is a positive safe integer number of đồng. */
export function assertAmountVnd(amountVnd: number, what = 'amountVnd'): void {
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) {
    throw new RangeError(`${what} must be a positive whole number of đồng, got ${amountVnd}`);
  }
}

/** Throws RangeError unless `attempt` is a positive safe integer. */
export function assertAttempt(attempt: number): void {
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  }
}

/** Reads one header from either shape, case-insensitively; a repeated header yields its first value. */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
