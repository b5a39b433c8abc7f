import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMemberSales, feeOf, type SalePart, type SaleRefund, splitByLargestRemainder } from './member-sales.ts';

describe('feeOf', () => {
  it('rounds half up to the đồng, in integers', () => {
    expect(feeOf(100_000, 250)).toBe(2_500);
    expect(feeOf(333, 150)).toBe(5); // 4.995 → 5
    expect(feeOf(330, 150)).toBe(5); // 4.95 → 5
    expect(feeOf(329, 150)).toBe(5); // 4.935 → 5
    expect(feeOf(300, 150)).toBe(5); // 4.5 → 5
    expect(feeOf(299, 150)).toBe(4); // 4.485 → 4
    expect(feeOf(1_000_000_000_000, 9_999)).toBe(999_900_000_000);
    expect(feeOf(12_345, 0)).toBe(0);
  });
});

describe('splitByLargestRemainder', () => {
  it('gives the leftover đồng to the largest remainders, ties to the earlier part', () => {
    expect(splitByLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByLargestRemainder(100, [50, 30, 20])).toEqual([50, 30, 20]);
    expect(splitByLargestRemainder(7, [2, 3])).toEqual([3, 4]); // 2.8, 4.2
    expect(splitByLargestRemainder(0, [5, 5])).toEqual([0, 0]);
    expect(splitByLargestRemainder(5, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up to the total, and no share is off its exact value by a đồng or more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const shares = splitByLargestRemainder(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          shares.forEach((share, i) => {
            expect(Math.abs(share - (total * weights[i]!) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

/** A part as the tests write it: whole units, the item's line total worked out by `compute`. */
type TestPart = Omit<SalePart, 'quantityMilli' | 'lineTotalVnd'> & { quantity: number };

/** The allocations' line totals, as orders store them: Σ quantity × price of the item's lots. */
function sold(parts: readonly TestPart[]): SalePart[] {
  const lineTotals = new Map<string, number>();
  for (const p of parts) {
    const key = `${p.fulfilmentId}|${p.orderItemId}`;
    lineTotals.set(key, (lineTotals.get(key) ?? 0) + p.quantity * p.unitPriceVnd);
  }
  return parts.map(({ quantity, ...p }) => ({
    ...p,
    quantityMilli: quantity * 1000,
    lineTotalVnd: lineTotals.get(`${p.fulfilmentId}|${p.orderItemId}`)!,
  }));
}

function compute(
  parts: readonly TestPart[],
  feeBasisPoints: number,
  refunds?: { refunds: readonly SaleRefund[]; refundedParts: readonly TestPart[] },
) {
  return computeMemberSales(
    sold(parts),
    feeBasisPoints,
    refunds && { refunds: refunds.refunds, refundedParts: sold(refunds.refundedParts) },
  );
}

const part = (overrides: Partial<TestPart>): TestPart => ({
  fulfilmentId: 'ful_1',
  orderItemId: 'itm_1',
  lotId: 'lot_a',
  listingId: 'lst_tea',
  title: 'Chè búp',
  unit: 'kg',
  unitPriceVnd: 180_000,
  quantity: 1,
  memberId: 'mem_lan',
  memberName: 'Chị Lan',
  ...overrides,
});

describe('computeMemberSales', () => {
  it('splits a sale across two members by allocated units, and the fee so that it adds up exactly', () => {
    // Fulfilment 1: 3 kg of tea at 180.000 ₫ (2 from Lan's lot, 1 from Tám's) + 5 bundles of
    // greens at 15.500 ₫ from Tám. Subtotal 617.500 ₫; fee 2.5 % = 15.437,5 → 15.438 ₫.
    // Exact shares of 15.438 ₫ by gross: 360.000 → 9.000,29; 180.000 → 4.500,15; 77.500 → 1.937,56.
    // Floors 9.000 + 4.500 + 1.937 = 15.437; the đồng left goes to the largest remainder (greens).
    const result = compute(
      [
        part({ lotId: 'lot_lan', quantity: 2 }),
        part({ lotId: 'lot_tam', quantity: 1, memberId: 'mem_tam', memberName: 'Bà Tám' }),
        part({
          orderItemId: 'itm_2',
          lotId: 'lot_rau',
          listingId: 'lst_rau',
          title: 'Rau cải',
          unit: 'bo',
          unitPriceVnd: 15_500,
          quantity: 5,
          memberId: 'mem_tam',
          memberName: 'Bà Tám',
        }),
      ],
      250,
    );
    expect(result.fulfilments).toBe(1);
    expect(result.members).toEqual([
      {
        member: { id: 'mem_tam', name: 'Bà Tám' },
        lines: [
          {
            listingId: 'lst_tea',
            title: 'Chè búp',
            unit: 'kg',
            quantityMilli: 1_000,
            grossVnd: 180_000,
            feeVnd: 4_500,
            refundsVnd: 0,
            netVnd: 175_500,
          },
          {
            listingId: 'lst_rau',
            title: 'Rau cải',
            unit: 'bo',
            quantityMilli: 5_000,
            grossVnd: 77_500,
            feeVnd: 1_938,
            refundsVnd: 0,
            netVnd: 75_562,
          },
        ],
        totals: { quantityMilli: 6_000, grossVnd: 257_500, feeVnd: 6_438, refundsVnd: 0, netVnd: 251_062 },
      },
      {
        member: { id: 'mem_lan', name: 'Chị Lan' },
        lines: [
          {
            listingId: 'lst_tea',
            title: 'Chè búp',
            unit: 'kg',
            quantityMilli: 2_000,
            grossVnd: 360_000,
            feeVnd: 9_000,
            refundsVnd: 0,
            netVnd: 351_000,
          },
        ],
        totals: { quantityMilli: 2_000, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 0, netVnd: 351_000 },
      },
    ]);
    expect(result.totals).toEqual({
      quantityMilli: 8_000,
      grossVnd: 617_500,
      feeVnd: 15_438,
      refundsVnd: 0,
      netVnd: 602_062,
    });
  });

  it("puts lots without a member under the cooperative's own stock, last", () => {
    const result = compute([part({ memberId: null, memberName: null }), part({ fulfilmentId: 'ful_2' })], 0);
    expect(result.members.map((m) => m.member?.id ?? null)).toEqual(['mem_lan', null]);
    expect(result.fulfilments).toBe(2);
  });

  it('member fees add up to the sum of fulfilment fees, for any sales', () => {
    const partArb = fc.record({
      fulfilmentId: fc.constantFrom('f1', 'f2', 'f3'),
      orderItemId: fc.constantFrom('i1', 'i2', 'i3', 'i4'),
      lotId: fc.constantFrom('l1', 'l2', 'l3'),
      memberId: fc.constantFrom('m1', 'm2', null),
      unitPriceVnd: fc.integer({ min: 1, max: 5_000_000 }),
      quantity: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(partArb, { selector: (p) => `${p.fulfilmentId}${p.orderItemId}${p.lotId}` }),
        fc.integer({ min: 0, max: 10_000 }),
        (raw, bp) => {
          const parts = raw.map((p) => part({ ...p, memberName: p.memberId }));
          const result = compute(parts, bp);
          const perFulfilment = new Map<string, number>();
          for (const p of parts)
            perFulfilment.set(p.fulfilmentId, (perFulfilment.get(p.fulfilmentId) ?? 0) + p.quantity * p.unitPriceVnd);
          const expectedFee = [...perFulfilment.values()].reduce((sum, g) => sum + feeOf(g, bp), 0);
          expect(result.totals.feeVnd).toBe(expectedFee);
          expect(result.members.reduce((s, m) => s + m.totals.feeVnd, 0)).toBe(expectedFee);
          expect(result.totals.grossVnd).toBe(parts.reduce((s, p) => s + p.quantity * p.unitPriceVnd, 0));
          expect(result.totals.netVnd).toBe(result.totals.grossVnd - result.totals.feeVnd);
        },
      ),
    );
  });
});

describe('computeMemberSales with refunds after delivery', () => {
  // The fulfilment of the first test: tea 2 kg from Lan (360.000), 1 kg from Tám (180.000);
  // greens 5 bunches from Tám (77.500). Fee 2,5 % = 15.438 (9.000 / 4.500 / 1.938).
  const sale = [
    part({ lotId: 'lot_lan', quantity: 2 }),
    part({ lotId: 'lot_tam', quantity: 1, memberId: 'mem_tam', memberName: 'Bà Tám' }),
    part({
      orderItemId: 'itm_2',
      lotId: 'lot_rau',
      listingId: 'lst_rau',
      title: 'Rau cải',
      unit: 'bo',
      unitPriceVnd: 15_500,
      quantity: 5,
      memberId: 'mem_tam',
      memberName: 'Bà Tám',
    }),
  ];
  const refund = (overrides: Partial<SaleRefund>): SaleRefund => ({
    refundId: 'ref_1',
    fulfilmentId: 'ful_1',
    orderItemId: 'itm_1',
    amountVnd: 100_000,
    ...overrides,
  });

  it("splits an item's refund over its lots by gross, largest remainder; net = gross − fee − refunds", () => {
    // 100.000 ₫ back for the tea: 360.000 : 180.000 → 66.666,67 and 33.333,33. Floors 66.666 +
    // 33.333 = 99.999; the đồng left goes to the larger remainder (Lan's ,67): 66.667 / 33.333.
    const result = compute(sale, 250, { refunds: [refund({})], refundedParts: sale });
    const lan = result.members.find((m) => m.member?.id === 'mem_lan')!;
    const tam = result.members.find((m) => m.member?.id === 'mem_tam')!;
    expect(lan.lines).toEqual([
      expect.objectContaining({
        listingId: 'lst_tea',
        quantityMilli: 2_000,
        grossVnd: 360_000,
        feeVnd: 9_000,
        refundsVnd: 66_667,
        netVnd: 284_333,
      }),
    ]);
    expect(tam.lines.find((l) => l.listingId === 'lst_tea')).toMatchObject({
      quantityMilli: 1_000,
      grossVnd: 180_000,
      feeVnd: 4_500,
      refundsVnd: 33_333,
      netVnd: 142_167,
    });
    // The greens were not refunded.
    expect(tam.lines.find((l) => l.listingId === 'lst_rau')).toMatchObject({ refundsVnd: 0, netVnd: 75_562 });
    expect(result.totals).toEqual({
      quantityMilli: 8_000,
      grossVnd: 617_500,
      feeVnd: 15_438,
      refundsVnd: 100_000,
      netVnd: 617_500 - 15_438 - 100_000,
    });
    expect(result.fulfilments).toBe(1);
  });

  it('a refund naming no item splits over the whole fulfilment', () => {
    // 10.000 ₫ over 360.000 / 180.000 / 77.500 (of 617.500): 5.829,96 / 2.914,98 / 1.255,06.
    // Floors 5.829 + 2.914 + 1.255 = 9.998; two đồng left: to ,98 (Tám's tea) and ,96 (Lan's).
    const result = compute(sale, 0, {
      refunds: [refund({ orderItemId: null, amountVnd: 10_000 })],
      refundedParts: sale,
    });
    const refundsOf = (memberId: string, listingId: string) =>
      result.members.find((m) => m.member?.id === memberId)!.lines.find((l) => l.listingId === listingId)!.refundsVnd;
    expect(refundsOf('mem_lan', 'lst_tea')).toBe(5_830);
    expect(refundsOf('mem_tam', 'lst_tea')).toBe(2_915);
    expect(refundsOf('mem_tam', 'lst_rau')).toBe(1_255);
    expect(result.totals.refundsVnd).toBe(10_000);
  });

  it("a refund of an earlier period's sale is a line of its own with quantity 0", () => {
    // No sales in this range; the refund of last month's tea still shows, owed back by the members.
    const result = compute([], 250, { refunds: [refund({ amountVnd: 9_000 })], refundedParts: sale });
    expect(result.fulfilments).toBe(0);
    expect(result.members).toEqual([
      {
        member: { id: 'mem_tam', name: 'Bà Tám' },
        lines: [
          {
            listingId: 'lst_tea',
            title: 'Chè búp',
            unit: 'kg',
            quantityMilli: 0,
            grossVnd: 0,
            feeVnd: 0,
            refundsVnd: 3_000,
            netVnd: -3_000,
          },
        ],
        totals: { quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: 3_000, netVnd: -3_000 },
      },
      {
        member: { id: 'mem_lan', name: 'Chị Lan' },
        lines: [
          {
            listingId: 'lst_tea',
            title: 'Chè búp',
            unit: 'kg',
            quantityMilli: 0,
            grossVnd: 0,
            feeVnd: 0,
            refundsVnd: 6_000,
            netVnd: -6_000,
          },
        ],
        totals: { quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: 6_000, netVnd: -6_000 },
      },
    ]);
    expect(result.totals).toEqual({ quantityMilli: 0, grossVnd: 0, feeVnd: 0, refundsVnd: 9_000, netVnd: -9_000 });
  });

  it('refund shares add up to the refunds exactly, for any refunds', () => {
    const partArb = fc.record({
      orderItemId: fc.constantFrom('i1', 'i2', 'i3'),
      lotId: fc.constantFrom('l1', 'l2', 'l3'),
      memberId: fc.constantFrom('m1', 'm2', null),
      unitPriceVnd: fc.integer({ min: 1, max: 5_000_000 }),
      quantity: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(partArb, { selector: (p) => `${p.orderItemId}${p.lotId}`, minLength: 1 }),
        fc.array(fc.record({ item: fc.nat(), amount: fc.integer({ min: 1, max: 1_000_000 }), whole: fc.boolean() }), {
          maxLength: 5,
        }),
        (raw, rawRefunds) => {
          const parts = raw.map((p) => part({ ...p, memberName: p.memberId }));
          const refunds = rawRefunds.map((r, i) => ({
            refundId: `ref_${i}`,
            fulfilmentId: 'ful_1',
            orderItemId: r.whole ? null : parts[r.item % parts.length]!.orderItemId,
            amountVnd: r.amount,
          }));
          const result = compute(parts, 250, { refunds, refundedParts: parts });
          const expected = refunds.reduce((sum, r) => sum + r.amountVnd, 0);
          expect(result.totals.refundsVnd).toBe(expected);
          expect(result.members.reduce((s, m) => s + m.totals.refundsVnd, 0)).toBe(expected);
          expect(result.totals.netVnd).toBe(result.totals.grossVnd - result.totals.feeVnd - expected);
        },
      ),
    );
  });
});
