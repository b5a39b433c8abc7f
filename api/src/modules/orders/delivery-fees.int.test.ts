import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { address, createShop, orderBody, placeOrder, postOrder } from '../../../test/order-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Delivery fees per address (issue 15, decision 30): the quote and the order price each seller's
// part from its zones for the address's commune, through the same function, and agree to the đồng.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const LA_BANG = '05818'; // Xã La Bằng, Thái Nguyên
const TAN_CUONG = '05503'; // Xã Tân Cương, Thái Nguyên
const CAU_GIAY = '00166'; // Phường Cầu Giấy, Hà Nội

const to = (communeCode: string) => ({ ...address, communeCode });
const quote = (body: unknown, token?: string) => t.call('POST', '/api/v1/cart/quote', { token, json: body });
const putZones = (shop: { sellerId: string; owner: { token: string } }, zones: unknown[]) =>
  t.call('PUT', `/api/v1/sellers/${shop.sellerId}/delivery-zones`, { token: shop.owner.token, json: { zones } });

/** Tea (200 g packs, 1.2 kg a box as shipped) from a farm that delivers in its commune and its province by weight. */
async function teaFarm() {
  const shop = await createShop(t, {
    stock: 50,
    listing: { priceVnd: 100_000, unit: 'box', shippingWeightGrams: 1200 },
  });
  const res = await putZones(shop, [
    { name: 'Trong xã', communeCodes: [LA_BANG], rate: { kind: 'flat', feeVnd: 10_000 } },
    {
      name: 'Cả tỉnh',
      provinces: ['thai-nguyen'],
      rate: {
        kind: 'weight',
        bands: [
          { upToGrams: 2000, feeVnd: 20_000 },
          { upToGrams: 5000, feeVnd: 35_000 },
        ],
      },
      freeOverVnd: 1_000_000,
    },
  ]);
  expect(res.status).toBe(200);
  return shop;
}

/** Rice by the kilo from a farm that delivers only to Hà Nội, by order value, from 200,000 đ. */
async function riceFarm() {
  const shop = await createShop(t, { stock: 100, listing: { priceVnd: 25_000, unit: 'kg' } });
  await putZones(shop, [
    {
      name: 'Hà Nội',
      provinces: ['Hà Nội'],
      rate: {
        kind: 'value',
        bands: [
          { upToVnd: 300_000, feeVnd: 40_000 },
          { upToVnd: null, feeVnd: 25_000 },
        ],
      },
      minOrderVnd: 200_000,
    },
  ]);
  return shop;
}

describe('delivery fees per address', () => {
  it("prices each seller's option for the commune: its zone, its band, or why it does not deliver", async () => {
    const tea = await teaFarm();
    const rice = await riceFarm();
    const items = [
      { listingId: tea.listing.id, quantity: 2 }, // 2.4 kg
      { listingId: rice.listing.id, quantity: 10 }, // 10 kg, 250,000 đ
    ];
    const options = async (communeCode: string) => {
      const res = await quote({ items, destination: { communeCode } });
      expect(res.status).toBe(200);
      return res.body.sellers.map((s: { options: { delivery: unknown } }) => s.options.delivery);
    };

    expect(await options(LA_BANG)).toEqual([
      expect.objectContaining({ feeVnd: 10_000, zoneName: 'Trong xã', unavailable: null, weightGrams: 2400 }),
      expect.objectContaining({ feeVnd: 0, unavailable: 'outside_area', zoneName: null, weightGrams: 10_000 }),
    ]);
    // Another commune of the province: the weight band (2.4 kg is in 2–5 kg).
    expect(await options(TAN_CUONG)).toEqual([
      expect.objectContaining({ feeVnd: 35_000, zoneName: 'Cả tỉnh', freeOverVnd: 1_000_000, communeCode: TAN_CUONG }),
      expect.objectContaining({ unavailable: 'outside_area' }),
    ]);
    expect(await options(CAU_GIAY)).toEqual([
      expect.objectContaining({ unavailable: 'outside_area' }),
      expect.objectContaining({ feeVnd: 40_000, zoneName: 'Hà Nội', unavailable: null }),
    ]);

    // Choosing delivery where a seller does not deliver is a problem of the quote, not an error.
    const both = await quote({ items, delivery: { method: 'delivery', address: to(CAU_GIAY) } });
    expect(
      both.body.sellers.map((s: { problem: string | null; deliveryFeeVnd: number }) => [s.problem, s.deliveryFeeVnd]),
    ).toEqual([
      ['delivery_unavailable', 0],
      [null, 40_000],
    ]);
    expect(both.body.isOrderable).toBe(false);

    // Below the zone's minimum order.
    const small = await quote({
      items: [{ listingId: rice.listing.id, quantity: 4 }],
      delivery: { method: 'delivery', address: to(CAU_GIAY) },
    });
    expect(small.body.sellers[0]).toMatchObject({
      problem: 'delivery_unavailable',
      options: { delivery: { unavailable: 'below_minimum', minOrderVnd: 200_000 } },
    });
  });

  it('orders with the fee the quote showed, to the đồng, and stores the address by commune code', async () => {
    const tea = await teaFarm();
    const rice = await riceFarm();
    const buyer = await t.signIn();
    const body = {
      items: [
        { listingId: tea.listing.id, quantity: 5 }, // 6 kg: beyond the province's bands
        { listingId: rice.listing.id, quantity: 20 }, // 500,000 đ: the open band
      ],
      deliveries: {
        [tea.sellerId]: { method: 'delivery', address: to(LA_BANG) },
        [rice.sellerId]: { method: 'delivery', address: to(CAU_GIAY) },
      },
    };
    const quoted = await quote(body, buyer.token);
    expect(quoted.body.sellers.map((s: { deliveryFeeVnd: number }) => s.deliveryFeeVnd)).toEqual([10_000, 25_000]);
    const order = await placeOrder(t, buyer.token, orderBody(body.items, { deliveries: body.deliveries }));
    type Part = { delivery: { feeVnd: number; address: unknown }; totalVnd: number };
    const fulfilments = order.fulfilments as unknown as Part[];
    expect(fulfilments.map((f) => [f.delivery.feeVnd, f.totalVnd])).toEqual([
      [10_000, 510_000],
      [25_000, 525_000],
    ]);
    expect(order.totals).toEqual(quoted.body.totals);
    expect(order.totals).toEqual({ subtotalVnd: 1_000_000, deliveryFeeVnd: 35_000, totalVnd: 1_035_000 });
    expect(fulfilments[1]?.delivery.address).toMatchObject({
      province: { id: 'ha-noi' },
      commune: 'Phường Cầu Giấy',
      communeCode: CAU_GIAY,
      street: address.street,
    });
    const rows = await queryRows<{ province_id: string; commune_code: string; delivery_fee_vnd: number }>(
      t.db,
      sql`SELECT province_id, commune_code, delivery_fee_vnd FROM fulfilments WHERE order_id = ${order.id} ORDER BY delivery_fee_vnd`,
    );
    expect(rows).toEqual([
      { province_id: 'thai-nguyen', commune_code: LA_BANG, delivery_fee_vnd: 10_000 },
      { province_id: 'ha-noi', commune_code: CAU_GIAY, delivery_fee_vnd: 25_000 },
    ]);
  });

  it('recomputes the fee at order time from the zones as they are then; a fee sent by the client is refused', async () => {
    const tea = await teaFarm();
    const buyer = await t.signIn();
    const items = [{ listingId: tea.listing.id, quantity: 1 }];
    const deliveries = { [tea.sellerId]: { method: 'delivery', address: to(TAN_CUONG) } };
    expect((await quote({ items, deliveries })).body.sellers[0].deliveryFeeVnd).toBe(20_000);
    // The seller raises its fees between the quote and the order: the order pays the new fee.
    await putZones(tea, [{ name: 'Cả tỉnh', provinces: ['thai-nguyen'], rate: { kind: 'flat', feeVnd: 45_000 } }]);
    const order = await placeOrder(t, buyer.token, orderBody(items, { deliveries }));
    expect((order.fulfilments[0] as unknown as { delivery: { feeVnd: number } }).delivery.feeVnd).toBe(45_000);

    const sent = await postOrder(t, buyer.token, orderBody(items, { deliveries, deliveryFeeVnd: 0 }));
    expect(sent.status).toBe(422);
    const sentInChoice = await postOrder(
      t,
      buyer.token,
      orderBody(items, { deliveries: { [tea.sellerId]: { ...deliveries[tea.sellerId], feeVnd: 0 } } }),
    );
    expect(sentInChoice.status).toBe(422);
  });

  it('refuses delivery where the seller does not deliver, below its minimum, beyond its bands, to an unknown commune: 422, nothing written', async () => {
    const tea = await teaFarm();
    const rice = await riceFarm();
    const buyer = await t.signIn();
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`SELECT count(*)::int AS n FROM orders WHERE buyer_user_id = ${buyer.userId}`,
        )
      )[0]?.n;
    const cases: [unknown, string, string][] = [
      [
        orderBody([{ listingId: rice.listing.id, quantity: 10 }], {
          delivery: { method: 'delivery', address: to(LA_BANG) },
        }),
        'delivery.method',
        'outside_area',
      ],
      [
        orderBody([{ listingId: rice.listing.id, quantity: 4 }], {
          delivery: { method: 'delivery', address: to(CAU_GIAY) },
        }),
        'delivery.method',
        'below_minimum',
      ],
      [
        orderBody([{ listingId: tea.listing.id, quantity: 5 }], {
          delivery: { method: 'delivery', address: to(TAN_CUONG) },
        }),
        'delivery.method',
        'too_heavy',
      ],
      [
        orderBody([{ listingId: tea.listing.id, quantity: 1 }], {
          delivery: { method: 'delivery', address: to('99999') },
        }),
        'delivery.address.communeCode',
        'not_found',
      ],
    ];
    for (const [body, path, code] of cases) {
      const res = await postOrder(t, buyer.token, body);
      expect(res.status, code).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await count()).toBe(0);
    // Pickup is still offered where delivery is not.
    const pickedUp = await postOrder(t, buyer.token, orderBody([{ listingId: rice.listing.id, quantity: 4 }]));
    expect(pickedUp.status).toBe(201);
    // A quote with an unknown destination is 422 too.
    const bad = await quote({
      items: [{ listingId: tea.listing.id, quantity: 1 }],
      destination: { communeCode: '99999' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ path: 'destination.communeCode' }));
  });
});
