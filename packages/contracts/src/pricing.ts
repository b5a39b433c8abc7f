import { priceForMilli } from './quantity.ts';

// Money for carts and orders, in whole đồng. The API computes every amount it charges from what it
// reads itself (a price or fee sent by a client is never used); the storefront uses the same
// functions to show a total before the API has answered, so the two can never disagree.

/** Above this an order is refused (422): far beyond any real order, and far below 2^53. */
export const MAX_ORDER_TOTAL_VND = 1_000_000_000_000;

/** A seller's delivery terms as a quote publishes them; null when the seller does not deliver. */
export type DeliveryOffer = { feeVnd: number; freeOverVnd: number | null } | null;

/**
 * The fee for one seller's part: pickup is free, and so is delivery by a seller that does not
 * deliver (the API refuses that choice before it gets here); otherwise the flat fee, free from
 * the seller's `freeOverVnd`.
 */
export function deliveryFeeFor(offer: DeliveryOffer, method: 'pickup' | 'delivery', subtotalVnd: number): number {
  if (method === 'pickup' || offer === null) return 0;
  if (offer.freeOverVnd !== null && subtotalVnd >= offer.freeOverVnd) return 0;
  return offer.feeVnd;
}

/** A line's đồng: `quantityMilli` thousandths at the unit price, rounded half up (quantity.ts). */
export function lineTotalVnd(unitPriceVnd: number, quantityMilli: number): number {
  return priceForMilli(unitPriceVnd, quantityMilli);
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
