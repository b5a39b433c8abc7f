import { randomUUID } from 'node:crypto';
import { newId, schema } from '@nongsan/db';
import { sql } from 'drizzle-orm';
import { generateSessionToken, hashToken } from '../src/modules/auth/auth.crypto.ts';
import type { TestApp } from './harness.ts';
import { type Actor, createFarm, createListing } from './listing-factories.ts';
import { queryRows } from './sql-rows.ts';

// Factories for order tests: shops with stock, buyers, orders. Shops and orders go through the
// real endpoints; buyers for the concurrency tests are inserted directly (200 OTP round trips
// would be slow and hit the per-IP limit, and sign-in is not what those tests are about).

/** A farm with one active listing holding `stock` units (one lot, no expiry). */
export async function createShop(
  t: TestApp,
  options: { stock?: number; listing?: Record<string, unknown>; seller?: Record<string, unknown> } = {},
) {
  const farm = await createFarm(t, options.seller);
  const listing = await createListing(t, farm.owner.token, farm.sellerId, {
    status: 'active',
    priceVnd: 50_000,
    stock: options.stock ?? 20,
    ...options.listing,
  });
  return { ...farm, listing };
}

/** Another active listing of an existing shop. */
export async function addListing(
  t: TestApp,
  shop: { owner: Actor; sellerId: string },
  overrides: Record<string, unknown> = {},
) {
  return createListing(t, shop.owner.token, shop.sellerId, {
    status: 'active',
    priceVnd: 30_000,
    stock: 20,
    title: `Rau cải ngọt ${Math.random().toString(36).slice(2, 6)}`,
    category: 'vegetables',
    ...overrides,
  });
}

/** Users with live sessions, inserted directly in two statements. */
export async function insertBuyers(t: TestApp, count: number): Promise<Actor[]> {
  const now = t.clock.now();
  const buyers = Array.from({ length: count }, (_, i) => ({
    userId: newId('usr'),
    phone: `+8490${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(i).padStart(3, '0')}`,
    token: generateSessionToken(),
  }));
  await t.db
    .insert(schema.users)
    .values(
      buyers.map((b) => ({ id: b.userId, phone: b.phone, name: 'Người mua thử', createdAt: now, lastSignInAt: now })),
    );
  await t.db.insert(schema.sessions).values(
    buyers.map((b) => ({
      id: newId('ses'),
      userId: b.userId,
      tokenHash: hashToken(b.token),
      expiresAt: new Date(now.getTime() + 86_400_000),
      userAgent: null,
      createdAt: now,
    })),
  );
  return buyers;
}

export const pickup = { method: 'pickup' } as const;

export const address = {
  recipientName: 'Nguyễn Thị Mai',
  phone: '0912 345 678',
  // Phường Cầu Giấy, Hà Nội.
  communeCode: '00166',
  street: '12 ngõ 34 Trần Thái Tông',
};

export const orderBody = (
  items: { listingId: string; quantity: number }[],
  overrides: Record<string, unknown> = {},
) => ({
  items,
  delivery: pickup,
  paymentMethod: 'cod',
  ...overrides,
});

/** POST /orders with a fresh Idempotency-Key unless one is given. */
export function postOrder(t: TestApp, token: string | undefined, body: unknown, key: string | null = randomUUID()) {
  return t.call('POST', '/api/v1/orders', {
    token,
    json: body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

/** Places an order and fails loudly if it was not created. */
export async function placeOrder(t: TestApp, token: string, body: unknown) {
  const res = await postOrder(t, token, body);
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.order as {
    id: string;
    code: string;
    fulfilments: { id: string; status: string; seller: { id: string } }[];
    [k: string]: any;
  };
}

/**
 * One buyer's order from two new shops (`quantity` of each one's listing at `priceVnd`), paid by
 * `paymentMethod`: the shared order whose parts, money and refunds belong to different sellers.
 */
export async function orderFromTwoShops(
  t: TestApp,
  options: {
    paymentMethod: 'cod' | 'bank_transfer' | 'stripe';
    first: { priceVnd: number; quantity: number; stock?: number };
    second: { priceVnd: number; quantity: number; stock?: number };
  },
) {
  const first = await createShop(t, {
    stock: options.first.stock ?? 10,
    listing: { priceVnd: options.first.priceVnd },
  });
  const second = await createShop(t, {
    stock: options.second.stock ?? 10,
    listing: { priceVnd: options.second.priceVnd },
  });
  const buyer = await t.signIn();
  const order = await placeOrder(
    t,
    buyer.token,
    orderBody(
      [
        { listingId: first.listing.id, quantity: options.first.quantity },
        { listingId: second.listing.id, quantity: options.second.quantity },
      ],
      { paymentMethod: options.paymentMethod },
    ),
  );
  const partOf = (shop: { sellerId: string }) => order.fulfilments.find((f) => f.seller.id === shop.sellerId)!;
  return { first, second, buyer, order, partOf };
}

/** A listing's lots: on-hand and the ledger's sum, and the ledger rows by kind. */
export async function stockOf(t: TestApp, listingId: string) {
  const [row] = await queryRows<{ on_hand: number; ledger: number; sales: number; releases: number }>(
    t.db,
    sql`SELECT
      (SELECT (coalesce(sum(on_hand_milli), 0) / 1000.0)::float8 FROM lots WHERE listing_id = ${listingId}) AS on_hand,
      (SELECT (coalesce(sum(delta_milli), 0) / 1000.0)::float8 FROM stock_movements WHERE listing_id = ${listingId}) AS ledger,
      (SELECT count(*)::int FROM stock_movements WHERE listing_id = ${listingId} AND kind = 'sale') AS sales,
      (SELECT count(*)::int FROM stock_movements WHERE listing_id = ${listingId} AND kind = 'release') AS releases`,
  );
  if (!row) throw new Error('no stock row');
  return row;
}

/** What orders took of a listing: units in items, orders, and units in lot allocations. */
export async function soldOf(t: TestApp, listingId: string) {
  const [row] = await queryRows<{ sold: number; orders: number; allocated: number }>(
    t.db,
    sql`SELECT (coalesce(sum(i.quantity_milli), 0) / 1000.0)::float8 AS sold, count(DISTINCT i.order_id)::int AS orders,
          (SELECT (coalesce(sum(a.quantity_milli), 0) / 1000.0)::float8 FROM order_item_allocations a
            JOIN order_items i2 ON i2.id = a.order_item_id WHERE i2.listing_id = ${listingId}) AS allocated
        FROM order_items i WHERE i.listing_id = ${listingId}`,
  );
  if (!row) throw new Error('no sales row');
  return row;
}

/** Each lot of a listing: on-hand and its own ledger sum. */
export async function lotLedgers(t: TestApp, listingId: string) {
  return queryRows<{ on_hand: number; ledger: number }>(
    t.db,
    sql`SELECT (l.on_hand_milli / 1000.0)::float8 AS on_hand, (SELECT (coalesce(sum(m.delta_milli), 0) / 1000.0)::float8 FROM stock_movements m WHERE m.lot_id = l.id) AS ledger
        FROM lots l WHERE l.listing_id = ${listingId} ORDER BY l.id`,
  );
}

export async function countOrdersOf(t: TestApp, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`SELECT count(*)::int AS n FROM orders WHERE buyer_user_id = ${userId}`,
  );
  return row?.n ?? 0;
}

/** Runs every job due by the test clock, until none is left. */
export async function drainJobs(t: TestApp): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = await t.jobs.runDue();
    total += ran;
    if (ran === 0) return total;
  }
}

/** Order texts sent to a phone (sign-in codes left out). */
export const textsTo = (t: TestApp, phone: string) =>
  t.sent.filter((m) => m.to === phone && m.text.startsWith('nongsan:')).map((m) => m.text);
