import { describe, expect, it } from 'vitest';
import { deliveryFeeFor, lineTotalVnd, sumTotals } from './pricing.ts';

const offer = { feeVnd: 30_000, freeOverVnd: 500_000 };

describe('deliveryFeeFor', () => {
  it('pickup is free; delivery costs the flat fee below the free amount, nothing from it on', () => {
    expect(deliveryFeeFor(offer, 'pickup', 100_000)).toBe(0);
    expect(deliveryFeeFor(offer, 'delivery', 499_999)).toBe(30_000);
    expect(deliveryFeeFor(offer, 'delivery', 500_000)).toBe(0);
    expect(deliveryFeeFor({ ...offer, freeOverVnd: null }, 'delivery', 10_000_000)).toBe(30_000);
  });

  it('charges nothing for a seller that does not deliver', () => {
    expect(deliveryFeeFor(null, 'delivery', 10)).toBe(0);
  });
});

describe('sumTotals', () => {
  it('adds subtotals and fees in whole đồng', () => {
    expect(
      sumTotals([
        { subtotalVnd: 240_000, deliveryFeeVnd: 0 },
        { subtotalVnd: 250_000, deliveryFeeVnd: 30_000 },
      ]),
    ).toEqual({ subtotalVnd: 490_000, deliveryFeeVnd: 30_000, totalVnd: 520_000 });
    expect(lineTotalVnd(12_000, 3000)).toBe(36_000);
  });
});
