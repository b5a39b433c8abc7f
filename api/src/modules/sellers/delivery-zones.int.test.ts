import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const put = (sellerId: string, token: string | undefined, json: unknown) =>
  t.call('PUT', `/api/v1/sellers/${sellerId}/delivery-zones`, { token, json });
const list = (sellerId: string) => t.call('GET', `/api/v1/sellers/${sellerId}/delivery-zones`);

const zones = [
  { name: 'Trong xã', communeCodes: ['05818'], rate: { kind: 'flat', feeVnd: 10_000 } },
  {
    name: 'Cả tỉnh',
    provinces: ['Thái Nguyên'],
    rate: {
      kind: 'weight',
      bands: [
        { upToGrams: 2000, feeVnd: 20_000 },
        { upToGrams: 5000, feeVnd: 35_000 },
      ],
    },
    freeOverVnd: 1_000_000,
  },
  {
    name: 'Hà Nội, Bắc Ninh',
    provinces: ['ha noi', 'Bắc Ninh'],
    rate: {
      kind: 'value',
      bands: [
        { upToVnd: 300_000, feeVnd: 50_000 },
        { upToVnd: null, feeVnd: 30_000 },
      ],
    },
    minOrderVnd: 200_000,
  },
];

describe('PUT /sellers/:sellerId/delivery-zones', () => {
  it('the owner replaces the zones; anyone reads them; the seller shows the lowest fee it starts at', async () => {
    const farm = await createFarm(t);
    const res = await put(farm.sellerId, farm.owner.token, { zones });
    expect(res.status).toBe(200);
    expect(res.body.zones).toEqual([
      expect.objectContaining({
        name: 'Trong xã',
        communeCodes: ['05818'],
        provinceIds: [],
        freeOverVnd: null,
        minOrderVnd: null,
      }),
      expect.objectContaining({ name: 'Cả tỉnh', provinceIds: ['thai-nguyen'], freeOverVnd: 1_000_000 }),
      expect.objectContaining({ provinceIds: ['ha-noi', 'bac-ninh'], minOrderVnd: 200_000, rate: zones[2]?.rate }),
    ]);
    expect((await list(farm.sellerId)).body).toEqual(res.body);
    const seller = (await t.call('GET', `/api/v1/sellers/${farm.sellerId}`)).body;
    expect(seller).toMatchObject({ offersDelivery: true, deliveryFeeVnd: 10_000, freeDeliveryOverVnd: 1_000_000 });

    // Replaced whole: an empty list is pickup only.
    const none = await put(farm.sellerId, farm.owner.token, { zones: [] });
    expect(none.body).toEqual({ zones: [] });
    expect((await t.call('GET', `/api/v1/sellers/${farm.sellerId}`)).body).toMatchObject({
      offersDelivery: false,
      freeDeliveryOverVnd: null,
    });
  });

  it("a cooperative's managers may; its staff, members, other sellers and strangers get 404; anonymous 401", async () => {
    const coop = await createCoop(t);
    const other = await createFarm(t);
    expect((await put(coop.sellerId, coop.manager.token, { zones: zones.slice(0, 1) })).status).toBe(200);
    for (const actor of [coop.staff, coop.member, other.owner, await t.signIn()]) {
      const res = await put(coop.sellerId, actor.token, { zones: [] });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await put(coop.sellerId, undefined, { zones: [] }))).toBe('UNAUTHENTICATED');
    // Nothing was changed by the refused requests.
    expect((await list(coop.sellerId)).body.zones).toHaveLength(1);
    expect((await list('sel_doesnotexist')).status).toBe(404);
    // Another seller's id with a bad body is still 404, not 422: nothing is said about its zones.
    expect(
      (
        await put(coop.sellerId, other.owner.token, {
          zones: [{ name: 'x', communeCodes: ['99999'], rate: { kind: 'flat', feeVnd: 1 } }],
        })
      ).status,
    ).toBe(404);
  });

  it('refuses bad zones with 422 naming the field, and writes nothing', async () => {
    const farm = await createFarm(t);
    await put(farm.sellerId, farm.owner.token, { zones: zones.slice(0, 1) });
    const cases: [unknown, string][] = [
      [{ zones: [{ ...zones[0], communeCodes: ['99999'] }] }, 'zones.0.communeCodes.0'],
      [{ zones: [{ ...zones[0], communeCodes: [] }] }, 'zones.0.communeCodes'],
      [{ zones: [{ ...zones[1], provinces: ['Atlantis'] }] }, 'zones.0.provinces.0'],
      [{ zones: [{ ...zones[0], rate: { kind: 'flat', feeVnd: -1 } }] }, 'zones.0.rate.feeVnd'],
      [{ zones: [{ ...zones[0], rate: { kind: 'flat', feeVnd: 1.5 } }] }, 'zones.0.rate.feeVnd'],
      [
        {
          zones: [
            {
              ...zones[0],
              rate: {
                kind: 'weight',
                bands: [
                  { upToGrams: 5000, feeVnd: 1 },
                  { upToGrams: 2000, feeVnd: 2 },
                ],
              },
            },
          ],
        },
        'zones.0.rate.bands.1.upToGrams',
      ],
      [{ zones: [{ ...zones[0], rate: { kind: 'distance', feeVnd: 1 } }] }, 'zones.0.rate.kind'],
      [{ zones: [{ ...zones[0], minOrderVnd: 0 }] }, 'zones.0.minOrderVnd'],
      [{ zones: [{ ...zones[0], colour: 'red' }] }, 'zones.0.colour'],
      [{ zones: Array.from({ length: 21 }, () => zones[0]) }, 'zones'],
    ];
    for (const [body, path] of cases) {
      const res = await put(farm.sellerId, farm.owner.token, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await list(farm.sellerId)).body.zones).toEqual([expect.objectContaining({ name: 'Trong xã' })]);
  });

  it("the profile's flat terms are one nationwide zone, as every seller's were before zones", async () => {
    const farm = await createFarm(t, { offersDelivery: true, deliveryFeeVnd: 25_000, freeDeliveryOverVnd: 500_000 });
    const [zone] = (await list(farm.sellerId)).body.zones;
    expect(zone).toMatchObject({ rate: { kind: 'flat', feeVnd: 25_000 }, freeOverVnd: 500_000, communeCodes: [] });
    expect(zone.provinceIds).toHaveLength(34);
    await t.call('PATCH', `/api/v1/sellers/${farm.sellerId}`, {
      token: farm.owner.token,
      json: { offersDelivery: false },
    });
    expect((await list(farm.sellerId)).body.zones).toEqual([]);
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM delivery_zones WHERE seller_id = ${farm.sellerId}`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
