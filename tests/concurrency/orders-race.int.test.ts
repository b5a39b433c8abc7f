import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../api/test/harness.ts';
import {
  addListing,
  countOrdersOf,
  createShop,
  insertBuyers,
  lotLedgers,
  orderBody,
  postOrder,
  soldOf,
  stockOf,
} from '../../api/test/order-factories.ts';

// Races on real PostgreSQL through the real HTTP handler: many buyers at once, a pool of 20
// connections, so transactions truly overlap and wait on each other's locks.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ maxConnections: 20 });
});
afterAll(async () => {
  await t.close();
});

/** Status and error code of each answer, counted. */
function tally(results: { status: number; body: any }[]) {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('placing orders concurrently', () => {
  it('200 buyers for 50 units: exactly 50 orders, the rest INSUFFICIENT_STOCK, the ledger agrees', async () => {
    const shop = await createShop(t, { stock: 20 });
    // Stock spread over lots with different expiries, so the race also crosses lot boundaries.
    for (const [quantity, expiresAt] of [
      [10, '2026-12-10'],
      [15, '2026-12-20'],
      [5, '2027-01-05'],
    ] as const) {
      await t.call('POST', `/api/v1/listings/${shop.listing.id}/lots`, {
        token: shop.owner.token,
        json: { quantity, expiresAt },
      });
    }
    const buyers = await insertBuyers(t, 200);
    const results = await Promise.all(
      buyers.map((b) => postOrder(t, b.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]))),
    );
    expect(tally(results)).toEqual({ '201': 50, '409 INSUFFICIENT_STOCK': 150 });
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.error.details).toEqual([{ listingId: shop.listing.id, requested: 1, available: 0 }]);
    }
    // on-hand 0, the ledger sums to 0 (50 received, 50 sold, one sale row per order), no lot below zero.
    expect(await stockOf(t, shop.listing.id)).toEqual({ on_hand: 0, ledger: 0, sales: 50, releases: 0 });
    expect(await soldOf(t, shop.listing.id)).toEqual({ sold: 50, orders: 50, allocated: 50 });
    const lots = await lotLedgers(t, shop.listing.id);
    expect(lots).toHaveLength(4);
    for (const lot of lots) expect(lot).toEqual({ on_hand: 0, ledger: 0 });
    expect((await t.call('GET', `/api/v1/listings/${shop.listing.id}`)).body.status).toBe('sold_out');
  });

  it('multi-item carts in opposite orders all complete or fail cleanly, never deadlock', async () => {
    const a = await createShop(t, { stock: 30 });
    const b = await createShop(t, { stock: 30 });
    const listings = [
      a.listing.id,
      (await addListing(t, a, { stock: 30 })).id,
      b.listing.id,
      (await addListing(t, b, { stock: 30 })).id,
    ];
    const buyers = await insertBuyers(t, 80);
    const results = await Promise.all(
      buyers.map((buyer, i) => {
        // Half the carts list the items one way, half the other way; some take two units.
        const items = listings.map((listingId, j) => ({ listingId, quantity: 1 + ((i + j) % 2) }));
        return postOrder(t, buyer.token, orderBody(i % 2 === 0 ? items : [...items].reverse()));
      }),
    );
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(['201', '409 INSUFFICIENT_STOCK']);
    // Each cart takes 6 units over 4 listings of 30 units each (1 or 2 per listing): stock runs out
    // after about 20 carts; whatever the interleaving, nothing is oversold and the books balance.
    for (const listingId of listings) {
      const stock = await stockOf(t, listingId);
      const sold = await soldOf(t, listingId);
      expect(stock.on_hand).toBe(30 - (sold.sold ?? 0));
      expect(stock.ledger).toBe(stock.on_hand);
      expect(stock.on_hand).toBeGreaterThanOrEqual(0);
      expect(sold.allocated).toBe(sold.sold);
      expect(sold.orders).toBe(counts['201']);
    }
    expect(counts['201']).toBeGreaterThanOrEqual(15);
  });

  it('50 concurrent requests with one Idempotency-Key: one order, 50 identical answers', async () => {
    const shop = await createShop(t, { stock: 100 });
    const [buyer] = await insertBuyers(t, 1);
    if (!buyer) throw new Error('no buyer');
    const key = randomUUID();
    const body = orderBody([{ listingId: shop.listing.id, quantity: 3 }]);
    const results = await Promise.all(Array.from({ length: 50 }, () => postOrder(t, buyer.token, body, key)));
    expect(tally(results)).toEqual({ '201': 50 });
    const first = JSON.stringify(results[0]?.body);
    for (const r of results) expect(JSON.stringify(r.body)).toBe(first);
    expect(await countOrdersOf(t, buyer.userId)).toBe(1);
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 97, sales: 1 });

    // The same key with another body, concurrently with replays: refused every time, nothing new.
    const mixed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postOrder(t, buyer.token, i % 2 ? body : orderBody([{ listingId: shop.listing.id, quantity: 4 }]), key),
      ),
    );
    expect(tally(mixed)).toEqual({ '201': 5, '422 IDEMPOTENCY_KEY_REUSED': 5 });
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 97, sales: 1 });
  });
});
