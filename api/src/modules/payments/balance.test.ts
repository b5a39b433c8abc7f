import { describe, expect, it } from 'vitest';
import { type BalanceInputRow, computeBalance } from './balance.ts';
import type { RefundRow } from './refunds.repo.ts';
import { refundsSettledBy } from './stripe.service.ts';

const row = (overrides: Partial<BalanceInputRow>): BalanceInputRow => ({
  fulfilmentId: `ful_${Math.random().toString(36).slice(2)}`,
  orderId: 'ord_1',
  orderCode: 'NS-AAAAAA',
  method: 'bank_transfer',
  status: 'delivered',
  subtotalVnd: 100_000,
  totalVnd: 100_000,
  paidAt: new Date('2026-11-27T03:00:00Z'),
  cashVnd: null,
  cashAt: null,
  refundVnd: null,
  afterDeliveryRefundVnd: null,
  ...overrides,
});

describe('computeBalance', () => {
  it('charges the fee per fulfilment on its goods, rounded half up to the đồng', () => {
    // 2.5 %: 10.020 → 250,5 → 251; 10.019 → 250,475 → 250; 20 → 0,5 → 1; 19 → 0,475 → 0.
    const rows = [10_020, 10_019, 20, 19].map((subtotalVnd) => row({ subtotalVnd, totalVnd: subtotalVnd }));
    const balance = computeBalance(rows, [], 250);
    expect(balance.entries.map((e) => e.feeVnd).sort((a, b) => a - b)).toEqual([0, 1, 250, 251]);
    expect(balance.feeVnd).toBe(502);
    // Per fulfilment, not on the sum: two parts of 20 ₫ pay 1 ₫ each (0,5 → 1), where 2.5 % of
    // their 40 ₫ together would be 1 ₫.
    expect(computeBalance([row({ subtotalVnd: 20 }), row({ subtotalVnd: 20 })], [], 250).feeVnd).toBe(2);
  });

  it('owed = paid online − fee − refunds − payouts; cash is held by the seller but pays the fee', () => {
    const balance = computeBalance(
      [
        row({ subtotalVnd: 40_000, totalVnd: 55_000 }),
        row({ status: 'cancelled', subtotalVnd: 30_000, totalVnd: 30_000, refundVnd: 30_000 }),
        row({
          method: 'cod',
          subtotalVnd: 24_690,
          totalVnd: 24_690,
          paidAt: null,
          cashVnd: 24_690,
          cashAt: new Date('2026-11-28T03:00:00Z'),
        }),
      ],
      [10_000, 5_000],
      250,
    );
    expect(balance).toMatchObject({
      paidVnd: 85_000,
      feeVnd: 1_000 + 617,
      refundsVnd: 30_000,
      cashHeldVnd: 24_690,
      payoutsVnd: 15_000,
      owedVnd: 85_000 - 1_617 - 30_000 - 15_000,
    });
    expect(balance.entries[0]).toMatchObject({ method: 'cod', at: '2026-11-28T03:00:00.000Z' });
  });

  it('refunds after delivery: online ones lower what is owed, cash ones lower the cash held; the fee stays', () => {
    // 2.5 %. Bank transfer, 80.000 ₫ of goods + 20.000 ₫ delivery, 30.000 ₫ given back after
    // delivery (spoiled tea): fee 2.000 on the goods as sold. Cash, 24.690 ₫, 4.690 ₫ handed back
    // by the seller: fee 617, cash held 20.000, owed untouched by it.
    const balance = computeBalance(
      [
        row({ subtotalVnd: 80_000, totalVnd: 100_000, afterDeliveryRefundVnd: 30_000 }),
        row({
          method: 'cod',
          subtotalVnd: 24_690,
          totalVnd: 24_690,
          paidAt: null,
          cashVnd: 24_690,
          cashAt: new Date('2026-11-28T03:00:00Z'),
          afterDeliveryRefundVnd: 4_690,
        }),
      ],
      [],
      250,
    );
    expect(balance).toMatchObject({
      paidVnd: 100_000,
      feeVnd: 2_000 + 617,
      refundsVnd: 30_000,
      cashHeldVnd: 20_000,
      payoutsVnd: 0,
      owedVnd: 100_000 - 2_617 - 30_000,
    });
    expect(balance.entries.map((e) => [e.method, e.feeVnd, e.refundVnd])).toEqual([
      ['cod', 617, 4_690],
      ['bank_transfer', 2_000, 30_000],
    ]);
  });

  it('with no fee configured charges nothing', () => {
    expect(computeBalance([row({ subtotalVnd: 99_999, totalVnd: 99_999 })], [], 0)).toMatchObject({
      feeVnd: 0,
      owedVnd: 99_999,
    });
  });
});

describe('refundsSettledBy', () => {
  const refund = (id: string, amountVnd: number, status: RefundRow['status'] = 'processing') =>
    ({ id, amountVnd, status }) as RefundRow;

  it('finds the refunds a newly refunded amount adds up to, whatever their order', () => {
    const open = [refund('a', 45_000), refund('b', 60_000), refund('c', 10_000)];
    expect(refundsSettledBy(open, 60_000).map((r) => r.id)).toEqual(['b']);
    expect(refundsSettledBy(open, 55_000).map((r) => r.id)).toEqual(['a', 'c']);
    expect(refundsSettledBy(open, 115_000).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('prefers refunds already sent, and settles nothing when no subset fits', () => {
    const open = [refund('pending', 20_000, 'pending'), refund('sent', 20_000)];
    expect(refundsSettledBy(open, 20_000).map((r) => r.id)).toEqual(['sent']);
    expect(refundsSettledBy(open, 25_000)).toEqual([]);
    expect(refundsSettledBy(open, 0)).toEqual([]);
  });
});
