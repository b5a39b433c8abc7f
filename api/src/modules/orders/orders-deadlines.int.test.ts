import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  createShop,
  drainJobs,
  orderBody,
  orderFromTwoShops,
  placeOrder,
  stockOf,
  textsTo,
} from '../../../test/order-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { JobQueue } from '../../lib/jobs/index.ts';
import { expireUnconfirmedFulfilment, expireUnpaidOrder, markOrderPaid, registerOrderJobs } from './index.ts';
import type { Notifier, OrderNotice } from './order-notifier.ts';

// Deadlines run on the job queue with the injected clock: each test moves the clock and runs the
// due jobs; nothing sleeps. Deadlines here come from the environment (20 minutes to pay, 12 hours
// to confirm), not the defaults, to show they are configuration.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { PAYMENT_METHODS: 'cod,bank_transfer', PAYMENT_DEADLINE_MINUTES: '20', CONFIRMATION_DEADLINE_HOURS: '12' },
  });
});
afterAll(async () => {
  await t.close();
});

const getOrder = async (orderId: string, token: string) =>
  (await t.call('GET', `/api/v1/orders/${orderId}`, { token })).body;

describe('payment deadline', () => {
  it('holds the stock until the deadline, then cancels the order and returns the stock (once)', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 5 }], { paymentMethod: 'bank_transfer' }),
    );
    expect((await t.call('GET', `/api/v1/listings/${shop.listing.id}`)).body.status).toBe('sold_out');

    t.clock.advance(20 * MINUTE - 1000);
    await drainJobs(t);
    expect((await getOrder(order.id, buyer.token)).status).toBe('awaiting_payment');

    t.clock.advance(1000);
    await drainJobs(t);
    const expired = await getOrder(order.id, buyer.token);
    expect(expired).toMatchObject({ status: 'cancelled', payment: { status: 'cancelled' } });
    expect(expired.fulfilments[0]).toMatchObject({ status: 'cancelled', cancelReason: 'payment_deadline' });
    expect(await stockOf(t, shop.listing.id)).toEqual({ on_hand: 5, ledger: 5, sales: 1, releases: 1 });
    expect((await t.call('GET', `/api/v1/listings/${shop.listing.id}`)).body).toMatchObject({
      status: 'active',
      availableStock: 5,
    });
    const releases = await queryRows<{ order_id: string; author_user_id: string | null }>(
      t.db,
      sql`SELECT order_id, author_user_id FROM stock_movements WHERE listing_id = ${shop.listing.id} AND kind = 'release'`,
    );
    expect(releases).toEqual([{ order_id: order.id, author_user_id: null }]);
    expect(textsTo(t, buyer.phone)).toEqual([expect.stringContaining('chua thanh toan truoc han')]);
    // The seller never heard of an unpaid order, so is not told of its end either.
    expect(textsTo(t, shop.owner.phone)).toEqual([]);

    // Run again (a retried or duplicated job): nothing more happens.
    expect(await expireUnpaidOrder(t.deps, order.id, t.clock.now())).toBe(false);
    expect(await stockOf(t, shop.listing.id)).toEqual({ on_hand: 5, ledger: 5, sales: 1, releases: 1 });
  });

  it('a payment in time starts the confirmation clock; the payment deadline then does nothing', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 2 }], { paymentMethod: 'bank_transfer' }),
    );
    t.clock.advance(10 * MINUTE);
    const paidAt = t.clock.now();
    expect(await t.db.transaction((tx) => markOrderPaid(t.deps, tx, order.id, paidAt))).toBe('paid');
    expect(await t.db.transaction((tx) => markOrderPaid(t.deps, tx, order.id, paidAt))).toBe('already_paid');
    const paid = await getOrder(order.id, buyer.token);
    expect(paid).toMatchObject({ status: 'awaiting_confirmation', payment: { status: 'paid' } });
    expect(paid.fulfilments[0].confirmBy).toBe(new Date(paidAt.getTime() + 12 * HOUR).toISOString());

    await drainJobs(t);
    expect(textsTo(t, shop.owner.phone)).toEqual([expect.stringContaining(`Don moi ${order.code}`)]);
    t.clock.advance(11 * MINUTE);
    await drainJobs(t);
    expect((await getOrder(order.id, buyer.token)).status).toBe('awaiting_confirmation');
    expect(await expireUnpaidOrder(t.deps, order.id, t.clock.now())).toBe(false);
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 3, releases: 0 });
  });

  it('money arriving after the order expired is owed back in full', async () => {
    const shop = await createShop(t, { stock: 5, listing: { priceVnd: 40_000 } });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 2 }], { paymentMethod: 'bank_transfer' }),
    );
    t.clock.advance(21 * MINUTE);
    await drainJobs(t);
    expect(await t.db.transaction((tx) => markOrderPaid(t.deps, tx, order.id, t.clock.now()))).toBe('too_late');
    const [row] = await queryRows<{ payment_status: string; refund_due_vnd: string }>(
      t.db,
      sql`SELECT payment_status, refund_due_vnd FROM orders WHERE id = ${order.id}`,
    );
    expect(row).toEqual({ payment_status: 'refund_pending', refund_due_vnd: '80000' });
    expect((await getOrder(order.id, buyer.token)).status).toBe('cancelled');
  });
});

describe('confirmation deadline', () => {
  it('reminds a seller at half-time, then cancels what is still unconfirmed and tells the buyer', async () => {
    const late = await createShop(t, { stock: 10 });
    const prompt = await createShop(t, { stock: 10 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([
        { listingId: late.listing.id, quantity: 3 },
        { listingId: prompt.listing.id, quantity: 4 },
      ]),
    );
    const partOf = (sellerId: string) =>
      order.fulfilments.find((f: { seller: { id: string } }) => f.seller.id === sellerId) as { id: string };
    await drainJobs(t);
    expect(textsTo(t, late.owner.phone)).toHaveLength(1);
    await t.call('POST', `/api/v1/fulfilments/${partOf(prompt.sellerId).id}/confirm`, { token: prompt.owner.token });

    t.clock.advance(6 * HOUR);
    await drainJobs(t);
    expect(textsTo(t, late.owner.phone)).toEqual([
      expect.stringContaining('Don moi'),
      expect.stringContaining(`Don ${order.code} dang cho ban xac nhan`),
    ]);
    // Confirmed in time: no reminder.
    expect(textsTo(t, prompt.owner.phone)).toEqual([expect.stringContaining('Don moi')]);
    expect((await getOrder(order.id, buyer.token)).status).toBe('awaiting_confirmation');

    t.clock.advance(6 * HOUR);
    await drainJobs(t);
    const after = await getOrder(order.id, buyer.token);
    const statusOf = (sellerId: string) =>
      after.fulfilments.find((f: { seller: { id: string } }) => f.seller.id === sellerId);
    expect(statusOf(late.sellerId)).toMatchObject({ status: 'cancelled', cancelReason: 'confirmation_deadline' });
    expect(statusOf(prompt.sellerId)).toMatchObject({ status: 'confirmed' });
    expect(after.status).toBe('confirmed');
    expect(await stockOf(t, late.listing.id)).toEqual({ on_hand: 10, ledger: 10, sales: 1, releases: 1 });
    expect(await stockOf(t, prompt.listing.id)).toMatchObject({ on_hand: 6, releases: 0 });
    expect(textsTo(t, buyer.phone)).toContainEqual(expect.stringContaining('nguoi ban khong xac nhan kip'));

    // Re-running the deadline of either part does nothing.
    for (const sellerId of [late.sellerId, prompt.sellerId]) {
      expect(await expireUnconfirmedFulfilment(t.deps, partOf(sellerId).id, t.clock.now())).toBe(false);
    }
    expect(await stockOf(t, late.listing.id)).toMatchObject({ releases: 1 });
  });

  it('cancelling part of a paid order owes that part back (the refund hook)', async () => {
    const {
      second: b,
      order,
      partOf,
    } = await orderFromTwoShops(t, {
      paymentMethod: 'bank_transfer',
      first: { priceVnd: 10_000, quantity: 1 },
      second: { priceVnd: 25_000, quantity: 2 },
    });
    await t.db.transaction((tx) => markOrderPaid(t.deps, tx, order.id, t.clock.now()));
    const res = await t.call('POST', `/api/v1/fulfilments/${partOf(b).id}/cancel`, { token: b.owner.token });
    expect(res.status).toBe(200);
    const [row] = await queryRows<{ payment_status: string; refund_due_vnd: string }>(
      t.db,
      sql`SELECT payment_status, refund_due_vnd FROM orders WHERE id = ${order.id}`,
    );
    expect(row).toEqual({ payment_status: 'refund_pending', refund_due_vnd: '50000' });
  });
});

describe('notices through the queue', () => {
  it('a failing SMS gateway is retried by the queue and never touches the order', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    await drainJobs(t);
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]));
    const delivered: OrderNotice[] = [];
    let failures = 1;
    const flaky: Notifier = {
      notify: async (notice) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('gateway down');
        }
        delivered.push(notice);
      },
    };
    // A worker of its own with the flaky notifier, on the same queue table.
    const queue = new JobQueue({ db: t.db, clock: t.clock, logger: t.deps.logger });
    registerOrderJobs({ ...t.deps, jobs: queue }, flaky);
    expect(await queue.runDue()).toBe(1);
    expect(delivered).toEqual([]);
    expect((await getOrder(order.id, buyer.token)).status).toBe('awaiting_confirmation');
    t.clock.advance(2000);
    expect(await queue.runDue()).toBe(1);
    expect(delivered).toEqual([
      expect.objectContaining({ event: 'new_order', to: shop.owner.phone, orderCode: order.code }),
    ]);
    expect(await queue.runDue()).toBe(0);
  });
});
