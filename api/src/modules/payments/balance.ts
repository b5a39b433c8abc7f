import type { PaymentMethod } from '@nongsan/contracts';
import { feeOf } from '../cooperatives/index.ts';

// What the marketplace owes a seller, exact to the đồng (docs/decisions/0014-payments.md).
//
// - paid: the totals of the seller's fulfilments of orders paid online (card, bank transfer): the
//   marketplace holds that money. Cancelled ones count too; their refund takes it back out.
// - fee: the platform fee, charged per fulfilment on its goods (the subtotal; delivery fees are
//   the seller's), rounded half up to the đồng: the same rule as the cooperative member report
//   (feeOf). Charged on every live paid fulfilment, cash on delivery included (whose cash the
//   seller keeps, so the fee is owed out of the online money); never on a cancelled one.
// - refunds: what was (or is being) given back to buyers of online orders: the seller's cancelled
//   fulfilments, and what it gave back after delivery (spoiled or short goods). The fee stays
//   charged on a sale refunded after delivery: the marketplace did its work, and the member report
//   of a cooperative charges it the same way (docs/decisions/0014-payments.md).
// - cash held: cash on delivery the seller recorded, less cash it handed back after delivery. A
//   cash refund is the seller's own cash, so it never changes what the marketplace owes.
// - owed = paid − fee − refunds − payouts. It can be negative: a seller paid mostly in cash owes
//   the marketplace its fees.

export type BalanceInputRow = {
  fulfilmentId: string;
  orderId: string;
  orderCode: string;
  method: PaymentMethod;
  status: string;
  subtotalVnd: number;
  totalVnd: number;
  /** When the order's money arrived (online). */
  paidAt: Date | null;
  /** Cash on delivery recorded by the seller. */
  cashVnd: number | null;
  cashAt: Date | null;
  /** The fulfilment's refund, if it was cancelled after payment. */
  refundVnd: number | null;
  /** What the seller gave back after delivering it, all refunds summed. */
  afterDeliveryRefundVnd: number | null;
};

export type BalanceEntry = {
  orderId: string;
  orderCode: string;
  fulfilmentId: string;
  method: PaymentMethod;
  totalVnd: number;
  feeVnd: number;
  refundVnd: number;
  at: string;
};

export type BalanceTotals = {
  paidVnd: number;
  feeVnd: number;
  refundsVnd: number;
  cashHeldVnd: number;
  payoutsVnd: number;
  owedVnd: number;
};

export function computeBalance(
  rows: readonly BalanceInputRow[],
  payoutsVnd: readonly number[],
  feeBasisPoints: number,
): BalanceTotals & { entries: BalanceEntry[] } {
  const totals: BalanceTotals = { paidVnd: 0, feeVnd: 0, refundsVnd: 0, cashHeldVnd: 0, payoutsVnd: 0, owedVnd: 0 };
  const entries: BalanceEntry[] = [];
  for (const row of rows) {
    const isCash = row.method === 'cod';
    const feeVnd = row.status === 'cancelled' ? 0 : feeOf(row.subtotalVnd, feeBasisPoints);
    const afterDeliveryVnd = row.afterDeliveryRefundVnd ?? 0;
    // Cash is never refunded for a cancellation (nothing was collected); after delivery it is.
    const refundVnd = (isCash ? 0 : (row.refundVnd ?? 0)) + afterDeliveryVnd;
    totals.feeVnd += feeVnd;
    if (isCash) totals.cashHeldVnd += (row.cashVnd ?? 0) - afterDeliveryVnd;
    else {
      totals.paidVnd += row.totalVnd;
      totals.refundsVnd += refundVnd;
    }
    const at = isCash ? row.cashAt : row.paidAt;
    entries.push({
      orderId: row.orderId,
      orderCode: row.orderCode,
      fulfilmentId: row.fulfilmentId,
      method: row.method,
      totalVnd: row.totalVnd,
      feeVnd,
      refundVnd,
      at: (at ?? new Date(0)).toISOString(),
    });
  }
  totals.payoutsVnd = payoutsVnd.reduce((sum, amount) => sum + amount, 0);
  totals.owedVnd = totals.paidVnd - totals.feeVnd - totals.refundsVnd - totals.payoutsVnd;
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.fulfilmentId.localeCompare(b.fulfilmentId)));
  return { ...totals, entries };
}
