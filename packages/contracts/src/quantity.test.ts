import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineTotalVnd, sumTotals } from './pricing.ts';
import { formatQuantity, fromMilli, parseQuantityMilli, priceForMilli, quantityProblem, toMilli } from './quantity.ts';

describe('parseQuantityMilli', () => {
  it('reads the decimal comma and point, exactly', () => {
    expect(parseQuantityMilli('1,5')).toBe(1500);
    expect(parseQuantityMilli('1.5')).toBe(1500);
    expect(parseQuantityMilli(0.3)).toBe(300);
    expect(parseQuantityMilli('2.300')).toBe(2300);
    expect(parseQuantityMilli(' 7 ')).toBe(7000);
    expect(parseQuantityMilli(0.1 + 0.2)).toBeNull(); // 0.30000000000000004: not what anyone typed
  });

  it('refuses more than three decimals, signs, exponents and words', () => {
    for (const bad of ['1.0005', '-1', '1e3', 'abc', '', '1,2,3', Number.NaN, 1e-7, 1.2345]) {
      expect(parseQuantityMilli(bad)).toBeNull();
    }
  });

  it('round-trips every thousandth through the JSON number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (milli) => {
        const json = JSON.parse(JSON.stringify(fromMilli(milli))) as number;
        expect(toMilli(json)).toBe(milli);
      }),
    );
  });
});

describe('priceForMilli', () => {
  it('rounds half up per line', () => {
    expect(priceForMilli(85_000, 1500)).toBe(127_500);
    expect(priceForMilli(85_000, 300)).toBe(25_500);
    expect(priceForMilli(1, 500)).toBe(1); // 0.5 đồng → 1
    expect(priceForMilli(1, 499)).toBe(0);
    expect(priceForMilli(33_333, 1_001)).toBe(33_366); // 33 366.333 → 33 366
  });

  it('is exact where price × thousandths passes 2^53', () => {
    expect(priceForMilli(1_000_000_000, 1_000_000_001)).toBe(1_000_000_001_000_000);
  });

  it('sum of the lines is the total, to the đồng, for random carts', () => {
    const line = fc.record({
      priceVnd: fc.integer({ min: 1, max: 1_000_000_000 }),
      milli: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(line, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        (sellers) => {
          const parts = sellers.map((lines) => ({
            lines: lines.map((l) => lineTotalVnd(l.priceVnd, l.milli)),
            deliveryFeeVnd: 15_000,
          }));
          const totals = sumTotals(
            parts.map((p) => ({ subtotalVnd: p.lines.reduce((a, b) => a + b, 0), deliveryFeeVnd: p.deliveryFeeVnd })),
          );
          const allLines = parts.flatMap((p) => p.lines);
          for (const t of allLines) expect(Number.isInteger(t)).toBe(true);
          // Each line is within half a đồng of the exact amount, and lines add up to the total.
          sellers.flat().forEach((l, i) => {
            const exact = BigInt(l.priceVnd) * BigInt(l.milli) * 2n;
            const twice = BigInt(allLines[i] as number) * 2000n;
            expect(twice - exact <= 1000n && exact - twice < 1000n).toBe(true);
          });
          expect(totals.totalVnd).toBe(allLines.reduce((a, b) => a + b, 0) + 15_000 * parts.length);
        },
      ),
    );
  });
});

describe('quantityProblem', () => {
  const rule = { minOrderMilli: 500, stepMilli: 100 };
  it('needs the minimum and the step', () => {
    expect(quantityProblem(rule, 500)).toBeNull();
    expect(quantityProblem(rule, 1500)).toBeNull();
    expect(quantityProblem(rule, 400)).toBe('below_minimum');
    expect(quantityProblem(rule, 1550)).toBe('off_step');
  });
});

describe('formatQuantity', () => {
  it('writes the Vietnamese decimal comma', () => {
    expect(formatQuantity(1500, 'vi')).toBe('1,5');
    expect(formatQuantity(1500, 'en')).toBe('1.5');
    expect(formatQuantity(2000, 'vi')).toBe('2');
  });
});
