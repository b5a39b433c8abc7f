import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop } from '../../../test/listing-factories.ts';
import {
  addListing,
  address,
  countOrdersOf as countOrders,
  createShop,
  drainJobs,
  orderBody,
  pickup,
  placeOrder,
  postOrder,
  stockOf,
  textsTo,
} from '../../../test/order-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

let t: TestApp;
beforeAll(async () => {
  // Bank transfer "configured" so online orders (awaiting payment) can be made; stripe is not.
  t = await createTestApp({ env: { PAYMENT_METHODS: 'cod,bank_transfer' } });
});
afterAll(async () => {
  await t.close();
});

const quote = (json: unknown, token?: string) => t.call('POST', '/api/v1/cart/quote', { json, token });

const countOrdersOf = (userId: string) => countOrders(t, userId);

describe('POST /cart/quote', () => {
  it('prices the cart from the database, split by seller, with delivery options and fees', async () => {
    const tea = await createShop(t, {
      stock: 10,
      listing: { priceVnd: 120_000 },
      seller: { pickupAddress: 'Xóm Đồng Tiến', pickupHours: '7:00 – 18:00' },
    });
    const rice = await createShop(t, {
      stock: 100,
      listing: { priceVnd: 25_000, category: 'rice', title: 'Gạo Bao Thai' },
    });
    await t.call('PATCH', `/api/v1/sellers/${rice.sellerId}`, {
      token: rice.owner.token,
      json: { offersDelivery: true, deliveryFeeVnd: 30_000, freeDeliveryOverVnd: 500_000 },
    });
    const buyer = await t.signIn();
    const res = await quote(
      {
        items: [
          { listingId: tea.listing.id, quantity: 2 },
          { listingId: rice.listing.id, quantity: 10 },
        ],
        deliveries: { [rice.sellerId]: { method: 'delivery', address } },
      },
      buyer.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        listingId: tea.listing.id,
        available: 10,
        shortBy: 0,
        lineTotalVnd: 240_000,
        problem: null,
      }),
      expect.objectContaining({ listingId: rice.listing.id, available: 100, lineTotalVnd: 250_000, problem: null }),
    ]);
    expect(res.body.items[0].listing).toMatchObject({ priceVnd: 120_000, unit: { id: 'kg' }, sellerId: tea.sellerId });
    expect(res.body.sellers).toEqual([
      expect.objectContaining({
        seller: expect.objectContaining({ id: tea.sellerId }),
        method: 'pickup',
        subtotalVnd: 240_000,
        deliveryFeeVnd: 0,
        totalVnd: 240_000,
        // The seller's words with the province they left out: the buyer must find the place.
        options: {
          pickup: { feeVnd: 0, address: 'Xóm Đồng Tiến, Thái Nguyên', hours: '7:00 – 18:00' },
          delivery: null,
        },
        problem: null,
      }),
      expect.objectContaining({
        seller: expect.objectContaining({ id: rice.sellerId }),
        method: 'delivery',
        subtotalVnd: 250_000,
        deliveryFeeVnd: 30_000,
        totalVnd: 280_000,
        // The seller's flat terms are one nationwide zone (decision 30); 10 kg of rice, sold by the kilo.
        options: expect.objectContaining({
          delivery: {
            feeVnd: 30_000,
            freeOverVnd: 500_000,
            communeCode: '00166',
            zoneName: 'Toàn quốc',
            unavailable: null,
            minOrderVnd: null,
            weightGrams: 10_000,
          },
        }),
      }),
    ]);
    expect(res.body.totals).toEqual({ subtotalVnd: 490_000, deliveryFeeVnd: 30_000, totalVnd: 520_000 });
    expect(res.body.isOrderable).toBe(true);
    expect(res.body.paymentMethods).toEqual(['cod', 'bank_transfer']);

    // From the free-delivery amount on, delivery costs nothing.
    const big = await quote({
      items: [{ listingId: rice.listing.id, quantity: 20 }],
      delivery: { method: 'delivery', address },
    });
    expect(big.body.sellers[0]).toMatchObject({ subtotalVnd: 500_000, deliveryFeeVnd: 0, totalVnd: 500_000 });
  });

  it('names what stops each item, for anyone, and for a seller its own listings', async () => {
    const shop = await createShop(t, { stock: 3, listing: { minOrder: 2 } });
    const draft = await addListing(t, shop, { status: 'draft' });
    const res = await quote({
      items: [
        { listingId: shop.listing.id, quantity: 5 },
        { listingId: draft.id, quantity: 1 },
        { listingId: 'lst_nope', quantity: 1 },
      ],
      delivery: { method: 'delivery', address },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { problem: string }) => i.problem)).toEqual([
      'insufficient_stock',
      'not_for_sale',
      'not_found',
    ]);
    expect(res.body.items[0]).toMatchObject({ available: 3, shortBy: 2 });
    expect(res.body.sellers[0]).toMatchObject({ problem: 'delivery_not_offered', deliveryFeeVnd: 0 });
    expect(res.body.isOrderable).toBe(false);

    const low = await quote({ items: [{ listingId: shop.listing.id, quantity: 1 }] });
    expect(low.body.items[0].problem).toBe('below_minimum');
    const own = await quote({ items: [{ listingId: shop.listing.id, quantity: 2 }] }, shop.owner.token);
    expect(own.body.items[0].problem).toBe('own_listing');
    const fine = await quote({ items: [{ listingId: shop.listing.id, quantity: 2 }] });
    expect(fine.body.items[0].problem).toBeNull();
    // Sold by whole units: 2.5 is off the step of 1.
    const half = await quote({ items: [{ listingId: shop.listing.id, quantity: 2.5 }] });
    expect(half.body.items[0].problem).toBe('off_step');
    expect(half.body.isOrderable).toBe(false);
  });

  it.each([
    ['an empty cart', { items: [] }, 'items'],
    ['more than 3 decimals', { items: [{ listingId: 'lst_x', quantity: 1.0005 }] }, 'items.0.quantity'],
    ['a quantity as text', { items: [{ listingId: 'lst_x', quantity: '2' }] }, 'items.0.quantity'],
    ['a zero quantity', { items: [{ listingId: 'lst_x', quantity: 0 }] }, 'items.0.quantity'],
    ['a price from the cart', { items: [{ listingId: 'lst_x', quantity: 1, priceVnd: 1 }] }, 'items.0.priceVnd'],
    ['an unknown field', { items: [{ listingId: 'lst_x', quantity: 1 }], coupon: 'FREE' }, 'coupon'],
    [
      'one listing twice',
      {
        items: [
          { listingId: 'lst_x', quantity: 1 },
          { listingId: 'lst_x', quantity: 2 },
        ],
      },
      'items.1.listingId',
    ],
    ['missing items', {}, 'items'],
  ])('refuses %s (422)', async (_label, body, path) => {
    const res = await quote(body);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('refuses a delivery choice for a seller not in the cart, and an oversized body', async () => {
    const shop = await createShop(t);
    const res = await quote({
      items: [{ listingId: shop.listing.id, quantity: 1 }],
      deliveries: { sel_elsewhere: pickup },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'deliveries.sel_elsewhere', code: 'not_in_cart' }),
    ]);
    const big = await t.call('POST', '/api/v1/cart/quote', {
      body: JSON.stringify({ items: [{ listingId: 'x'.repeat(70_000), quantity: 1 }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('POST /orders', () => {
  it('places a cash-on-delivery order: stock taken FEFO across lots, split by seller, totals in đồng', async () => {
    const tea = await createShop(t, { stock: 2, listing: { priceVnd: 120_000 } });
    // A lot expiring sooner than the first one (which keeps): FEFO takes it first.
    const soon = await t.call('POST', `/api/v1/listings/${tea.listing.id}/lots`, {
      token: tea.owner.token,
      json: { quantity: 3, expiresAt: '2026-12-05' },
    });
    const veg = await createShop(t, {
      stock: 50,
      listing: { priceVnd: 15_000, category: 'vegetables', title: 'Rau muống' },
    });
    await t.call('PATCH', `/api/v1/sellers/${veg.sellerId}`, {
      token: veg.owner.token,
      json: { offersDelivery: true, deliveryFeeVnd: 20_000 },
    });
    const buyer = await t.signIn(undefined, 'Chị Mai');
    const res = await postOrder(
      t,
      buyer.token,
      orderBody(
        [
          { listingId: tea.listing.id, quantity: 4 },
          { listingId: veg.listing.id, quantity: 3 },
        ],
        {
          delivery: undefined,
          deliveries: { [tea.sellerId]: pickup, [veg.sellerId]: { method: 'delivery', address } },
        },
      ),
    );
    expect(res.status).toBe(201);
    const { order, payment } = res.body;
    expect(payment).toEqual({
      method: 'cod',
      status: 'pending',
      deadlineAt: null,
      totalVnd: 545_000,
      receivedVnd: 0,
      refundedVnd: 0,
      refundDueVnd: 0,
      flagged: null,
      refunds: [],
      cashCollected: [],
    });
    expect(order).toMatchObject({
      code: expect.stringMatching(/^NS-[0-9A-Z]{6}$/),
      status: 'awaiting_confirmation',
      buyer: { name: 'Chị Mai', phone: buyer.phone },
      totals: { subtotalVnd: 480_000 + 45_000, deliveryFeeVnd: 20_000, totalVnd: 545_000 },
    });
    expect(order.fulfilments).toHaveLength(2);
    const [teaPart, vegPart] = order.fulfilments;
    expect(teaPart).toMatchObject({
      seller: { id: tea.sellerId },
      status: 'awaiting_confirmation',
      delivery: { method: 'pickup', feeVnd: 0, address: null },
      items: [
        { listingId: tea.listing.id, unitPriceVnd: 120_000, quantity: 4, lineTotalVnd: 480_000, unit: { id: 'kg' } },
      ],
      subtotalVnd: 480_000,
      totalVnd: 480_000,
      confirmBy: new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString(),
    });
    expect(vegPart).toMatchObject({
      delivery: {
        method: 'delivery',
        feeVnd: 20_000,
        address: {
          recipientName: 'Nguyễn Thị Mai',
          phone: '+84912345678',
          province: { id: 'ha-noi' },
          commune: 'Phường Cầu Giấy',
          communeCode: '00166',
        },
        pickup: null,
      },
      totalVnd: 65_000,
    });

    // 3 from the lot expiring first, then 1 from the one that keeps: each attributed to its lot.
    const allocations = await queryRows<{ lot_id: string; quantity: number }>(
      t.db,
      sql`SELECT a.lot_id, (a.quantity_milli / 1000.0)::float8 AS quantity FROM order_item_allocations a JOIN order_items i ON i.id = a.order_item_id
          WHERE i.order_id = ${order.id} AND i.listing_id = ${tea.listing.id} ORDER BY a.quantity_milli DESC`,
    );
    expect(allocations).toEqual([
      { lot_id: soon.body.id, quantity: 3 },
      { lot_id: expect.not.stringMatching(soon.body.id), quantity: 1 },
    ]);
    expect(await stockOf(t, tea.listing.id)).toMatchObject({ on_hand: 1, ledger: 1, sales: 2 });
    const sales = await queryRows<{ order_id: string }>(
      t.db,
      sql`SELECT order_id FROM stock_movements WHERE listing_id = ${tea.listing.id} AND kind = 'sale'`,
    );
    expect(sales.every((s) => s.order_id === order.id)).toBe(true);
    expect((await t.call('GET', `/api/v1/listings/${tea.listing.id}`)).body.availableStock).toBe(1);

    // Each seller is told by SMS once the queue runs, in unaccented Vietnamese.
    await drainJobs(t);
    expect(textsTo(t, tea.owner.phone)).toEqual([
      expect.stringMatching(new RegExp(`^nongsan: Don moi ${order.code}: 1 san pham, 480\\.000d, khach den lay\\.`)),
    ]);
    expect(textsTo(t, veg.owner.phone)).toEqual([expect.stringContaining('giao tan noi')]);
  });

  it('sells the last unit and marks the listing sold out', async () => {
    const shop = await createShop(t, { stock: 2 });
    const buyer = await t.signIn();
    await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 2 }]));
    const listing = await t.call('GET', `/api/v1/listings/${shop.listing.id}`);
    expect(listing.body).toMatchObject({ status: 'sold_out', availableStock: 0 });
  });

  it('refuses more than the lots hold: 409 naming each short item, and writes nothing', async () => {
    const a = await createShop(t, { stock: 2 });
    const b = await addListing(t, a, { stock: 5 });
    const c = await addListing(t, a, { stock: 1 });
    const buyer = await t.signIn();
    const before = [await stockOf(t, a.listing.id), await stockOf(t, b.id), await stockOf(t, c.id)];
    const key = crypto.randomUUID();
    const body = orderBody([
      { listingId: a.listing.id, quantity: 3 },
      { listingId: b.id, quantity: 5 },
      { listingId: c.id, quantity: 4 },
    ]);
    const res = await postOrder(t, buyer.token, body, key);
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('INSUFFICIENT_STOCK');
    expect(res.body.error.details).toEqual([
      { listingId: a.listing.id, requested: 3, available: 2 },
      { listingId: c.id, requested: 4, available: 1 },
    ]);
    expect([await stockOf(t, a.listing.id), await stockOf(t, b.id), await stockOf(t, c.id)]).toEqual(before);
    expect(await countOrdersOf(buyer.userId)).toBe(0);
    // The key was not used up by the refusal: once stock arrives, the same key places the order.
    await t.call('POST', `/api/v1/listings/${a.listing.id}/lots`, { token: a.owner.token, json: { quantity: 5 } });
    await t.call('POST', `/api/v1/listings/${c.id}/lots`, { token: a.owner.token, json: { quantity: 5 } });
    expect((await postOrder(t, buyer.token, body, key)).status).toBe(201);
  });

  it('refuses items that cannot be bought (422 per item) and writes nothing', async () => {
    const shop = await createShop(t, { stock: 10, listing: { minOrder: 3 } });
    const draft = await addListing(t, shop, { status: 'draft' });
    const archived = await addListing(t, shop);
    await t.call('DELETE', `/api/v1/listings/${archived.id}`, { token: shop.owner.token });
    const buyer = await t.signIn();
    const res = await postOrder(
      t,
      buyer.token,
      orderBody([
        { listingId: shop.listing.id, quantity: 2 },
        { listingId: draft.id, quantity: 1 },
        { listingId: archived.id, quantity: 1 },
        { listingId: 'lst_missing', quantity: 1 },
      ]),
    );
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'items.0.quantity', code: 'below_minimum' }),
      expect.objectContaining({ path: 'items.1.listingId', code: 'not_for_sale' }),
      expect.objectContaining({ path: 'items.2.listingId', code: 'not_for_sale' }),
      expect.objectContaining({ path: 'items.3.listingId', code: 'not_found' }),
    ]);
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 10, sales: 0 });
    expect(await countOrdersOf(buyer.userId)).toBe(0);
  });

  it("refuses a buyer's own shop, including a cooperative's staff", async () => {
    const coop = await createCoop(t);
    const listing = await addListing(t, { owner: coop.owner, sellerId: coop.sellerId });
    for (const actor of [coop.owner, coop.staff]) {
      const res = await postOrder(t, actor.token, orderBody([{ listingId: listing.id, quantity: 1 }]));
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({ path: 'items.0.listingId', code: 'own_listing' }),
      ]);
    }
    // A plain member grows for the cooperative but does not run it: they may buy.
    expect((await postOrder(t, coop.member.token, orderBody([{ listingId: listing.id, quantity: 1 }]))).status).toBe(
      201,
    );
  });

  it('refuses delivery choices that do not fit the cart', async () => {
    const shop = await createShop(t);
    const buyer = await t.signIn();
    const item = [{ listingId: shop.listing.id, quantity: 1 }];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ delivery: { method: 'delivery', address } }, 'delivery.method', 'delivery_not_offered'],
      [{ delivery: undefined }, 'delivery', 'custom'],
      [{ delivery: undefined, deliveries: {} }, `deliveries.${shop.sellerId}`, 'required'],
      [{ deliveries: { sel_other: pickup } }, 'deliveries.sel_other', 'not_in_cart'],
      [{ delivery: { method: 'delivery' } }, 'delivery.address', 'custom'],
      [{ delivery: { method: 'pickup', address } }, 'delivery.address', 'custom'],
      [{ delivery: { method: 'drone' } }, 'delivery.method', 'invalid_value'],
      [{ delivery: { method: 'delivery', address: { ...address, phone: '123' } } }, 'delivery.address.phone', 'custom'],
    ];
    for (const [overrides, path, code] of cases) {
      const res = await postOrder(t, buyer.token, orderBody(item, overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(422);
      expect(res.body.error.details, path).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
    }
    expect(await countOrdersOf(buyer.userId)).toBe(0);
  });

  it.each([
    ['a payment method not offered here', { paymentMethod: 'stripe' }, 'paymentMethod'],
    ['an unknown payment method', { paymentMethod: 'bitcoin' }, 'paymentMethod'],
    ['missing paymentMethod', { paymentMethod: undefined }, 'paymentMethod'],
    ['an unknown field', { totalVnd: 1 }, 'totalVnd'],
    ['items as an object', { items: { listingId: 'x' } }, 'items'],
    ['a negative quantity', { items: [{ listingId: 'lst_x', quantity: -1 }] }, 'items.0.quantity'],
  ])('refuses %s (422)', async (_label, overrides, path) => {
    const shop = await createShop(t);
    const buyer = await t.signIn();
    const res = await postOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }], overrides));
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await countOrdersOf(buyer.userId)).toBe(0);
  });

  it('requires an Idempotency-Key (422 naming the header), JSON, and a body of sane size', async () => {
    const shop = await createShop(t);
    const buyer = await t.signIn();
    const body = orderBody([{ listingId: shop.listing.id, quantity: 1 }]);
    const missing = await postOrder(t, buyer.token, body, null);
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'idempotency-key' })]);
    const spaced = await postOrder(t, buyer.token, body, 'has spaces');
    expect(spaced.status).toBe(422);
    const notJson = await t.call('POST', '/api/v1/orders', {
      token: buyer.token,
      body: 'items=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'k1' },
    });
    expect([400, 415, 422]).toContain(notJson.status);
    const huge = await postOrder(t, buyer.token, { ...body, note: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await countOrdersOf(buyer.userId)).toBe(0);
  });

  it('requires sign-in, before looking at the body', async () => {
    const res = await postOrder(t, undefined, { nonsense: true });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('replays the first answer for a repeated key, refuses the key with another body, keeps keys per user', async () => {
    const shop = await createShop(t, { stock: 10 });
    const buyer = await t.signIn();
    const key = crypto.randomUUID();
    const body = orderBody([{ listingId: shop.listing.id, quantity: 2 }]);
    const first = await postOrder(t, buyer.token, body, key);
    t.clock.advance(60_000);
    const again = await postOrder(t, buyer.token, body, key);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await countOrdersOf(buyer.userId)).toBe(1);
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 8 });

    const other = await postOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 3 }]), key);
    expect(other.status).toBe(422);
    expect(errorCode(other)).toBe('IDEMPOTENCY_KEY_REUSED');

    const someoneElse = await t.signIn();
    const theirs = await postOrder(t, someoneElse.token, body, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.order.id).not.toBe(first.body.order.id);
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 6 });
  });

  it('an online payment holds the stock with a deadline; sellers hear of it once paid', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const res = await postOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 2 }], { paymentMethod: 'bank_transfer' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({
      method: 'bank_transfer',
      status: 'pending',
      deadlineAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
      totalVnd: 100_000,
      receivedVnd: 0,
      flagged: null,
      bankTransfer: { amountVnd: 100_000, reference: res.body.order.code.replace('-', '') },
    });
    expect(res.body.order.status).toBe('awaiting_payment');
    expect(res.body.order.fulfilments[0].confirmBy).toBeNull();
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 3 });
    await drainJobs(t);
    expect(textsTo(t, shop.owner.phone)).toEqual([]);
  });
});

describe('GET /orders and GET /orders/:orderId', () => {
  it("lists the buyer's own orders, newest first, paginated", async () => {
    const shop = await createShop(t, { stock: 50 });
    const buyer = await t.signIn();
    const placed = [];
    for (let i = 1; i <= 3; i++) {
      placed.push(await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: i }])));
      t.clock.advance(1000);
    }
    await placeOrder(t, (await t.signIn()).token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]));
    const page1 = await t.call('GET', '/api/v1/orders?perPage=2', { token: buyer.token });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, page: 1, perPage: 2 });
    expect(page1.body.orders.map((o: { id: string }) => o.id)).toEqual([placed[2]?.id, placed[1]?.id]);
    const page2 = await t.call('GET', '/api/v1/orders?perPage=2&page=2', { token: buyer.token });
    expect(page2.body.orders.map((o: { id: string }) => o.id)).toEqual([placed[0]?.id]);
    expect(page2.body.orders[0].fulfilments[0].items[0].quantity).toBe(1);
  });

  it.each([
    ['perPage=0', 'perPage'],
    ['page=abc', 'page'],
    ['perPage=1000', 'perPage'],
    ['sort=price', 'sort'],
  ])('refuses ?%s (422)', async (query, path) => {
    const buyer = await t.signIn();
    const res = await t.call('GET', `/api/v1/orders?${query}`, { token: buyer.token });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('shows the buyer all of it, each seller team only its own part, anyone else 404, anonymous 401', async () => {
    const a = await createShop(t, { listing: { priceVnd: 10_000 } });
    const coop = await createCoop(t);
    const b = await addListing(t, { owner: coop.owner, sellerId: coop.sellerId }, { priceVnd: 7_000 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([
        { listingId: a.listing.id, quantity: 1 },
        { listingId: b.id, quantity: 2 },
      ]),
    );
    const mine = await t.call('GET', `/api/v1/orders/${order.id}`, { token: buyer.token });
    expect(mine.status).toBe(200);
    expect(mine.body.fulfilments).toHaveLength(2);
    expect(mine.body.totals.totalVnd).toBe(24_000);

    for (const staff of [coop.owner, coop.manager, coop.staff]) {
      const seen = await t.call('GET', `/api/v1/orders/${order.id}`, { token: staff.token });
      expect(seen.status).toBe(200);
      expect(seen.body.fulfilments.map((f: { seller: { id: string } }) => f.seller.id)).toEqual([coop.sellerId]);
      expect(seen.body.totals.totalVnd).toBe(14_000);
      expect(JSON.stringify(seen.body)).not.toContain(a.listing.id);
    }
    const farmView = await t.call('GET', `/api/v1/orders/${order.id}`, { token: a.owner.token });
    expect(farmView.body.fulfilments.map((f: { seller: { id: string } }) => f.seller.id)).toEqual([a.sellerId]);

    for (const stranger of [await t.signIn(), coop.member]) {
      const res = await t.call('GET', `/api/v1/orders/${order.id}`, { token: stranger.token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect((await t.call('GET', '/api/v1/orders/ord_nope', { token: buyer.token })).status).toBe(404);
    expect(errorCode(await t.call('GET', `/api/v1/orders/${order.id}`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.call('GET', '/api/v1/orders'))).toBe('UNAUTHENTICATED');
  });
});

describe('POST /orders/:orderId/cancel', () => {
  it('cancels every part not yet shipped, returns its stock through the ledger, tells the sellers', async () => {
    const a = await createShop(t, { stock: 10 });
    const b = await createShop(t, { stock: 10 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([
        { listingId: a.listing.id, quantity: 4 },
        { listingId: b.listing.id, quantity: 6 },
      ]),
    );
    const bPart = order.fulfilments.find((f: { seller: { id: string } }) => f.seller.id === b.sellerId);
    await t.call('POST', `/api/v1/fulfilments/${bPart?.id}/confirm`, { token: b.owner.token });
    await t.call('POST', `/api/v1/fulfilments/${bPart?.id}/ship`, { token: b.owner.token });
    await drainJobs(t); // the sellers hear of the order

    const res = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: buyer.token });
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(
      res.body.fulfilments.map((f: { seller: { id: string }; status: string }) => [f.seller.id, f.status]),
    );
    expect(statuses).toEqual({ [a.sellerId]: 'cancelled', [b.sellerId]: 'shipped' });
    expect(res.body.status).toBe('shipped');
    expect(res.body.fulfilments.find((f: { status: string }) => f.status === 'cancelled')).toMatchObject({
      cancelReason: 'buyer',
    });
    expect(await stockOf(t, a.listing.id)).toEqual({ on_hand: 10, ledger: 10, sales: 1, releases: 1 });
    expect(await stockOf(t, b.listing.id)).toMatchObject({ on_hand: 4, releases: 0 });

    const again = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: buyer.token });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    await drainJobs(t);
    expect(textsTo(t, a.owner.phone)).toEqual([
      expect.stringContaining('Don moi'),
      expect.stringContaining('Khach da huy don'),
    ]);
  });

  it('is 404 for anyone but the buyer (the sellers included) and 401 anonymous; nothing changes', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: shop.listing.id, quantity: 1 }]));
    for (const token of [(await t.signIn()).token, shop.owner.token]) {
      const res = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.call('POST', `/api/v1/orders/${order.id}/cancel`))).toBe('UNAUTHENTICATED');
    expect((await t.call('GET', `/api/v1/orders/${order.id}`, { token: buyer.token })).body.status).toBe(
      'awaiting_confirmation',
    );
    expect(await stockOf(t, shop.listing.id)).toMatchObject({ on_hand: 4 });
  });

  it('cancelling an unpaid online order cancels its payment too', async () => {
    const shop = await createShop(t, { stock: 5 });
    const buyer = await t.signIn();
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 5 }], { paymentMethod: 'bank_transfer' }),
    );
    const res = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: buyer.token });
    expect(res.body).toMatchObject({ status: 'cancelled', payment: { status: 'cancelled' } });
    expect((await t.call('GET', `/api/v1/listings/${shop.listing.id}`)).body).toMatchObject({
      status: 'active',
      availableStock: 5,
    });
  });
});

describe('GET /seller/orders', () => {
  it("lists a seller's fulfilments for its owner, managers and staff, filtered by status", async () => {
    const coop = await createCoop(t);
    const listing = await addListing(t, { owner: coop.owner, sellerId: coop.sellerId }, { stock: 30 });
    const buyer = await t.signIn(undefined, 'Anh Tuấn');
    const first = await placeOrder(t, buyer.token, orderBody([{ listingId: listing.id, quantity: 1 }]));
    t.clock.advance(1000);
    const second = await placeOrder(t, buyer.token, orderBody([{ listingId: listing.id, quantity: 2 }]));
    await t.call('POST', `/api/v1/fulfilments/${first.fulfilments[0]?.id}/confirm`, { token: coop.staff.token });

    for (const actor of [coop.owner, coop.manager, coop.staff]) {
      const res = await t.call('GET', `/api/v1/seller/orders?sellerId=${coop.sellerId}`, { token: actor.token });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.fulfilments.map((f: { order: { id: string } }) => f.order.id)).toEqual([second.id, first.id]);
      expect(res.body.fulfilments[0].order).toMatchObject({
        code: second.code,
        buyer: { name: 'Anh Tuấn', phone: buyer.phone },
        payment: { method: 'cod' },
      });
    }
    const waiting = await t.call(
      'GET',
      `/api/v1/seller/orders?sellerId=${coop.sellerId}&status=awaiting_confirmation`,
      {
        token: coop.owner.token,
      },
    );
    expect(waiting.body.fulfilments.map((f: { id: string }) => f.id)).toEqual([second.fulfilments[0]?.id]);
  });

  it('is 404 for a plain member, another seller and a buyer; 401 anonymous; 422 for bad filters', async () => {
    const coop = await createCoop(t);
    const other = await createShop(t);
    for (const token of [coop.member.token, other.owner.token, (await t.signIn()).token]) {
      const res = await t.call('GET', `/api/v1/seller/orders?sellerId=${coop.sellerId}`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.call('GET', `/api/v1/seller/orders?sellerId=${coop.sellerId}`))).toBe('UNAUTHENTICATED');
    for (const [query, path] of [
      ['', 'sellerId'],
      [`sellerId=${coop.sellerId}&status=lost`, 'status'],
      [`sellerId=${coop.sellerId}&mine=1`, 'mine'],
    ]) {
      const res = await t.call('GET', `/api/v1/seller/orders?${query}`, { token: coop.owner.token });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
  });
});

describe('POST /fulfilments/:fulfilmentId/{confirm,ship,deliver,cancel}', () => {
  type State = 'awaiting_payment' | 'awaiting_confirmation' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';
  const ACTIONS = ['confirm', 'ship', 'deliver', 'cancel'] as const;
  const PATH_TO: Record<State, string[]> = {
    awaiting_payment: [],
    awaiting_confirmation: [],
    confirmed: ['confirm'],
    shipped: ['confirm', 'ship'],
    delivered: ['confirm', 'ship', 'deliver'],
    cancelled: ['cancel'],
  };
  // The whole table a seller's team faces: every state × every action.
  const EXPECTED: Record<State, Record<(typeof ACTIONS)[number], State | 409>> = {
    awaiting_payment: { confirm: 409, ship: 409, deliver: 409, cancel: 409 },
    awaiting_confirmation: { confirm: 'confirmed', ship: 409, deliver: 409, cancel: 'cancelled' },
    confirmed: { confirm: 409, ship: 'shipped', deliver: 409, cancel: 'cancelled' },
    shipped: { confirm: 409, ship: 409, deliver: 'delivered', cancel: 409 },
    delivered: { confirm: 409, ship: 409, deliver: 409, cancel: 409 },
    cancelled: { confirm: 409, ship: 409, deliver: 409, cancel: 409 },
  };

  let shop: Awaited<ReturnType<typeof createShop>>;
  let buyer: Awaited<ReturnType<TestApp['signIn']>>;
  beforeAll(async () => {
    shop = await createShop(t, { stock: 1000 });
    buyer = await t.signIn();
  });

  async function fulfilmentIn(state: State) {
    const order = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 1 }], {
        paymentMethod: state === 'awaiting_payment' ? 'bank_transfer' : 'cod',
      }),
    );
    const id = order.fulfilments[0]?.id as string;
    for (const step of PATH_TO[state]) {
      const res = await t.call('POST', `/api/v1/fulfilments/${id}/${step}`, { token: shop.owner.token });
      if (res.status !== 200) throw new Error(`${step}: ${JSON.stringify(res.body)}`);
    }
    return { orderId: order.id, id };
  }

  const cases = (Object.keys(EXPECTED) as State[]).flatMap((from) =>
    ACTIONS.map((action) => [from, action, EXPECTED[from][action]] as const),
  );
  it.each(cases)('from %s, %s → %s', async (from, action, expected) => {
    const { id, orderId } = await fulfilmentIn(from);
    const before = await stockOf(t, shop.listing.id);
    const res = await t.call('POST', `/api/v1/fulfilments/${id}/${action}`, { token: shop.owner.token });
    if (expected === 409) {
      expect(res.status).toBe(409);
      expect(errorCode(res)).toBe('INVALID_TRANSITION');
      expect(res.body.error.details).toEqual({ fulfilmentId: id, status: from, action });
      expect(await stockOf(t, shop.listing.id)).toEqual(before);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: expected, order: { id: orderId } });
    const order = await t.call('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
    expect(order.body.status).toBe(expected);
    // Only a cancellation gives stock back.
    expect((await stockOf(t, shop.listing.id)).on_hand).toBe(before.on_hand + (expected === 'cancelled' ? 1 : 0));
  });

  // What the storefront shows as buttons is what the API publishes: the seller team's moves on
  // its fulfilment, and the buyer's (only the buyer's) right to cancel the order.
  const NEXT: Record<State, { nextActions: string[]; buyerCanCancel: boolean }> = {
    awaiting_payment: { nextActions: [], buyerCanCancel: true },
    awaiting_confirmation: { nextActions: ['confirm', 'cancel'], buyerCanCancel: true },
    confirmed: { nextActions: ['ship', 'cancel'], buyerCanCancel: true },
    shipped: { nextActions: ['deliver'], buyerCanCancel: false },
    delivered: { nextActions: [], buyerCanCancel: false },
    cancelled: { nextActions: [], buyerCanCancel: false },
  };
  it.each(Object.keys(NEXT) as State[])('publishes canCancel and nextActions for %s', async (state) => {
    const { id, orderId } = await fulfilmentIn(state);
    const listed = await t.call('GET', `/api/v1/seller/orders?sellerId=${shop.sellerId}&status=${state}&perPage=100`, {
      token: shop.owner.token,
    });
    expect(listed.status).toBe(200);
    const mine = listed.body.fulfilments.find((f: { id: string }) => f.id === id);
    expect(mine?.nextActions).toEqual(NEXT[state].nextActions);
    const asBuyer = await t.call('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
    expect(asBuyer.body.canCancel).toBe(NEXT[state].buyerCanCancel);
    // The seller's team sees the same order but may not cancel it as a whole (only its part).
    const asSeller = await t.call('GET', `/api/v1/orders/${orderId}`, { token: shop.owner.token });
    expect(asSeller.status).toBe(200);
    expect(asSeller.body.canCancel).toBe(false);
  });

  it('answers a move with the moves left', async () => {
    const { id } = await fulfilmentIn('awaiting_confirmation');
    const confirmed = await t.call('POST', `/api/v1/fulfilments/${id}/confirm`, { token: shop.owner.token });
    expect(confirmed.body.nextActions).toEqual(['ship', 'cancel']);
    const shipped = await t.call('POST', `/api/v1/fulfilments/${id}/ship`, { token: shop.owner.token });
    expect(shipped.body.nextActions).toEqual(['deliver']);
  });

  it('records each step, tells the buyer; cash on delivery is paid once its cash is recorded', async () => {
    const { id, orderId } = await fulfilmentIn('awaiting_confirmation');
    for (const step of ['confirm', 'ship', 'deliver']) {
      t.clock.advance(3_600_000);
      expect((await t.call('POST', `/api/v1/fulfilments/${id}/${step}`, { token: shop.owner.token })).status).toBe(200);
    }
    let order = await t.call('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
    expect(order.body.status).toBe('delivered');
    // Handing the goods over is not the cash: the seller records it (payments' cash-collected).
    expect(order.body.payment.status).toBe('pending');
    const collected = await t.call('POST', `/api/v1/fulfilments/${id}/cash-collected`, {
      token: shop.owner.token,
      json: { amountVnd: order.body.totals.totalVnd },
    });
    expect(collected.status).toBe(200);
    order = await t.call('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
    expect(order.body.payment.status).toBe('paid');
    const part = order.body.fulfilments[0];
    expect(new Date(part.confirmedAt) < new Date(part.shippedAt)).toBe(true);
    expect(new Date(part.shippedAt) < new Date(part.deliveredAt)).toBe(true);
    await drainJobs(t);
    const texts = textsTo(t, buyer.phone);
    // A pickup: the buyer came for it, nothing was "delivered".
    for (const fragment of ['da xac nhan don', 'da san sang, moi ban den lay', 'Ban da lay don']) {
      expect(
        texts.some((text) => text.includes(fragment)),
        fragment,
      ).toBe(true);
    }
  });

  it("a seller's cancel returns the stock and tells the buyer why", async () => {
    const { id, orderId } = await fulfilmentIn('confirmed');
    const before = await stockOf(t, shop.listing.id);
    const res = await t.call('POST', `/api/v1/fulfilments/${id}/cancel`, { token: shop.owner.token });
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'seller' });
    const after = await stockOf(t, shop.listing.id);
    expect(after).toMatchObject({
      on_hand: before.on_hand + 1,
      ledger: before.ledger + 1,
      releases: before.releases + 1,
    });
    await drainJobs(t);
    const order = await t.call('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
    expect(textsTo(t, buyer.phone).filter((s) => s.includes(order.body.code))).toContainEqual(
      expect.stringContaining('nguoi ban da huy'),
    );
  });

  it('is 404 for another seller, the buyer and a plain member; 401 anonymous; nothing moves', async () => {
    const { id } = await fulfilmentIn('awaiting_confirmation');
    const coop = await createCoop(t);
    for (const token of [coop.owner.token, buyer.token, coop.member.token]) {
      const res = await t.call('POST', `/api/v1/fulfilments/${id}/confirm`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.call('POST', `/api/v1/fulfilments/${id}/confirm`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.call('POST', '/api/v1/fulfilments/ful_nope/confirm', { token: shop.owner.token }))).toBe(
      'NOT_FOUND',
    );
    const seen = await t.call('GET', `/api/v1/seller/orders?sellerId=${shop.sellerId}&status=awaiting_confirmation`, {
      token: shop.owner.token,
    });
    expect(seen.body.fulfilments.map((f: { id: string }) => f.id)).toContain(id);
  });
});
