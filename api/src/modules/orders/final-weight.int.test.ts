import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createShop, orderBody, placeOrder } from '../../../test/order-factories.ts';
import { OPERATOR_PHONE, operatorEnv, orderRowOf } from '../../../test/payment-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Priced at packing (decision 0029): a fish sold by the piece, priced per kg, its price known once
// the seller weighs it. Real PostgreSQL, the real HTTP handler.

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_METHODS: 'cod,bank_transfer', ...operatorEnv } });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

/** Carp at 150 000 đ/kg, about 1.2 kg a fish, ±10 %. */
const fishShop = () =>
  createShop(t, {
    stock: 10,
    listing: {
      title: 'Cá chép',
      category: 'seafood',
      unit: 'animal',
      priceVnd: 150_000,
      pricedAtPacking: true,
      estimatedWeightKg: 1.2,
    },
  });

const weigh = (fulfilmentId: string, token: string, json: unknown) =>
  t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/weights`, { token, json });
const move = async (fulfilmentId: string, token: string, ...actions: string[]) => {
  for (const action of actions) {
    const res = await t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/${action}`, { token });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
};

async function moneyOf(orderId: string) {
  const [order] = await queryRows<{ subtotal_vnd: string; total_vnd: string; refund_due_vnd: string }>(
    t.db,
    sql`SELECT subtotal_vnd::text, total_vnd::text, refund_due_vnd::text FROM orders WHERE id = ${orderId}`,
  );
  const items = await queryRows<{ final_weight_milli: number | null; line_total_vnd: string }>(
    t.db,
    sql`SELECT final_weight_milli, line_total_vnd::text FROM order_items WHERE order_id = ${orderId}`,
  );
  return { order, items };
}

describe('a line priced at packing', () => {
  it('orders 2 fish on the estimate; the weighed 2.52 kg prices the line, the part and the cash to collect', async () => {
    const shop = await fishShop();
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 2 }]));
    const part = order.fulfilments[0]!;
    const item = (part as unknown as { items: { id: string; weight: unknown; lineTotalVnd: number }[] }).items[0]!;
    // 2 × 1.2 kg = 2.4 kg × 150 000 = 360 000 đ until weighed.
    expect(item).toMatchObject({
      lineTotalVnd: 360_000,
      weight: { estimatedKg: 2.4, tolerancePct: 10, finalKg: null },
    });
    await move(part.id, shop.owner.token, 'confirm');

    // 2.7 kg is 12.5 % over: refused without the buyer, naming the field, nothing written.
    const before = await moneyOf(order.id);
    const over = await weigh(part.id, shop.owner.token, { items: [{ itemId: item.id, finalWeight: 2.7 }] });
    expect(over.status).toBe(422);
    expect(errorCode(over)).toBe('VALIDATION_FAILED');
    expect(over.body.error.details).toEqual([
      expect.objectContaining({ path: 'items.0.finalWeight', code: 'beyond_tolerance' }),
    ]);
    expect(await moneyOf(order.id)).toEqual(before);
    // More than 3 decimals: 422 too.
    const fine = await weigh(part.id, shop.owner.token, { items: [{ itemId: item.id, finalWeight: 2.5205 }] });
    expect(fine.status).toBe(422);

    // 2.52 kg × 150 000 = 378 000 đ.
    const weighed = await weigh(part.id, shop.owner.token, { items: [{ itemId: item.id, finalWeight: 2.52 }] });
    expect(weighed.status).toBe(200);
    expect(weighed.body.items[0]).toMatchObject({ lineTotalVnd: 378_000, weight: { finalKg: 2.52 } });
    expect(weighed.body).toMatchObject({ subtotalVnd: 378_000, totalVnd: 378_000 });
    expect(await moneyOf(order.id)).toEqual({
      order: { subtotal_vnd: '378000', total_vnd: '378000', refund_due_vnd: '0' },
      items: [{ final_weight_milli: 2520, line_total_vnd: '378000' }],
    });

    // Cash on delivery collects the weighed amount, not the estimate.
    await move(part.id, shop.owner.token, 'ship', 'deliver');
    const estimate = await t.call('POST', `/api/v1/fulfilments/${part.id}/cash-collected`, {
      token: shop.owner.token,
      json: { amountVnd: 360_000 },
    });
    expect(estimate.status).toBe(422);
    const collected = await t.call('POST', `/api/v1/fulfilments/${part.id}/cash-collected`, {
      token: shop.owner.token,
      json: { amountVnd: 378_000 },
    });
    expect(collected.status).toBe(200);
    expect(collected.body.order.payment).toMatchObject({ status: 'paid', receivedVnd: 378_000 });
  });

  it('accepts a weight beyond the tolerance once the buyer accepted it', async () => {
    const shop = await fishShop();
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]));
    const part = order.fulfilments[0]!;
    const itemId = (part as unknown as { items: { id: string }[] }).items[0]!.id;
    const res = await weigh(part.id, shop.owner.token, {
      items: [{ itemId, finalWeight: 1.5 }],
      buyerAccepted: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subtotalVnd: 225_000 });
  });

  it('bank transfer paid on the estimate: a lighter fish leaves the difference as refund due', async () => {
    const shop = await fishShop();
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 2 }], { paymentMethod: 'bank_transfer' }),
    );
    const paid = await t.call('POST', `/api/v1/orders/${order.id}/payment/received`, {
      token: operator.token,
      json: { amountVnd: 360_000, note: 'VCB' },
    });
    expect(paid.status).toBe(200);
    const part = order.fulfilments[0]!;
    const itemId = (part as unknown as { items: { id: string }[] }).items[0]!.id;
    await move(part.id, shop.owner.token, 'confirm');
    // 2.25 kg × 150 000 = 337 500 đ: 22 500 đ back.
    const res = await weigh(part.id, shop.owner.token, { items: [{ itemId, finalWeight: 2.25 }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subtotalVnd: 337_500, totalVnd: 337_500 });
    expect(await orderRowOf(t, order.id)).toMatchObject({ payment_status: 'refund_pending', refund_due_vnd: '22500' });
  });

  it('is for the seller team only, and for lines priced at packing only', async () => {
    const shop = await fishShop();
    const other = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]));
    const part = order.fulfilments[0]!;
    const itemId = (part as unknown as { items: { id: string }[] }).items[0]!.id;
    const body = { items: [{ itemId, finalWeight: 1.2 }] };
    expect((await weigh(part.id, other.owner.token, body)).status).toBe(404);
    expect((await weigh(part.id, buyer.token, body)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/fulfilments/${part.id}/weights`, { json: body })).status).toBe(401);

    const plain = await placeOrder(t, buyer.token, orderBody([{ listingId: other.listing.id, quantity: 1 }]));
    const plainPart = plain.fulfilments[0]!;
    const plainItem = (plainPart as unknown as { items: { id: string }[] }).items[0]!.id;
    const fixed = await weigh(plainPart.id, other.owner.token, { items: [{ itemId: plainItem, finalWeight: 1 }] });
    expect(fixed.status).toBe(422);
    expect(fixed.body.error.details).toEqual([
      expect.objectContaining({ path: 'items.0.itemId', code: 'not_priced_at_packing' }),
    ]);
  });
});
