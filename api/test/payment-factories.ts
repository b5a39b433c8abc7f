import {
  chargeFixture,
  paymentIntentFixture,
  signedStripeWebhook,
  stripeEventFixture,
} from '@nongsan/payments/testing';
import { sql } from 'drizzle-orm';
import { TEST_STRIPE, type TestApp } from './harness.ts';
import { createShop, orderBody, placeOrder } from './order-factories.ts';
import { queryRows } from './sql-rows.ts';

// Factories for payments tests: an operator, orders paid each way, Stripe events signed the way
// Stripe signs them and posted to the real webhook route.

/** The operator's phone: list it in ADMIN_PHONES when creating the test app. */
export const OPERATOR_PHONE = '+84987000111';

export const operatorEnv = { ADMIN_PHONES: OPERATOR_PHONE };

let eventSeq = 0;
/** A fresh Stripe event id. */
export const eventId = () => `evt_test${String(++eventSeq).padStart(8, '0')}${Math.random().toString(36).slice(2, 8)}`;

/** Seconds on the test clock: what Stripe would put in the signature's timestamp. */
export const clockSeconds = (t: TestApp) => Math.floor(t.clock.now().getTime() / 1000);

/** Posts a signed event to the webhook route, as Stripe would deliver it. */
export function deliver(
  t: TestApp,
  event: Record<string, unknown>,
  options: { timestamp?: number; secret?: string } = {},
) {
  const { rawBody, headers } = signedStripeWebhook({
    event,
    secret: options.secret ?? TEST_STRIPE.webhookSecret,
    timestamp: options.timestamp ?? clockSeconds(t),
  });
  return t.call('POST', '/api/v1/payments/stripe/webhook', { body: rawBody, headers });
}

/** A payment_intent.* event for a PaymentIntent of `amount` đồng. */
export function intentEvent(
  t: TestApp,
  type: 'processing' | 'succeeded' | 'payment_failed' | 'canceled',
  intent: { id: string; amount: number; amountReceived?: number; currency?: string },
  options: { id?: string; created?: number } = {},
) {
  const status = {
    processing: 'processing',
    succeeded: 'succeeded',
    payment_failed: 'requires_payment_method',
    canceled: 'canceled',
  }[type];
  return stripeEventFixture({
    id: options.id ?? eventId(),
    type: `payment_intent.${type}`,
    created: options.created ?? clockSeconds(t),
    object: paymentIntentFixture({
      id: intent.id,
      amount: intent.amount,
      amountReceived: intent.amountReceived ?? (type === 'succeeded' ? intent.amount : 0),
      status,
      ...(intent.currency === undefined ? {} : { currency: intent.currency }),
    }),
  });
}

/** A charge.refunded event: `refunded` is Stripe's cumulative refunded total of the charge. */
export function refundedEvent(t: TestApp, intent: { id: string; amount: number }, refunded: number) {
  return stripeEventFixture({
    id: eventId(),
    type: 'charge.refunded',
    created: clockSeconds(t),
    object: chargeFixture({
      id: `ch_for_${intent.id}`,
      paymentIntentId: intent.id,
      amount: intent.amount,
      amountRefunded: refunded,
    }),
  });
}

export type PaymentDbRow = {
  id: string;
  provider_ref: string;
  attempt: number;
  status: string;
  expected_vnd: string;
  received_vnd: string;
  refunded_vnd: string;
  flag_reason: string | null;
};

/** The order's payments straight from the database, first attempt first. */
export async function paymentsOf(t: TestApp, orderId: string) {
  return queryRows<PaymentDbRow>(
    t.db,
    sql`SELECT id, provider_ref, attempt, status, expected_vnd, received_vnd, refunded_vnd, flag_reason
        FROM payments WHERE order_id = ${orderId} ORDER BY attempt`,
  );
}

export async function orderRowOf(t: TestApp, orderId: string) {
  const [row] = await queryRows<{ payment_status: string; refund_due_vnd: string; paid_at: Date | null }>(
    t.db,
    sql`SELECT payment_status, refund_due_vnd, paid_at FROM orders WHERE id = ${orderId}`,
  );
  if (!row) throw new Error(`no order ${orderId}`);
  return row;
}

export async function refundsOf(t: TestApp, orderId: string) {
  return queryRows<{
    id: string;
    fulfilment_id: string | null;
    amount_vnd: string;
    status: string;
    reason: string;
    method: string;
    provider_ref: string | null;
  }>(
    t.db,
    sql`SELECT id, fulfilment_id, amount_vnd, status, reason, method, provider_ref
        FROM refunds WHERE order_id = ${orderId} ORDER BY created_at, id`,
  );
}

export async function eventsOf(t: TestApp, provider: string) {
  return queryRows<{ event_id: string; type: string; outcome: string; order_id: string | null }>(
    t.db,
    sql`SELECT event_id, type, outcome, order_id FROM payment_events WHERE provider = ${provider} ORDER BY received_at, id`,
  );
}

/** A shop and an order from it, paid `method`, of `quantity` × `priceVnd`. */
export async function orderFromNewShop(
  t: TestApp,
  options: { method: 'stripe' | 'bank_transfer' | 'cod'; priceVnd?: number; quantity?: number; stock?: number },
) {
  const shop = await createShop(t, { stock: options.stock ?? 20, listing: { priceVnd: options.priceVnd ?? 50_000 } });
  const buyer = await t.signIn();
  const order = await placeOrder(
    t,
    buyer.token,
    orderBody([{ listingId: shop.listing.id, quantity: options.quantity ?? 2 }], { paymentMethod: options.method }),
  );
  return { shop, buyer, order };
}
