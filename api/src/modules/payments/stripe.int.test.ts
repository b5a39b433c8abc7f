import {
  type FakeStripeServer,
  signedStripeWebhook,
  startFakeStripeServer,
  stripeEventFixture,
} from '@nongsan/payments/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, TEST_STRIPE, type TestApp } from '../../../test/harness.ts';
import { createShop, drainJobs, orderBody, orderFromTwoShops, placeOrder } from '../../../test/order-factories.ts';
import {
  clockSeconds,
  deliver,
  eventId,
  eventsOf,
  intentEvent,
  orderFromNewShop,
  orderRowOf,
  paymentsOf,
  refundedEvent,
  refundsOf,
} from '../../../test/payment-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Card payments through the real stripe SDK, pointed at a local HTTP server that answers like
// Stripe and records every request; webhooks signed with the SDK's generateTestHeaderString.

let fake: FakeStripeServer;
let t: TestApp;
beforeAll(async () => {
  fake = await startFakeStripeServer();
  t = await createTestApp({ stripe: fake, env: { PAYMENT_METHODS: 'cod,bank_transfer,stripe' } });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

/** The requests Stripe got about one order (PaymentIntents carry it in metadata, refunds too). */
const requestsFor = (orderId: string, path = '/v1/payment_intents') =>
  fake.requests.filter((r) => r.path === path && r.form['metadata[orderId]'] === orderId);

const getOrder = async (orderId: string, token: string) =>
  (await t.call('GET', `/api/v1/orders/${orderId}`, { token })).body;

/** A card order whose attempt 1 started: the PaymentIntent as the webhook events name it. */
async function cardOrder(options: { priceVnd?: number; quantity?: number } = {}) {
  const placed = await orderFromNewShop(t, { method: 'stripe', ...options });
  const [attempt] = await paymentsOf(t, placed.order.id);
  if (!attempt) throw new Error('no attempt');
  const intent = { id: attempt.provider_ref, amount: placed.order.totals.totalVnd as number };
  return { ...placed, intent };
}

describe('starting a card payment', () => {
  it('sends the whole đồng total in vnd, the order in metadata, and one idempotency key per attempt', async () => {
    const { shop, buyer, order } = await orderFromNewShop(t, { method: 'stripe', priceVnd: 45_500, quantity: 3 });
    const sent = requestsFor(order.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.form).toMatchObject({
      amount: '136500',
      currency: 'vnd',
      'metadata[orderId]': order.id,
      'metadata[orderCode]': order.code,
      'metadata[attempt]': '1',
    });
    expect(sent[0]?.headers['idempotency-key']).toBe(`order:${order.id}:attempt:1`);
    expect(order.payment).toMatchObject({
      method: 'stripe',
      status: 'pending',
      totalVnd: 136_500,
      stripe: { clientSecret: expect.stringMatching(/^pi_.+_secret_/), publishableKey: TEST_STRIPE.publishableKey },
    });

    // The buyer reads it back; the seller sees the payment but never the client secret.
    expect((await getOrder(order.id, buyer.token)).payment.stripe).toEqual(order.payment.stripe);
    expect((await getOrder(order.id, shop.owner.token)).payment.stripe).toBeNull();

    // Resuming answers the same attempt without a second PaymentIntent.
    const again = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(order.payment.stripe);
    expect(requestsFor(order.id)).toHaveLength(1);
  });

  it('keeps the order when Stripe is down; the retry sends the same key and gets the attempt', async () => {
    const shop = await createShop(t, { stock: 5, listing: { priceVnd: 70_000 } });
    const buyer = await t.signIn();
    fake.failNext(500, { type: 'api_error', message: 'Stripe is having a moment' });
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 1 }], { paymentMethod: 'stripe' }),
    );
    expect(order.status).toBe('awaiting_payment');
    expect(order.payment.stripe).toBeNull();
    expect(await paymentsOf(t, order.id)).toEqual([]);

    fake.failNext(503, { type: 'api_error', message: 'still down' });
    const down = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    expect(down.status).toBe(503);
    expect(errorCode(down)).toBe('SERVICE_UNAVAILABLE');

    const up = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    expect(up.status).toBe(200);
    expect(up.body.clientSecret).toMatch(/_secret_/);
    const keys = requestsFor(order.id).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([1, 2, 3].map(() => `order:${order.id}:attempt:1`));
    expect(requestsFor(order.id).every((r) => r.form.amount === '70000')).toBe(true);
    expect(await paymentsOf(t, order.id)).toMatchObject([{ attempt: 1, status: 'pending', expected_vnd: '70000' }]);
  });

  it('makes a new attempt, with a new key, only after the last one was cancelled', async () => {
    const { buyer, order, intent } = await cardOrder();
    expect((await deliver(t, intentEvent(t, 'canceled', intent))).status).toBe(200);
    const res = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    expect(res.status).toBe(200);
    expect(res.body.clientSecret).not.toBe(order.payment.stripe.clientSecret);
    expect(requestsFor(order.id).map((r) => r.headers['idempotency-key'])).toEqual([
      `order:${order.id}:attempt:1`,
      `order:${order.id}:attempt:2`,
    ]);
    expect((await paymentsOf(t, order.id)).map((p) => [p.attempt, p.status])).toEqual([
      [1, 'cancelled'],
      [2, 'pending'],
    ]);
  });

  it('is for the buyer of a card order still waiting: others 404, other states 409', async () => {
    const { shop, buyer, order, intent } = await cardOrder();
    const stranger = await t.signIn();
    for (const token of [stranger.token, shop.owner.token]) {
      const res = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.call('POST', '/api/v1/orders/ord_nope/payment/stripe', { token: buyer.token }))).toBe(
      'NOT_FOUND',
    );

    const cash = await orderFromNewShop(t, { method: 'cod' });
    const notCard = await t.call('POST', `/api/v1/orders/${cash.order.id}/payment/stripe`, {
      token: cash.buyer.token,
    });
    expect(notCard.status).toBe(409);

    await deliver(t, intentEvent(t, 'succeeded', intent));
    const paid = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    expect(paid.status).toBe(409);
    expect(errorCode(paid)).toBe('CONFLICT');
    expect(requestsFor(order.id)).toHaveLength(1);
  });
});

describe('POST /payments/stripe/webhook', () => {
  it('a valid succeeded event pays the order and starts the sellers’ clock', async () => {
    const { buyer, order, intent } = await cardOrder();
    const event = intentEvent(t, 'succeeded', intent);
    const res = await deliver(t, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });
    const paid = await getOrder(order.id, buyer.token);
    expect(paid).toMatchObject({
      status: 'awaiting_confirmation',
      payment: { status: 'paid', receivedVnd: intent.amount, flagged: null, stripe: null },
    });
    expect(await paymentsOf(t, order.id)).toMatchObject([
      { status: 'succeeded', received_vnd: String(intent.amount), flag_reason: null },
    ]);
    expect((await eventsOf(t, 'stripe')).find((e) => e.event_id === event.id)).toMatchObject({
      type: 'succeeded',
      outcome: 'applied',
      order_id: order.id,
    });
  });

  it('refuses a forged, altered, unsigned, stale or future-dated delivery with 400, and nothing changes', async () => {
    const { buyer, order, intent } = await cardOrder();
    const event = intentEvent(t, 'succeeded', intent);

    const forged = await deliver(t, event, { secret: 'whsec_somebodyelse' });
    expect(forged.status).toBe(400);
    expect(errorCode(forged)).toBe('BAD_REQUEST');
    expect(forged.body.error.details).toEqual({ reason: 'invalid_signature' });

    const stale = await deliver(t, event, { timestamp: clockSeconds(t) - 301 });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details).toEqual({ reason: 'timestamp_outside_tolerance' });

    // Dated an hour ahead (the SDK alone accepts it): refused like a stale one (issue 13).
    const early = await deliver(t, event, { timestamp: clockSeconds(t) + 3600 });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toEqual({ reason: 'timestamp_outside_tolerance' });

    // Signed for one body, sent with another (the amount raised on the way).
    const signed = signedStripeWebhook({ event, secret: TEST_STRIPE.webhookSecret, timestamp: clockSeconds(t) });
    const altered = await t.call('POST', '/api/v1/payments/stripe/webhook', {
      body: signed.rawBody.replace(`"amount":${intent.amount}`, `"amount":${intent.amount + 1}`),
      headers: signed.headers,
    });
    expect(altered.status).toBe(400);

    const unsigned = await t.call('POST', '/api/v1/payments/stripe/webhook', {
      body: signed.rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.details).toEqual({ reason: 'missing_header' });

    expect((await eventsOf(t, 'stripe')).some((e) => e.event_id === event.id)).toBe(false);
    expect((await getOrder(order.id, buyer.token)).payment.status).toBe('pending');
    expect(await paymentsOf(t, order.id)).toMatchObject([{ status: 'pending', received_vnd: '0' }]);

    // The same event, correctly signed and fresh, is then applied.
    expect((await deliver(t, event, { timestamp: clockSeconds(t) - 299 })).status).toBe(200);
    expect((await getOrder(order.id, buyer.token)).payment.status).toBe('paid');
  });

  it('applies an event delivered twice once, also when both deliveries arrive together', async () => {
    const { order, intent } = await cardOrder();
    const event = intentEvent(t, 'succeeded', intent);
    const [first, second] = await Promise.all([deliver(t, event), deliver(t, event)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await deliver(t, event).then((r) => r.status)).toBe(200);
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM payment_events WHERE provider = 'stripe' AND event_id = ${event.id}`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect(await paymentsOf(t, order.id)).toMatchObject([{ status: 'succeeded', received_vnd: String(intent.amount) }]);
    expect((await orderRowOf(t, order.id)).payment_status).toBe('paid');
    // The sellers' deadline was scheduled once.
    const deadlines = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'orders.confirmation_deadline'
          AND payload->>'fulfilmentId' = ${order.fulfilments[0]!.id}`,
    );
    expect(deadlines).toEqual([{ n: 1 }]);
  });

  it('serialises different events of one payment arriving together, and ends where Stripe is', async () => {
    const { order, intent } = await cardOrder();
    const now = clockSeconds(t);
    const events = [
      intentEvent(t, 'processing', intent, { created: now - 20 }),
      intentEvent(t, 'payment_failed', intent, { created: now - 10 }),
      intentEvent(t, 'succeeded', intent, { created: now }),
    ];
    const answers = await Promise.all(events.map((event) => deliver(t, event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await paymentsOf(t, order.id)).toMatchObject([{ status: 'succeeded', received_vnd: String(intent.amount) }]);
    expect((await orderRowOf(t, order.id)).payment_status).toBe('paid');
  });

  it('events in reverse order never undo the payment: failed and processing after succeeded change nothing', async () => {
    const { buyer, order, intent } = await cardOrder();
    const now = clockSeconds(t);
    const succeeded = intentEvent(t, 'succeeded', intent, { created: now });
    const processing = intentEvent(t, 'processing', intent, { created: now - 30 });
    const failed = intentEvent(t, 'payment_failed', intent, { created: now + 5 });
    for (const event of [succeeded, processing, failed]) expect((await deliver(t, event)).status).toBe(200);
    expect((await getOrder(order.id, buyer.token)).payment).toMatchObject({ status: 'paid', flagged: null });
    expect(await paymentsOf(t, order.id)).toMatchObject([{ status: 'succeeded' }]);
    const outcomes = Object.fromEntries((await eventsOf(t, 'stripe')).map((e) => [e.event_id, e.outcome]));
    expect([
      outcomes[succeeded.id as string],
      outcomes[processing.id as string],
      outcomes[failed.id as string],
    ]).toEqual(['applied', 'unchanged', 'unchanged']);
  });

  it('flags a wrong amount or currency for review and does not pay the order', async () => {
    const short = await cardOrder();
    const underpaid = intentEvent(t, 'succeeded', { ...short.intent, amountReceived: short.intent.amount - 1_000 });
    expect((await deliver(t, underpaid)).status).toBe(200);
    const view = await getOrder(short.order.id, short.buyer.token);
    expect(view.payment).toMatchObject({
      status: 'pending',
      receivedVnd: 0,
      flagged: { reason: 'amount_mismatch', note: expect.stringContaining(String(short.intent.amount - 1_000)) },
    });
    expect(view.status).toBe('awaiting_payment');

    const dollars = await cardOrder();
    expect((await deliver(t, intentEvent(t, 'succeeded', { ...dollars.intent, currency: 'usd' }))).status).toBe(200);
    expect((await getOrder(dollars.order.id, dollars.buyer.token)).payment).toMatchObject({
      status: 'pending',
      flagged: { reason: 'currency_mismatch' },
    });
    expect((await paymentsOf(t, dollars.order.id))[0]).toMatchObject({
      status: 'pending',
      flag_reason: 'currency_mismatch',
    });
    const outcomes = (await eventsOf(t, 'stripe')).filter((e) => e.order_id === dollars.order.id);
    expect(outcomes.map((e) => e.outcome)).toEqual(['flagged']);
  });

  it('acknowledges event types it does not handle, and events of PaymentIntents it did not make', async () => {
    const ignored = stripeEventFixture({
      id: eventId(),
      type: 'customer.created',
      created: clockSeconds(t),
      object: { id: 'cus_1', object: 'customer' },
    });
    const res = await deliver(t, ignored);
    expect(res.status).toBe(200);
    const foreign = intentEvent(t, 'succeeded', { id: 'pi_not_ours', amount: 10_000 });
    expect((await deliver(t, foreign)).status).toBe(200);
    const recorded = await eventsOf(t, 'stripe');
    expect(recorded.find((e) => e.event_id === ignored.id)).toMatchObject({
      type: 'customer.created',
      outcome: 'ignored',
    });
    expect(recorded.find((e) => e.event_id === foreign.id)).toMatchObject({ outcome: 'unknown_payment' });
  });

  it('answers 400 to a signed event of a handled type without the fields it needs', async () => {
    const broken = stripeEventFixture({
      id: eventId(),
      type: 'payment_intent.succeeded',
      created: clockSeconds(t),
      object: { id: 'pi_x', object: 'payment_intent' },
    });
    const res = await deliver(t, broken);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
    expect((await eventsOf(t, 'stripe')).some((e) => e.event_id === broken.id)).toBe(false);
  });

  it('gives back a second payment of an order already paid, in full, through the Refund API', async () => {
    const { buyer, order, intent } = await cardOrder();
    await deliver(t, intentEvent(t, 'canceled', intent));
    const second = await t.call('POST', `/api/v1/orders/${order.id}/payment/stripe`, { token: buyer.token });
    const [, attempt2] = await paymentsOf(t, order.id);
    expect(second.status).toBe(200);
    await deliver(t, intentEvent(t, 'succeeded', { id: attempt2!.provider_ref, amount: intent.amount }));
    // The first attempt went through after all (it was being confirmed as it was cancelled).
    await deliver(t, intentEvent(t, 'succeeded', intent));
    expect((await orderRowOf(t, order.id)).payment_status).toBe('paid');
    const refunds = await refundsOf(t, order.id);
    expect(refunds).toMatchObject([
      { reason: 'duplicate_payment', amount_vnd: String(intent.amount), fulfilment_id: null },
    ]);
    await drainJobs(t);
    const sent = requestsFor(order.id, '/v1/refunds');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.form).toMatchObject({ payment_intent: intent.id, amount: String(intent.amount) });
    expect(sent[0]?.headers['idempotency-key']).toBe(`order:${order.id}:refund:${refunds[0]!.id}`);
    // The order is still paid: a duplicate's refund is not the order's.
    await deliver(t, refundedEvent(t, intent, intent.amount));
    expect((await getOrder(order.id, buyer.token)).payment).toMatchObject({
      status: 'paid',
      refundedVnd: intent.amount,
    });
  });
});

describe('card refunds on cancel', () => {
  it('refunds each cancelled part once through the Refund API, retrying with the same key; charge.refunded completes it', async () => {
    const { buyer, order } = await orderFromTwoShops(t, {
      paymentMethod: 'stripe',
      first: { priceVnd: 30_000, quantity: 2 },
      second: { priceVnd: 45_000, quantity: 1 },
    });
    const [attempt] = await paymentsOf(t, order.id);
    const intent = { id: attempt!.provider_ref, amount: 105_000 };
    await deliver(t, intentEvent(t, 'succeeded', intent));
    await drainJobs(t);

    const cancelled = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: buyer.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.payment).toMatchObject({ status: 'refund_pending', refundDueVnd: 105_000, refundedVnd: 0 });
    const refunds = await refundsOf(t, order.id);
    expect(refunds.map((r) => [r.reason, r.status, r.amount_vnd]).sort()).toEqual([
      ['cancelled', 'pending', '45000'],
      ['cancelled', 'pending', '60000'],
    ]);
    expect(new Set(refunds.map((r) => r.fulfilment_id))).toEqual(new Set(order.fulfilments.map((f) => f.id)));

    // Stripe fails the first refund call: the job is retried later with the same key.
    fake.failNext(500, { type: 'api_error', message: 'try later' });
    await t.jobs.runDue();
    t.clock.advance(60_000);
    await drainJobs(t);
    await drainJobs(t);
    const sent = requestsFor(order.id, '/v1/refunds');
    expect(sent).toHaveLength(3);
    const keyOf = (refundId: string) => `order:${order.id}:refund:${refundId}`;
    for (const refund of refunds) {
      const calls = sent.filter((r) => r.form['metadata[refundId]'] === refund.id);
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(calls.every((r) => r.headers['idempotency-key'] === keyOf(refund.id))).toBe(true);
      expect(calls.every((r) => r.form.amount === refund.amount_vnd && r.form.payment_intent === intent.id)).toBe(true);
    }
    expect((await refundsOf(t, order.id)).map((r) => r.status)).toEqual(['processing', 'processing']);
    expect((await refundsOf(t, order.id)).every((r) => r.provider_ref?.startsWith('re_'))).toBe(true);

    // Stripe confirms: first one refund (cumulative 60.000), then both (105.000).
    const firstRefund = refunds.find((r) => r.amount_vnd === '60000')!;
    await deliver(t, refundedEvent(t, intent, 60_000));
    expect((await refundsOf(t, order.id)).find((r) => r.id === firstRefund.id)?.status).toBe('completed');
    expect((await orderRowOf(t, order.id)).payment_status).toBe('refund_pending');
    await deliver(t, refundedEvent(t, intent, 105_000));
    expect((await refundsOf(t, order.id)).map((r) => r.status)).toEqual(['completed', 'completed']);
    const view = await getOrder(order.id, buyer.token);
    expect(view.payment).toMatchObject({ status: 'refunded', refundedVnd: 105_000, refundDueVnd: 105_000 });
    expect(await paymentsOf(t, order.id)).toMatchObject([{ status: 'refunded', refunded_vnd: '105000' }]);

    // Nothing is sent again, whatever runs later.
    t.clock.advance(3_600_000);
    await drainJobs(t);
    expect(requestsFor(order.id, '/v1/refunds')).toHaveLength(3);
  });

  it("a seller's cancel refunds only its part; the order is paid again once that is back", async () => {
    const kept = await createShop(t, { stock: 10, listing: { priceVnd: 20_000 } });
    const dropped = await createShop(t, { stock: 10, listing: { priceVnd: 35_000 } });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody(
        [
          { listingId: kept.listing.id, quantity: 1 },
          { listingId: dropped.listing.id, quantity: 1 },
        ],
        { paymentMethod: 'stripe' },
      ),
    );
    const [attempt] = await paymentsOf(t, order.id);
    const intent = { id: attempt!.provider_ref, amount: 55_000 };
    await deliver(t, intentEvent(t, 'succeeded', intent));
    const part = order.fulfilments.find((f) => f.seller.id === dropped.sellerId)!;
    expect((await t.call('POST', `/api/v1/fulfilments/${part.id}/cancel`, { token: dropped.owner.token })).status).toBe(
      200,
    );
    expect(await refundsOf(t, order.id)).toMatchObject([{ fulfilment_id: part.id, amount_vnd: '35000' }]);
    await drainJobs(t);
    expect(requestsFor(order.id, '/v1/refunds').map((r) => r.form.amount)).toEqual(['35000']);
    await deliver(t, refundedEvent(t, intent, 35_000));
    expect((await getOrder(order.id, buyer.token)).payment).toMatchObject({
      status: 'paid',
      refundedVnd: 35_000,
      refundDueVnd: 35_000,
    });
  });
});
