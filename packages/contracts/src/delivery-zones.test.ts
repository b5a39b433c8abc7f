import { describe, expect, it } from 'vitest';
import {
  type DeliveryZone,
  DeliveryZoneInputSchema,
  evaluateDelivery,
  lineWeightGrams,
  lowestStartingFee,
  rateFee,
  zoneCovers,
} from './delivery-zones.ts';

const laBang = { provinceId: 'thai-nguyen', communeCode: '05818' };
const tanCuong = { provinceId: 'thai-nguyen', communeCode: '05503' };
const caugiay = { provinceId: 'ha-noi', communeCode: '00166' };

const zone = (over: Partial<DeliveryZone>): DeliveryZone => ({
  id: over.id ?? 'z',
  name: over.name ?? 'zone',
  communeCodes: [],
  provinceIds: [],
  rate: { kind: 'flat', feeVnd: 20_000 },
  freeOverVnd: null,
  minOrderVnd: null,
  ...over,
});

const parcel = (subtotalVnd: number, weightGrams = 0) => ({ subtotalVnd, weightGrams });

describe('zoneCovers', () => {
  it('covers a listed commune, or any commune of a listed province', () => {
    expect(zoneCovers({ communeCodes: ['05818'], provinceIds: [] }, laBang)).toBe(true);
    expect(zoneCovers({ communeCodes: ['05818'], provinceIds: [] }, tanCuong)).toBe(false);
    expect(zoneCovers({ communeCodes: [], provinceIds: ['thai-nguyen'] }, tanCuong)).toBe(true);
    expect(zoneCovers({ communeCodes: [], provinceIds: ['thai-nguyen', 'bac-ninh'] }, caugiay)).toBe(false);
    expect(zoneCovers({ communeCodes: ['05818'], provinceIds: ['ha-noi'] }, caugiay)).toBe(true);
  });
});

describe('rateFee', () => {
  const weight = {
    kind: 'weight' as const,
    bands: [
      { upToGrams: 2000, feeVnd: 15_000 },
      { upToGrams: 5000, feeVnd: 25_000 },
      { upToGrams: 10_000, feeVnd: 40_000 },
    ],
  };
  it('charges a flat fee whatever the parcel', () => {
    expect(rateFee({ kind: 'flat', feeVnd: 30_000 }, parcel(1, 99_000))).toBe(30_000);
  });
  it('puts a weight on a band edge in the lower band, one gram more in the next', () => {
    expect(rateFee(weight, parcel(0, 0))).toBe(15_000);
    expect(rateFee(weight, parcel(0, 2000))).toBe(15_000);
    expect(rateFee(weight, parcel(0, 2001))).toBe(25_000);
    expect(rateFee(weight, parcel(0, 5000))).toBe(25_000);
    expect(rateFee(weight, parcel(0, 10_000))).toBe(40_000);
  });
  it('has no fee for a parcel heavier than a closed last band, and an open band takes everything', () => {
    expect(rateFee(weight, parcel(0, 10_001))).toBeNull();
    const open = { kind: 'weight' as const, bands: [...weight.bands, { upToGrams: null, feeVnd: 60_000 }] };
    expect(rateFee(open, parcel(0, 500_000))).toBe(60_000);
  });
  it('charges by the order value, bound inclusive', () => {
    const value = {
      kind: 'value' as const,
      bands: [
        { upToVnd: 200_000, feeVnd: 30_000 },
        { upToVnd: null, feeVnd: 10_000 },
      ],
    };
    expect(rateFee(value, parcel(200_000))).toBe(30_000);
    expect(rateFee(value, parcel(200_001))).toBe(10_000);
    const closed = { kind: 'value' as const, bands: [{ upToVnd: 200_000, feeVnd: 30_000 }] };
    expect(rateFee(closed, parcel(900_000))).toBe(30_000);
  });
});

describe('evaluateDelivery', () => {
  const commune = zone({
    id: 'own',
    name: 'Trong xã',
    communeCodes: ['05818'],
    rate: { kind: 'flat', feeVnd: 10_000 },
  });
  const province = zone({
    id: 'prov',
    name: 'Cả tỉnh',
    provinceIds: ['thai-nguyen'],
    rate: { kind: 'flat', feeVnd: 30_000 },
  });

  it('says outside_area when no zone covers the address, and when there are no zones', () => {
    expect(evaluateDelivery([commune, province], caugiay, parcel(100_000))).toEqual({
      ok: false,
      reason: 'outside_area',
      minOrderVnd: null,
    });
    expect(evaluateDelivery([], laBang, parcel(100_000))).toMatchObject({ ok: false, reason: 'outside_area' });
  });

  it('takes the cheapest covering zone, whatever the order they are listed in', () => {
    for (const zones of [
      [commune, province],
      [province, commune],
    ]) {
      expect(evaluateDelivery(zones, laBang, parcel(100_000))).toEqual({
        ok: true,
        zoneId: 'own',
        zoneName: 'Trong xã',
        feeVnd: 10_000,
        freeOverVnd: null,
      });
      expect(evaluateDelivery(zones, tanCuong, parcel(100_000))).toMatchObject({
        ok: true,
        zoneId: 'prov',
        feeVnd: 30_000,
      });
    }
  });

  it('prefers the zone naming the commune on a tie', () => {
    const same = zone({ id: 'c', communeCodes: ['05818'], rate: { kind: 'flat', feeVnd: 30_000 } });
    expect(evaluateDelivery([province, same], laBang, parcel(1))).toMatchObject({ zoneId: 'c' });
  });

  it('makes delivery free from the zone’s free-over amount, not one đồng below', () => {
    const free = zone({ provinceIds: ['thai-nguyen'], freeOverVnd: 500_000 });
    expect(evaluateDelivery([free], laBang, parcel(499_999))).toMatchObject({
      ok: true,
      feeVnd: 20_000,
      freeOverVnd: 500_000,
    });
    expect(evaluateDelivery([free], laBang, parcel(500_000))).toMatchObject({ ok: true, feeVnd: 0 });
  });

  it('refuses below the minimum order and names the smallest minimum; at the minimum it delivers', () => {
    const a = zone({ id: 'a', provinceIds: ['thai-nguyen'], minOrderVnd: 300_000 });
    const b = zone({ id: 'b', communeCodes: ['05818'], minOrderVnd: 200_000, rate: { kind: 'flat', feeVnd: 50_000 } });
    expect(evaluateDelivery([a, b], laBang, parcel(199_999))).toEqual({
      ok: false,
      reason: 'below_minimum',
      minOrderVnd: 200_000,
    });
    expect(evaluateDelivery([a, b], laBang, parcel(200_000))).toMatchObject({ ok: true, zoneId: 'b', feeVnd: 50_000 });
    expect(evaluateDelivery([a, b], laBang, parcel(300_000))).toMatchObject({ ok: true, zoneId: 'a', feeVnd: 20_000 });
  });

  it('says too_heavy when the parcel is beyond every covering zone’s bands', () => {
    const light = zone({
      provinceIds: ['thai-nguyen'],
      rate: { kind: 'weight', bands: [{ upToGrams: 5000, feeVnd: 20_000 }] },
    });
    expect(evaluateDelivery([light], laBang, parcel(1, 5000))).toMatchObject({ ok: true, feeVnd: 20_000 });
    expect(evaluateDelivery([light], laBang, parcel(1, 5001))).toEqual({
      ok: false,
      reason: 'too_heavy',
      minOrderVnd: null,
    });
    // Another zone that takes the parcel still delivers it.
    expect(evaluateDelivery([light, province], laBang, parcel(1, 5001))).toMatchObject({ ok: true, zoneId: 'prov' });
  });
});

describe('lowestStartingFee', () => {
  it('is the lowest flat fee or first band of any zone, null without zones', () => {
    expect(lowestStartingFee([])).toBeNull();
    expect(
      lowestStartingFee([
        { rate: { kind: 'flat', feeVnd: 30_000 } },
        {
          rate: {
            kind: 'weight',
            bands: [
              { upToGrams: 2000, feeVnd: 12_000 },
              { upToGrams: null, feeVnd: 40_000 },
            ],
          },
        },
      ]),
    ).toBe(12_000);
  });
});

describe('lineWeightGrams', () => {
  it('multiplies the listing’s shipping weight, else what its unit weighs, else counts nothing', () => {
    expect(lineWeightGrams({ shippingWeightGrams: 1200, unit: 'box' }, 3)).toBe(3600);
    expect(lineWeightGrams({ shippingWeightGrams: null, unit: 'kg' }, 3)).toBe(3000);
    expect(lineWeightGrams({ shippingWeightGrams: null, unit: 'pack_200g' }, 4)).toBe(800);
    expect(lineWeightGrams({ shippingWeightGrams: 1050, unit: 'kg' }, 2)).toBe(2100);
    expect(lineWeightGrams({ shippingWeightGrams: null, unit: 'bunch' }, 5)).toBe(0);
  });
});

describe('DeliveryZoneInputSchema', () => {
  const base = { name: 'Cả tỉnh', provinces: ['Thái Nguyên'], rate: { kind: 'flat', feeVnd: 20_000 } };
  it('reads province names and fills the defaults', () => {
    expect(DeliveryZoneInputSchema.parse(base)).toEqual({
      ...base,
      provinces: ['thai-nguyen'],
      communeCodes: [],
      freeOverVnd: null,
      minOrderVnd: null,
    });
  });
  it('refuses a zone covering nothing, bands that do not go up, an open band before the last, an unknown province', () => {
    expect(DeliveryZoneInputSchema.safeParse({ ...base, provinces: [] }).success).toBe(false);
    const bands = (list: unknown[]) =>
      DeliveryZoneInputSchema.safeParse({ ...base, rate: { kind: 'weight', bands: list } });
    expect(
      bands([
        { upToGrams: 2000, feeVnd: 1 },
        { upToGrams: 2000, feeVnd: 2 },
      ]).success,
    ).toBe(false);
    expect(
      bands([
        { upToGrams: null, feeVnd: 1 },
        { upToGrams: 2000, feeVnd: 2 },
      ]).success,
    ).toBe(false);
    expect(
      bands([
        { upToGrams: 2000, feeVnd: 1 },
        { upToGrams: null, feeVnd: 2 },
      ]).success,
    ).toBe(true);
    expect(DeliveryZoneInputSchema.safeParse({ ...base, provinces: ['Atlantis'] }).success).toBe(false);
    expect(DeliveryZoneInputSchema.safeParse({ ...base, rate: { kind: 'flat', feeVnd: 1.5 } }).success).toBe(false);
  });
});
