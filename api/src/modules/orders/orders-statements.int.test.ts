import { randomUUID } from 'node:crypto';
import { createDb, type Database } from '@nongsan/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { addListing, createShop, insertBuyers } from '../../../test/order-factories.ts';
import { placeOrder } from './index.ts';

// The budget: at most 15 SQL statements per order of 1–3 items. Counted here on a second
// client of the test database that reports every statement it sends (BEGIN and COMMIT included).

let t: TestApp;
let counting: Database;
let statements: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  counting = createDb({ url: t.database.url, maxConnections: 1, onQuery: (query) => void statements.push(query) });
});
afterAll(async () => {
  await counting.close();
  await t.close();
});

describe('placing an order', () => {
  it('takes at most 15 statements, however many items and sellers', async () => {
    const a = await createShop(t, { stock: 50 });
    const b = await createShop(t, { stock: 50 });
    const listings = [a.listing.id, (await addListing(t, a)).id, b.listing.id];
    const [buyer] = await insertBuyers(t, 1);
    if (!buyer) throw new Error('no buyer');
    const deps = { ...t.deps, db: counting.db, database: counting };
    const user = { userId: buyer.userId, phone: buyer.phone, sessionId: 'ses_test', isOperator: false };
    const counts: number[] = [];
    // The first order is a warm-up: opening a connection sends statements of postgres.js's own (types).
    for (const size of [1, 1, 2, 3]) {
      statements = [];
      const placed = await placeOrder(
        deps,
        user,
        {
          items: listings.slice(0, size).map((listingId) => ({ listingId, quantity: 2 })),
          delivery: { method: 'pickup' },
          paymentMethod: 'cod',
        },
        randomUUID(),
      );
      expect(placed.status).toBe(201);
      counts.push(statements.length);
    }
    const [, ...measured] = counts;
    for (const count of measured) expect(count).toBeLessThanOrEqual(15);
    // No statement per item or per seller: a bigger cart costs no more.
    expect(new Set(measured).size).toBe(1);
  });
});
