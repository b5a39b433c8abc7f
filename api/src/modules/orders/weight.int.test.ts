import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import {
  countOrdersOf,
  createShop,
  insertBuyers,
  orderBody,
  placeOrder,
  postOrder,
  soldOf,
  stockOf,
} from '../../../test/order-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Sold by weight (decision 0029): quantities are exact decimals stored as thousandths, through
// cart, order, allocations and the stock ledger, on real PostgreSQL.

let t: TestApp;
beforeAll(async () => {
  // A pool of connections, so the race below truly overlaps.
  t = await createTestApp({ maxConnections: 20 });
});
afterAll(async () => {
  await t.close();
});

/** Pork by the kilo: from 0.3 kg, in steps of 0.1 kg. */
const byWeight = (stock: number, extra: Record<string, unknown> = {}) =>
  createShop(t, {
    stock,
    listing: {
      unit: 'kg',
      soldBy: 'measure',
      minOrder: 0.3,
      quantityStep: 0.1,
      priceVnd: 85_333,
      category: 'meat_eggs',
      title: 'Thịt lợn ba chỉ',
      ...extra,
    },
  });

describe('ordering by weight', () => {
  it('orders 1.5 kg and 0.3 kg: exact thousandths everywhere, each line rounded half up, totals add up', async () => {
    const pork = await byWeight(5);
    expect(pork.listing).toMatchObject({ soldBy: 'measure', minOrder: 0.3, quantityStep: 0.1, availableStock: 5 });
    const buyer = await t.signIn();
    const quote = await t.call('POST', '/api/v1/cart/quote', {
      json: { items: [{ listingId: pork.listing.id, quantity: 1.5 }] },
    });
    // 85 333 × 1.5 = 127 999.5 → 128 000 (half up).
    expect(quote.body.items[0]).toMatchObject({ quantity: 1.5, lineTotalVnd: 128_000, problem: null });

    const first = await placeOrder(t, buyer.token, orderBody([{ listingId: pork.listing.id, quantity: 1.5 }]));
    expect((first.fulfilments[0] as unknown as { items: unknown[] }).items[0]).toMatchObject({
      quantity: 1.5,
      unitPriceVnd: 85_333,
      lineTotalVnd: 128_000,
    });
    expect(first.totals).toMatchObject({ subtotalVnd: 128_000, totalVnd: 128_000 });
    // 85 333 × 0.3 = 25 599.9 → 25 600.
    const second = await placeOrder(t, buyer.token, orderBody([{ listingId: pork.listing.id, quantity: 0.3 }]));
    expect(second.totals).toMatchObject({ subtotalVnd: 25_600, totalVnd: 25_600 });

    const rows = await queryRows<{ quantity_milli: number; line_total_vnd: string; allocated: number }>(
      t.db,
      sql`SELECT i.quantity_milli, i.line_total_vnd::text,
            (SELECT sum(a.quantity_milli)::int FROM order_item_allocations a WHERE a.order_item_id = i.id) AS allocated
          FROM order_items i WHERE i.listing_id = ${pork.listing.id} ORDER BY i.quantity_milli DESC`,
    );
    expect(rows).toEqual([
      { quantity_milli: 1500, line_total_vnd: '128000', allocated: 1500 },
      { quantity_milli: 300, line_total_vnd: '25600', allocated: 300 },
    ]);
    // 5 − 1.5 − 0.3 = 3.2 kg left, in the lots and in the ledger.
    expect(await stockOf(t, pork.listing.id)).toEqual({ on_hand: 3.2, ledger: 3.2, sales: 2, releases: 0 });
    expect((await t.call('GET', `/api/v1/listings/${pork.listing.id}`)).body.availableStock).toBe(3.2);
  });

  it.each([
    ['off the step', 1.55, 'off_step'],
    ['below the minimum', 0.2, 'below_minimum'],
    ['with more than 3 decimals', 1.0005, 'custom'],
  ])('refuses a quantity %s: 422 naming items.0.quantity, nothing written', async (_label, quantity, code) => {
    const pork = await byWeight(5);
    const buyer = await t.signIn();
    const res = await postOrder(t, buyer.token, orderBody([{ listingId: pork.listing.id, quantity }]));
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'items.0.quantity', code })]);
    expect(await countOrdersOf(t, buyer.userId)).toBe(0);
    expect(await stockOf(t, pork.listing.id)).toEqual({ on_hand: 5, ledger: 5, sales: 0, releases: 0 });
  });

  it('keeps whole units for a listing sold by unit: 1.5 bunches is off its step', async () => {
    const greens = await createShop(t, { stock: 5, listing: { unit: 'bunch' } });
    const buyer = await t.signIn();
    const res = await postOrder(t, buyer.token, orderBody([{ listingId: greens.listing.id, quantity: 1.5 }]));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'items.0.quantity', code: 'off_step' })]);
  });

  it('refuses a listing whose rules do not hold together (422 naming the field)', async () => {
    const farm = await createShop(t, { stock: 1 });
    const create = (json: Record<string, unknown>) =>
      t.call('POST', '/api/v1/listings', {
        token: farm.owner.token,
        json: { sellerId: farm.sellerId, title: 'Cá chép', category: 'seafood', unit: 'kg', priceVnd: 90_000, ...json },
      });
    for (const [json, path] of [
      [{ soldBy: 'measure', unit: 'bunch', quantityStep: 0.1, minOrder: 0.5 }, 'unit'],
      [{ soldBy: 'measure', quantityStep: 0.2, minOrder: 0.5 }, 'minOrder'],
      [{ soldBy: 'unit', quantityStep: 0.5 }, 'quantityStep'],
      [{ soldBy: 'unit', minOrder: 1.5 }, 'minOrder'],
      [{ unit: 'animal', pricedAtPacking: true }, 'estimatedWeightKg'],
      [{ soldBy: 'unit', stock: 2.5 }, 'stock'],
    ] as const) {
      const res = await create(json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path })]);
    }
  });
});

describe('the race for the last 0.5 kg', () => {
  it('40 buyers of 0.5 kg for 2.5 kg: exactly 5 orders, the rest INSUFFICIENT_STOCK, never below zero', async () => {
    const pork = await byWeight(2.5, { minOrder: 0.5 });
    const buyers = await insertBuyers(t, 40);
    const results = await Promise.all(
      buyers.map((b) => postOrder(t, b.token, orderBody([{ listingId: pork.listing.id, quantity: 0.5 }]))),
    );
    const placed = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(35);
    for (const r of refused) {
      expect(r.body.error.details).toEqual([{ listingId: pork.listing.id, requested: 0.5, available: 0 }]);
    }
    expect(await stockOf(t, pork.listing.id)).toEqual({ on_hand: 0, ledger: 0, sales: 5, releases: 0 });
    expect(await soldOf(t, pork.listing.id)).toEqual({ sold: 2.5, orders: 5, allocated: 2.5 });
    expect((await t.call('GET', `/api/v1/listings/${pork.listing.id}`)).body.status).toBe('sold_out');
  });

  it('two buyers for the last 0.5 kg when 0.7 kg is left: one gets it, the other is told 0.2 kg is left', async () => {
    const pork = await byWeight(1.2, { minOrder: 0.5 });
    const [early, a, b] = await insertBuyers(t, 3);
    await placeOrder(t, early!.token, orderBody([{ listingId: pork.listing.id, quantity: 0.5 }]));
    const results = await Promise.all(
      [a!, b!].map((buyer) => postOrder(t, buyer.token, orderBody([{ listingId: pork.listing.id, quantity: 0.5 }]))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.details).toEqual([
      { listingId: pork.listing.id, requested: 0.5, available: 0.2 },
    ]);
    expect(await stockOf(t, pork.listing.id)).toMatchObject({ on_hand: 0.2, ledger: 0.2 });
  });
});
