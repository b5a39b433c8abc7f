// The cart and checkout pages show the API's quote grouped by seller. Pure (contracts' types and
// pricing rules only), so the same shape is built on the server and checked by tests/unit. The
// fees shown are display only: the API quotes delivery only with an address, which the cart page
// does not have; checkout re-quotes with it before ordering, and the order's own total is paid.
import {
  type CartItemProblem,
  type CartQuote,
  type DeliveryOffer,
  type DeliveryUnavailable,
  deliveryFeeFor,
  sumTotals,
  toMilli,
} from '@nongsan/contracts';
import type { DeliveryChoice } from './cart-cookie.ts';

export type Named = { id: string; vi: string; en: string };

export type CartLineView = {
  listingId: string;
  title: string | null;
  unit: Named | null;
  /** Today's price from the API. */
  priceVnd: number;
  quantity: number;
  minOrder: number;
  /** What − and + change the quantity by: 1, or the listing's step (0.1 kg). */
  quantityStep: number;
  available: number;
  lineTotalVnd: number;
  problem: CartItemProblem | null;
};

export type DeliveryOptionView = {
  pickup: { address: string | null; hours: string | null };
  /** Null when the seller does not deliver (anywhere, or to the address quoted). */
  delivery: { feeVnd: number; freeOverVnd: number | null } | null;
  /** Set when the seller delivers, but not this part to the address quoted: why, and the minimum if that is it. */
  unavailable: { reason: DeliveryUnavailable; minOrderVnd: number | null } | null;
};

type QuotedOption = CartQuote['sellers'][number]['options']['delivery'];

/** The seller's delivery as an offer for this part: none when it does not deliver it to the address quoted. */
function offerOf(option: QuotedOption): DeliveryOffer {
  return option && option.unavailable === null ? { feeVnd: option.feeVnd, freeOverVnd: option.freeOverVnd } : null;
}

export type SellerGroupView = {
  seller: { id: string; name: string; kind: 'farmer' | 'cooperative'; province: string };
  lines: CartLineView[];
  options: DeliveryOptionView;
  method: DeliveryChoice;
  /**
   * False while the buyer must still choose: the seller delivers for a fee, so pickup (free, a
   * trip) and delivery (a fee, no trip) are a real trade-off. Totals meanwhile count pickup.
   */
  isDecided: boolean;
  subtotalVnd: number;
  deliveryFeeVnd: number;
  totalVnd: number;
};

export type CartView = {
  groups: SellerGroupView[];
  /** Items the API could not place with a seller (the listing is gone). */
  orphans: CartLineView[];
  subtotalVnd: number;
  deliveryFeeVnd: number;
  totalVnd: number;
  isOrderable: boolean;
  paymentMethods: CartQuote['paymentMethods'];
  /** True when some seller's part is to be delivered: checkout then asks for an address. */
  needsAddress: boolean;
  /** Some seller's part still needs the buyer's choice of pickup or delivery. */
  needsChoice: boolean;
};

/**
 * How one seller's part is handed over (issue 21): what the buyer chose, when it still can be;
 * else the option that costs the least effort: delivery when the seller delivers and it is free
 * for this order (no trip, no fee), pickup when the seller does not deliver. When delivery costs a
 * fee the buyer is asked (undecided; counted as pickup until then).
 */
export function handoverFor(
  delivery: DeliveryOffer,
  subtotalVnd: number,
  choice: DeliveryChoice | undefined,
): { method: DeliveryChoice; isDecided: boolean } {
  if (!delivery) return { method: 'pickup', isDecided: true };
  if (choice) return { method: choice, isDecided: true };
  if (deliveryFeeFor(delivery, 'delivery', subtotalVnd) === 0) return { method: 'delivery', isDecided: true };
  return { method: 'pickup', isDecided: false };
}

/**
 * The quote as the pages show it. `choices` are the buyer's, by seller; a seller that does not (or
 * no longer) deliver is shown as pickup, whatever was chosen (handoverFor).
 */
export function toCartView(quote: CartQuote, choices: ReadonlyMap<string, DeliveryChoice>): CartView {
  const lineOf = (item: CartQuote['items'][number]): CartLineView => ({
    listingId: item.listingId,
    title: item.listing?.title ?? null,
    unit: item.listing?.unit ?? null,
    priceVnd: item.listing?.priceVnd ?? 0,
    quantity: item.quantity,
    minOrder: item.listing?.minOrder ?? 1,
    quantityStep: item.listing?.quantityStep ?? 1,
    available: item.available,
    lineTotalVnd: item.lineTotalVnd,
    problem: item.problem,
  });
  const byId = new Map(quote.items.map((item) => [item.listingId, item]));
  const placed = new Set<string>();
  const groups = quote.sellers.map((s): SellerGroupView => {
    const lines = s.listingIds.flatMap((id) => {
      const item = byId.get(id);
      if (!item) return [];
      placed.add(id);
      return [lineOf(item)];
    });
    const option = s.options.delivery;
    const delivery = offerOf(option);
    const unavailable =
      option?.unavailable != null ? { reason: option.unavailable, minOrderVnd: option.minOrderVnd } : null;
    const { method, isDecided } = handoverFor(delivery, s.subtotalVnd, choices.get(s.seller.id));
    const deliveryFeeVnd = deliveryFeeFor(delivery, method, s.subtotalVnd);
    return {
      seller: { id: s.seller.id, name: s.seller.name, kind: s.seller.kind, province: s.seller.province.name },
      lines,
      options: { pickup: { address: s.options.pickup.address, hours: s.options.pickup.hours }, delivery, unavailable },
      method,
      isDecided,
      subtotalVnd: s.subtotalVnd,
      deliveryFeeVnd,
      totalVnd: s.subtotalVnd + deliveryFeeVnd,
    };
  });
  const orphans = quote.items.filter((item) => !placed.has(item.listingId)).map(lineOf);
  return {
    groups,
    orphans,
    ...sumTotals(groups),
    // Delivery problems cannot arise here (an undeliverable choice is shown as pickup).
    isOrderable: quote.items.length > 0 && quote.items.every((i) => i.problem === null),
    paymentMethods: quote.paymentMethods,
    needsAddress: groups.some((g) => g.method === 'delivery'),
    needsChoice: groups.some((g) => !g.isDecided),
  };
}

/** The sellers in a quote whose part is delivered (chosen, or the free default): what is sent to the API. */
export function deliverySellersIn(quote: CartQuote, choices: ReadonlyMap<string, DeliveryChoice>): string[] {
  return quote.sellers
    .filter(
      (s) => handoverFor(offerOf(s.options.delivery), s.subtotalVnd, choices.get(s.seller.id)).method === 'delivery',
    )
    .map((s) => s.seller.id);
}
