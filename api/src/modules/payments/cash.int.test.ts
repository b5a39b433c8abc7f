import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop } from '../../../test/listing-factories.ts';
import { createShop, orderBody, placeOrder } from '../../../test/order-factories.ts';
import { orderFromNewShop, orderRowOf, paymentsOf } from '../../../test/payment-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Cash on delivery end to end: place, confirm, ship, deliver, each seller records its cash, and
// the order is paid when the last live part's cash is in.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_METHODS: 'cod,bank_transfer' } });
});
afterAll(async () => {
  await t.close();
});

const move = async (fulfilmentId: string, token: string, ...steps: string[]) => {
  for (const step of steps) {
    const res = await t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/${step}`, { token });
    if (res.status !== 200) throw new Error(`${step}: ${JSON.stringify(res.body)}`);
  }
};

const collect = (fulfilmentId: string, json: unknown, token?: string) =>
  t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/cash-collected`, { token, json });

async function cashEvents(orderId: string) {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`SELECT count(*)::int AS n FROM payment_events WHERE order_id = ${orderId} AND provider = 'cod'`,
  );
  return row?.n ?? 0;
}

async function twoSellerOrder() {
  const tea = await createShop(t, { stock: 10, listing: { priceVnd: 120_000 } });
  const veg = await createShop(t, { stock: 10, listing: { priceVnd: 15_000 } });
  const buyer = await t.signIn();
  const order = await placeOrder(
    t,
    buyer.token,
    orderBody([
      { listingId: tea.listing.id, quantity: 1 },
      { listingId: veg.listing.id, quantity: 3 },
    ]),
  );
  const partOf = (sellerId: string) => order.fulfilments.find((f) => f.seller.id === sellerId)!;
  return { tea, veg, buyer, order, teaPart: partOf(tea.sellerId), vegPart: partOf(veg.sellerId) };
}

describe('POST /fulfilments/:fulfilmentId/cash-collected', () => {
  it('place, confirm, ship, deliver, cash collected by each seller: paid with the last one', async () => {
    const { tea, veg, buyer, order, teaPart, vegPart } = await twoSellerOrder();
    await move(teaPart.id, tea.owner.token, 'confirm', 'ship', 'deliver');
    t.clock.advance(60_000);
    const first = await collect(teaPart.id, { amountVnd: 120_000 }, tea.owner.token);
    expect(first.status).toBe(200);
    expect(first.body.fulfilment).toMatchObject({ id: teaPart.id, status: 'delivered' });
    expect(first.body.order.payment).toMatchObject({
      method: 'cod',
      status: 'pending',
      receivedVnd: 120_000,
      cashCollected: [{ fulfilmentId: teaPart.id, amountVnd: 120_000, collectedAt: t.clock.now().toISOString() }],
    });
    // The other seller's part is not the tea seller's to see.
    expect(first.body.order.fulfilments.map((f: { id: string }) => f.id)).toEqual([teaPart.id]);
    // The seller's list of orders to handle carries the same payment, its own cash included.
    const handled = await t.call('GET', `/api/v1/seller/orders?sellerId=${tea.sellerId}`, { token: tea.owner.token });
    expect(handled.body.fulfilments[0].order.payment).toMatchObject({
      status: 'pending',
      cashCollected: [{ fulfilmentId: teaPart.id, amountVnd: 120_000 }],
    });

    await move(vegPart.id, veg.owner.token, 'confirm', 'ship');
    const second = await collect(vegPart.id, { amountVnd: 45_000 }, veg.owner.token);
    expect(second.status).toBe(200);
    // Each seller sees the money of its own part only (issue 13).
    expect(second.body.order.payment).toMatchObject({ status: 'paid', totalVnd: 45_000, receivedVnd: 45_000 });
    expect(second.body.order.payment.cashCollected).toEqual([expect.objectContaining({ fulfilmentId: vegPart.id })]);

    const seen = (await t.call('GET', `/api/v1/orders/${order.id}`, { token: buyer.token })).body;
    expect(seen.payment).toMatchObject({ status: 'paid', totalVnd: 165_000, receivedVnd: 165_000 });
    expect(seen.payment.cashCollected.map((c: { fulfilmentId: string }) => c.fulfilmentId).sort()).toEqual(
      [teaPart.id, vegPart.id].sort(),
    );
    expect(await paymentsOf(t, order.id)).toMatchObject([
      { provider_ref: `cod:${order.id}`, status: 'succeeded', received_vnd: '165000' },
    ]);

    // Recording it again changes nothing.
    const again = await collect(vegPart.id, { amountVnd: 45_000 }, veg.owner.token);
    expect(again.status).toBe(200);
    expect(await cashEvents(order.id)).toBe(2);
    expect((await paymentsOf(t, order.id))[0]?.received_vnd).toBe('165000');
  });

  it('a cancelled part owes no cash: the order is paid once the live parts are collected', async () => {
    const { tea, veg, order, teaPart, vegPart } = await twoSellerOrder();
    await move(teaPart.id, tea.owner.token, 'confirm', 'ship');
    await collect(teaPart.id, { amountVnd: 120_000 }, tea.owner.token);
    expect((await orderRowOf(t, order.id)).payment_status).toBe('pending');
    await move(vegPart.id, veg.owner.token, 'cancel');
    expect((await orderRowOf(t, order.id)).payment_status).toBe('paid');
  });

  it('wants exactly the part’s total (422), a part handed over (409), a cash order (409); nothing is written', async () => {
    const { tea, order, teaPart } = await twoSellerOrder();
    await move(teaPart.id, tea.owner.token, 'confirm');
    const early = await collect(teaPart.id, { amountVnd: 120_000 }, tea.owner.token);
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    await move(teaPart.id, tea.owner.token, 'ship');
    for (const amountVnd of [119_999, 120_001, 165_000]) {
      const wrong = await collect(teaPart.id, { amountVnd }, tea.owner.token);
      expect(wrong.status).toBe(422);
      expect(errorCode(wrong)).toBe('VALIDATION_FAILED');
      expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'amountVnd', expectedVnd: 120_000 })]);
    }
    for (const json of [{}, { amountVnd: -1 }, { amountVnd: 1.5 }, { amountVnd: 120_000, fulfilmentId: 'x' }]) {
      const bad = await collect(teaPart.id, json, tea.owner.token);
      expect(bad.status, JSON.stringify(json)).toBe(422);
    }
    expect(await cashEvents(order.id)).toBe(0);
    expect(await paymentsOf(t, order.id)).toEqual([]);

    const bank = await orderFromNewShop(t, { method: 'bank_transfer' });
    const notCash = await collect(bank.order.fulfilments[0]!.id, { amountVnd: 100_000 }, bank.shop.owner.token);
    expect(notCash.status).toBe(409);
    expect(errorCode(notCash)).toBe('CONFLICT');
  });

  it('is 404 for another seller, the buyer and a plain coop member; 401 anonymous', async () => {
    const { tea, buyer, order, teaPart } = await twoSellerOrder();
    await move(teaPart.id, tea.owner.token, 'confirm', 'ship');
    const coop = await createCoop(t);
    for (const token of [coop.owner.token, buyer.token, coop.member.token]) {
      const res = await collect(teaPart.id, { amountVnd: 120_000 }, token);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await collect(teaPart.id, { amountVnd: 120_000 }))).toBe('UNAUTHENTICATED');
    expect((await collect('ful_nope', { amountVnd: 1 }, tea.owner.token)).status).toBe(404);
    expect(await cashEvents(order.id)).toBe(0);
  });

  it('is recorded by a cooperative’s staff for the cooperative’s part', async () => {
    const coop = await createCoop(t);
    const listing = await t.call('POST', '/api/v1/listings', {
      token: coop.manager.token,
      json: {
        sellerId: coop.sellerId,
        title: 'Gạo nếp cái hoa vàng',
        category: 'rice',
        unit: 'kg',
        priceVnd: 38_000,
        stock: 10,
        status: 'active',
      },
    });
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: listing.body.id, quantity: 2 }]));
    const part = order.fulfilments[0]!;
    await move(part.id, coop.staff.token, 'confirm', 'ship', 'deliver');
    const res = await collect(part.id, { amountVnd: 76_000 }, coop.staff.token);
    expect(res.status).toBe(200);
    expect(res.body.order.payment.status).toBe('paid');
  });
});
