// Money for carts and orders, in whole đồng, computed only here and only from what the server
// reads: a price or fee sent by a client is never used. Pure, so quote and order agree exactly.

/** Above this an order is refused (422): far beyond any real order, and far below 2^53. */
export const MAX_ORDER_TOTAL_VND = 1_000_000_000_000;

export type DeliveryTerms = {
  offersDelivery: boolean;
  deliveryFeeVnd: number;
  freeDeliveryOverVnd: number | null;
};

/** The fee for one seller's part: pickup is free; delivery costs the flat fee, free from the seller's amount. */
export function deliveryFeeFor(terms: DeliveryTerms, method: 'pickup' | 'delivery', subtotalVnd: number): number {
  if (method === 'pickup') return 0;
  if (terms.freeDeliveryOverVnd !== null && subtotalVnd >= terms.freeDeliveryOverVnd) return 0;
  return terms.deliveryFeeVnd;
}

export function lineTotalVnd(unitPriceVnd: number, quantity: number): number {
  return unitPriceVnd * quantity;
}

export type Totals = { subtotalVnd: number; deliveryFeeVnd: number; totalVnd: number };

export function sumTotals(parts: readonly { subtotalVnd: number; deliveryFeeVnd: number }[]): Totals {
  let subtotalVnd = 0;
  let deliveryFeeVnd = 0;
  for (const part of parts) {
    subtotalVnd += part.subtotalVnd;
    deliveryFeeVnd += part.deliveryFeeVnd;
  }
  return { subtotalVnd, deliveryFeeVnd, totalVnd: subtotalVnd + deliveryFeeVnd };
}
