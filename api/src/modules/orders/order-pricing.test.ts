import { describe, expect, it } from 'vitest';
import { deliveryFeeFor, sumTotals } from './order-pricing.ts';

const terms = { offersDelivery: true, deliveryFeeVnd: 30_000, freeDeliveryOverVnd: 500_000 };

describe('deliveryFeeFor', () => {
  it('pickup is free; delivery costs the flat fee below the free amount, nothing from it on', () => {
    expect(deliveryFeeFor(terms, 'pickup', 100_000)).toBe(0);
    expect(deliveryFeeFor(terms, 'delivery', 499_999)).toBe(30_000);
    expect(deliveryFeeFor(terms, 'delivery', 500_000)).toBe(0);
    expect(deliveryFeeFor({ ...terms, freeDeliveryOverVnd: null }, 'delivery', 10_000_000)).toBe(30_000);
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
  });
});
