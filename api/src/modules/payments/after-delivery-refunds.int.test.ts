import { type FakeStripeServer, startFakeStripeServer } from '@nongsan/payments/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createListing } from '../../../test/listing-factories.ts';
import { addListing, address, createShop, drainJobs, orderBody, placeOrder } from '../../../test/order-factories.ts';
import {
  deliver,
  intentEvent,
  OPERATOR_PHONE,
  operatorEnv,
  orderRowOf,
  paymentsOf,
  refundedEvent,
  refundsOf,
} from '../../../test/payment-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Refunds a seller gives after delivery (part of the tea arrived spoiled), each way of paying:
// card through the fake Stripe server and the refund job, bank transfer completed by an
// operator, cash handed back by the seller. 2.5 % platform fee.

let fake: FakeStripeServer;
let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  fake = await startFakeStripeServer();
  t = await createTestApp({
    stripe: fake,
    env: { PAYMENT_METHODS: 'cod,bank_transfer,stripe', PLATFORM_FEE_PERCENT: '2.5', ...operatorEnv },
  });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

type Method = 'cod' | 'bank_transfer' | 'stripe';

const refund = (fulfilmentId: string, json: unknown, token: string | undefined) =>
  t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/refunds`, { token, json });

async function move(fulfilmentId: string, token: string, ...actions: string[]) {
  for (const action of actions) {
    const res = await t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/${action}`, { token });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * A farm's order, paid `method`, handed over up to `until`: tea 2 kg × 45.000 (90.000 ₫) and
 * greens 4 × 12.500 (50.000 ₫): 140.000 ₫ of goods, + 20.000 ₫ delivery when `delivery`.
 * Cash on delivery has its cash recorded once delivered.
 */
async function paidOrder(method: Method, options: { until?: 'shipped' | 'delivered'; delivery?: boolean } = {}) {
  const shop = await createShop(t, {
    stock: 20,
    listing: { priceVnd: 45_000, title: 'Chè búp Tân Cương' },
    seller: { offersDelivery: true, deliveryFeeVnd: 20_000 },
  });
  const greens = await addListing(t, shop, { priceVnd: 12_500 });
  const buyer = await t.signIn();
  const order = await placeOrder(
    t,
    buyer.token,
    orderBody(
      [
        { listingId: shop.listing.id, quantity: 2 },
        { listingId: greens.id, quantity: 4 },
      ],
      { paymentMethod: method, ...(options.delivery ? { delivery: { method: 'delivery', address } } : {}) },
    ),
  );
  const fulfilment = order.fulfilments[0]!;
  const totalVnd = order.totals.totalVnd as number;
  let intent: { id: string; amount: number } | null = null;
  if (method === 'bank_transfer') {
    const paid = await t.call('POST', `/api/v1/orders/${order.id}/payment/received`, {
      token: operator.token,
      json: { amountVnd: totalVnd },
    });
    if (paid.body.order?.payment.status !== 'paid') throw new Error(`not paid: ${JSON.stringify(paid.body)}`);
  } else if (method === 'stripe') {
    const [attempt] = await paymentsOf(t, order.id);
    intent = { id: attempt!.provider_ref, amount: totalVnd };
    expect((await deliver(t, intentEvent(t, 'succeeded', intent))).status).toBe(200);
    await drainJobs(t);
  }
  const until = options.until ?? 'delivered';
  await move(fulfilment.id, shop.owner.token, 'confirm', 'ship', ...(until === 'delivered' ? ['deliver'] : []));
  if (method === 'cod' && until === 'delivered') {
    const cash = await t.call('POST', `/api/v1/fulfilments/${fulfilment.id}/cash-collected`, {
      token: shop.owner.token,
      json: { amountVnd: totalVnd },
    });
    if (cash.status !== 200) throw new Error(`cash: ${JSON.stringify(cash.body)}`);
  }
  const itemOf = (listingId: string) =>
    (fulfilment as unknown as { items: { id: string; listingId: string; lineTotalVnd: number }[] }).items.find(
      (i) => i.listingId === listingId,
    )!;
  return {
    shop,
    buyer,
    order,
    fulfilment,
    totalVnd,
    intent,
    tea: itemOf(shop.listing.id),
    greens: itemOf(greens.id),
  };
}

const orderView = async (orderId: string, token: string) =>
  (await t.call('GET', `/api/v1/orders/${orderId}`, { token })).body;

const balanceOf = async (sellerId: string, token: string) =>
  (await t.call('GET', `/api/v1/sellers/${sellerId}/balance`, { token })).body;

const stripeRefundsFor = (orderId: string) =>
  fake.requests.filter((r) => r.path === '/v1/refunds' && r.form['metadata[orderId]'] === orderId);

/** Every refund and the order's money columns: what "writes nothing" is checked against. */
async function snapshot(orderId: string) {
  const [counts] = await queryRows<{ refunds: number; jobs: number }>(
    t.db,
    sql`SELECT (SELECT count(*)::int FROM refunds) AS refunds, (SELECT count(*)::int FROM jobs) AS jobs`,
  );
  return { counts, order: await orderRowOf(t, orderId), payments: await paymentsOf(t, orderId) };
}

describe('POST /fulfilments/:fulfilmentId/refunds', () => {
  it('bank transfer: waits for an operator; the order is refund_pending, then paid again, never refunded', async () => {
    const { shop, buyer, order, fulfilment, tea } = await paidOrder('bank_transfer', { delivery: true });
    const note = 'Một túi chè bị ẩm mốc khi đến nơi';
    const res = await refund(fulfilment.id, { amountVnd: 30_000, orderItemId: tea.id, note }, shop.owner.token);
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({
      id: expect.stringMatching(/^ref_/),
      orderId: order.id,
      orderCode: order.code,
      fulfilmentId: fulfilment.id,
      orderItemId: tea.id,
      method: 'bank_transfer',
      amountVnd: 30_000,
      status: 'pending',
      reason: 'after_delivery',
      sellerNote: note,
      completedAt: null,
    });
    const refundId = res.body.refund.id as string;

    // The buyer and the seller see it on the order; the operator lists it to transfer.
    const view = await orderView(order.id, buyer.token);
    expect(view.status).toBe('delivered');
    expect(view.payment).toMatchObject({
      status: 'refund_pending',
      refundDueVnd: 30_000,
      refundedVnd: 0,
      refunds: [{ id: refundId, orderItemId: tea.id, amountVnd: 30_000, status: 'pending', note }],
    });
    const sellerPage = await t.call('GET', `/api/v1/seller/orders?sellerId=${shop.sellerId}`, {
      token: shop.owner.token,
    });
    expect(sellerPage.body.fulfilments[0].order.payment.refunds).toMatchObject([{ id: refundId, amountVnd: 30_000 }]);
    const pending = await t.call('GET', '/api/v1/refunds?status=pending', { token: operator.token });
    expect(pending.body.refunds).toContainEqual(
      expect.objectContaining({ id: refundId, reason: 'after_delivery', sellerNote: note, orderItemId: tea.id }),
    );

    // Owed to the seller: 160.000 − fee on the 140.000 ₫ of goods (3.500, kept) − 30.000.
    expect(await balanceOf(shop.sellerId, shop.owner.token)).toMatchObject({
      paidVnd: 160_000,
      feeVnd: 3_500,
      refundsVnd: 30_000,
      owedVnd: 126_500,
    });

    const done = await t.call('POST', `/api/v1/refunds/${refundId}/complete`, {
      token: operator.token,
      json: { reference: 'FT26331000001' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', reference: 'FT26331000001' });
    expect((await orderView(order.id, buyer.token)).payment).toMatchObject({
      status: 'paid',
      refundDueVnd: 30_000,
      refundedVnd: 30_000,
    });

    // The rest of the goods (not the delivery: that was made) can go back too; still `paid` after.
    const rest = await refund(fulfilment.id, { amountVnd: 110_000, note: 'Trả lại toàn bộ' }, shop.owner.token);
    expect(rest.status).toBe(201);
    expect(rest.body.refund.orderItemId).toBeNull();
    const more = await refund(fulfilment.id, { amountVnd: 1, note: 'Thêm' }, shop.owner.token);
    expect(more.status).toBe(422);
    expect(more.body.error.details).toMatchObject([{ path: 'amountVnd', refundableVnd: 0 }]);
    await t.call('POST', `/api/v1/refunds/${rest.body.refund.id}/complete`, {
      token: operator.token,
      json: { reference: 'FT26331000002' },
    });
    expect(await orderRowOf(t, order.id)).toMatchObject({ payment_status: 'paid', refund_due_vnd: '140000' });
    expect(await paymentsOf(t, order.id)).toMatchObject([{ received_vnd: '160000', refunded_vnd: '140000' }]);
  });

  it('refuses more than is left of the item or of the part with 422 and what is left, writing nothing', async () => {
    const { shop, order, fulfilment, tea, greens } = await paidOrder('bank_transfer');
    const before = await snapshot(order.id);
    const over = await refund(fulfilment.id, { amountVnd: 90_001, orderItemId: tea.id, note: 'x' }, shop.owner.token);
    expect(over.status).toBe(422);
    expect(errorCode(over)).toBe('VALIDATION_FAILED');
    expect(over.body.error.details).toEqual([
      expect.objectContaining({ path: 'amountVnd', code: 'exceeds_refundable', refundableVnd: 90_000 }),
    ]);
    expect(await snapshot(order.id)).toEqual(before);

    const ok = (json: Record<string, unknown>) => refund(fulfilment.id, { note: 'hỏng', ...json }, shop.owner.token);
    expect((await ok({ amountVnd: 60_000, orderItemId: tea.id })).status).toBe(201);
    const teaLeft = await ok({ amountVnd: 30_001, orderItemId: tea.id });
    expect(teaLeft.body.error.details[0]).toMatchObject({ refundableVnd: 30_000 });
    // The whole part: 140.000 − 60.000 left.
    const partLeft = await ok({ amountVnd: 80_001 });
    expect(partLeft.body.error.details[0]).toMatchObject({ refundableVnd: 80_000 });
    expect((await ok({ amountVnd: 80_000 })).status).toBe(201);
    // The greens' own line is untouched, but the part has nothing left: the part bounds the item.
    const greensLeft = await ok({ amountVnd: 1, orderItemId: greens.id });
    expect(greensLeft.status).toBe(422);
    expect(greensLeft.body.error.details[0]).toMatchObject({ refundableVnd: 0 });
    expect((await refundsOf(t, order.id)).map((r) => r.amount_vnd).sort()).toEqual(['60000', '80000']);
    expect((await orderRowOf(t, order.id)).refund_due_vnd).toBe('140000');
  });

  it('bad input is 422, before delivery or before the money 409, an unknown part 404; none writes anything', async () => {
    const { shop, order, fulfilment } = await paidOrder('bank_transfer');
    const other = await paidOrder('bank_transfer');
    const before = await snapshot(order.id);
    for (const json of [
      { amountVnd: 0, note: 'x' },
      { amountVnd: -5, note: 'x' },
      { amountVnd: 1.5, note: 'x' },
      { amountVnd: '1000', note: 'x' },
      { amountVnd: 1_000 },
      { amountVnd: 1_000, note: '   ' },
      { amountVnd: 1_000, note: 'x'.repeat(501) },
      { amountVnd: 1_000, note: 'x', sellerId: shop.sellerId },
      { amountVnd: 1_000, note: 'x', orderItemId: other.tea.id },
    ]) {
      const res = await refund(fulfilment.id, json, shop.owner.token);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect(await snapshot(order.id)).toEqual(before);
    expect(errorCode(await refund('ful_nope', { amountVnd: 1_000, note: 'x' }, shop.owner.token))).toBe('NOT_FOUND');
    expect(
      (
        await t.call('POST', `/api/v1/fulfilments/${fulfilment.id}/refunds`, {
          token: shop.owner.token,
          body: 'amountVnd=1000',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);

    // Shipped, not yet delivered: nothing to give back here yet (cancel is not possible either).
    const shipped = await paidOrder('bank_transfer', { until: 'shipped' });
    const early = await refund(
      shipped.fulfilment.id,
      { amountVnd: 1_000, orderItemId: shipped.tea.id, note: 'x' },
      shipped.shop.owner.token,
    );
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe('INVALID_TRANSITION');

    // Cash on delivery whose cash is not recorded: the seller has nothing to hand back yet.
    const cod = await paidOrder('cod', { until: 'shipped' });
    await move(cod.fulfilment.id, cod.shop.owner.token, 'deliver');
    const noCash = await refund(cod.fulfilment.id, { amountVnd: 1_000, note: 'x' }, cod.shop.owner.token);
    expect(noCash.status).toBe(409);
    expect(errorCode(noCash)).toBe('CONFLICT');
    expect(await refundsOf(t, cod.order.id)).toEqual([]);
    expect((await orderRowOf(t, cod.order.id)).refund_due_vnd).toBe('0');
  });

  it("the seller's owner and coop managers only: staff 403; members, other sellers, the buyer 404; anonymous 401", async () => {
    const coop = await createCoop(t);
    const tea = await createListing(t, coop.manager.token, coop.sellerId, {
      status: 'active',
      priceVnd: 180_000,
      stock: 10,
    });
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: tea.id, quantity: 2 }]));
    const fulfilment = order.fulfilments[0]!;
    await move(fulfilment.id, coop.staff.token, 'confirm', 'ship', 'deliver');
    await t.call('POST', `/api/v1/fulfilments/${fulfilment.id}/cash-collected`, {
      token: coop.staff.token,
      json: { amountVnd: 360_000 },
    });
    const other = await createCoop(t);
    const stranger = await t.signIn();
    const body = { amountVnd: 10_000, note: 'Chè bị vụn' };

    const staff = await refund(fulfilment.id, body, coop.staff.token);
    expect(staff.status).toBe(403);
    expect(errorCode(staff)).toBe('FORBIDDEN');
    for (const token of [coop.member.token, other.manager.token, other.owner.token, buyer.token, stranger.token]) {
      const res = await refund(fulfilment.id, body, token);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(order.code);
    }
    expect(errorCode(await refund(fulfilment.id, body, undefined))).toBe('UNAUTHENTICATED');
    expect(await refundsOf(t, order.id)).toEqual([]);

    expect((await refund(fulfilment.id, body, coop.manager.token)).status).toBe(201);
    expect((await refund(fulfilment.id, body, coop.owner.token)).status).toBe(201);
    expect((await refundsOf(t, order.id)).map((r) => [r.reason, r.method, r.status, r.amount_vnd])).toEqual([
      ['after_delivery', 'cod', 'completed', '10000'],
      ['after_delivery', 'cod', 'completed', '10000'],
    ]);
  });

  it('cash on delivery: the seller handed the cash back, so it is completed at once; cash held goes down, owed does not', async () => {
    const { shop, buyer, order, fulfilment, greens } = await paidOrder('cod');
    expect((await orderRowOf(t, order.id)).payment_status).toBe('paid');
    const res = await refund(
      fulfilment.id,
      { amountVnd: 20_000, orderItemId: greens.id, note: 'Hai bó rau bị dập' },
      shop.owner.token,
    );
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({
      method: 'cod',
      status: 'completed',
      completedAt: t.clock.now().toISOString(),
    });
    expect((await orderView(order.id, buyer.token)).payment).toMatchObject({
      status: 'paid',
      refundDueVnd: 20_000,
      refundedVnd: 20_000,
      cashCollected: [{ fulfilmentId: fulfilment.id, amountVnd: 140_000 }],
    });
    expect(await paymentsOf(t, order.id)).toMatchObject([{ received_vnd: '140000', refunded_vnd: '20000' }]);
    // Nothing for Stripe or an operator to do; the buyer is told, once, in an SMS without diacritics.
    await drainJobs(t);
    expect(stripeRefundsFor(order.id)).toEqual([]);
    const told = t.sent.filter((m) => m.to === buyer.phone && m.text.includes('hoan'));
    expect(told).toEqual([
      {
        to: buyer.phone,
        text: `nongsan: Che La Bang nha anh Hung hoan 20.000d cho don ${order.code}. Nguoi ban da tra lai tien mat cho ban.`,
      },
    ]);
    // The fee (3.500 on 140.000) stays; the cash handed back leaves the seller's cash, not the marketplace's.
    expect(await balanceOf(shop.sellerId, shop.owner.token)).toMatchObject({
      paidVnd: 0,
      feeVnd: 3_500,
      refundsVnd: 0,
      cashHeldVnd: 120_000,
      owedVnd: -3_500,
      entries: [expect.objectContaining({ method: 'cod', totalVnd: 140_000, feeVnd: 3_500, refundVnd: 20_000 })],
    });
  });

  it('card: sent to Stripe once by the job, keyed by the refund row; charge.refunded completes it and the order is paid again', async () => {
    const { shop, buyer, order, fulfilment, tea, intent } = await paidOrder('stripe');
    const res = await refund(
      fulfilment.id,
      { amountVnd: 45_000, orderItemId: tea.id, note: 'Một cân chè bị ẩm' },
      shop.owner.token,
    );
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({ method: 'stripe', status: 'pending' });
    const refundId = res.body.refund.id as string;
    expect((await orderRowOf(t, order.id)).payment_status).toBe('refund_pending');

    // Stripe fails once: the job retries later with the same key; only a pending refund is sent.
    fake.failNext(500, { type: 'api_error', message: 'try later' });
    await t.jobs.runDue();
    t.clock.advance(60_000);
    await drainJobs(t);
    const sent = stripeRefundsFor(order.id);
    expect(sent).toHaveLength(2);
    for (const call of sent) {
      expect(call.headers['idempotency-key']).toBe(`order:${order.id}:refund:${refundId}`);
      expect(call.form).toMatchObject({ amount: '45000', payment_intent: intent!.id, 'metadata[refundId]': refundId });
    }
    expect(await refundsOf(t, order.id)).toMatchObject([{ id: refundId, status: 'processing' }]);

    // A refused over-refund queues nothing.
    const over = await refund(fulfilment.id, { amountVnd: 45_001, orderItemId: tea.id, note: 'x' }, shop.owner.token);
    expect(over.status).toBe(422);
    t.clock.advance(3_600_000);
    await drainJobs(t);
    expect(stripeRefundsFor(order.id)).toHaveLength(2);

    expect((await deliver(t, refundedEvent(t, intent!, 45_000))).status).toBe(200);
    expect(await refundsOf(t, order.id)).toMatchObject([{ id: refundId, status: 'completed' }]);
    expect((await orderView(order.id, buyer.token)).payment).toMatchObject({
      status: 'paid',
      refundDueVnd: 45_000,
      refundedVnd: 45_000,
      refunds: [{ id: refundId, status: 'completed' }],
    });
    expect(await paymentsOf(t, order.id)).toMatchObject([{ refunded_vnd: '45000' }]);
    expect(await balanceOf(shop.sellerId, shop.owner.token)).toMatchObject({
      paidVnd: 140_000,
      feeVnd: 3_500,
      refundsVnd: 45_000,
      owedVnd: 91_500,
    });
  });

  it('two refunds at once never give back more than is left: one is made, the other is 422', async () => {
    const { shop, order, fulfilment, tea } = await paidOrder('bank_transfer');
    // The whole part (140.000 left): two of 80.000.
    const part = await Promise.all([
      refund(fulfilment.id, { amountVnd: 80_000, note: 'một' }, shop.owner.token),
      refund(fulfilment.id, { amountVnd: 80_000, note: 'hai' }, shop.owner.token),
    ]);
    expect(part.map((r) => r.status).sort()).toEqual([201, 422]);
    // Tea still has its own 90.000 ₫ left, the part only 60.000: two of 40.000 each fit, not both.
    const item = await Promise.all([
      refund(fulfilment.id, { amountVnd: 40_000, orderItemId: tea.id, note: 'ba' }, shop.owner.token),
      refund(fulfilment.id, { amountVnd: 40_000, orderItemId: tea.id, note: 'bốn' }, shop.owner.token),
    ]);
    expect(item.map((r) => r.status).sort()).toEqual([201, 422]);
    const rows = await refundsOf(t, order.id);
    expect(rows.map((r) => r.amount_vnd).sort()).toEqual(['40000', '80000']);
    expect((await orderRowOf(t, order.id)).refund_due_vnd).toBe('120000');
  });
});

describe('the OpenAPI document', () => {
  it('describes the refund route with its strict body and its answers', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    const route = doc.body.paths['/api/v1/fulfilments/{fulfilmentId}/refunds']?.post;
    expect(route).toBeDefined();
    expect(route.tags).toEqual(['payments']);
    expect(route.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: expect.arrayContaining(['amountVnd', 'note']),
    });
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['201', '403', '404', '409', '422']));
  });
});
