import {
  type CartQuote,
  type CartQuoteRequest,
  deliveryFeeFor,
  fromMilli,
  type QuotedItem,
  sumTotals,
  toMilli,
} from '@nongsan/contracts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { findStockOfListings } from '../inventory/index.ts';
import {
  deliveryOffer,
  groupBySeller,
  invalid,
  pickupPlace,
  priceLine,
  quantityIssue,
  resolveChoices,
  SELLABLE,
} from './cart-lines.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import { provinceRef, unitEntry } from './order-views.ts';
import * as repo from './orders.repo.ts';

const deliveryOptions = (seller: repo.CartListingRow['seller']) => ({
  pickup: { feeVnd: 0 as const, address: pickupPlace(seller), hours: seller.pickupHours },
  delivery: deliveryOffer(seller),
});

const sellerRef = (seller: repo.CartListingRow['seller']) => ({
  id: seller.id,
  name: seller.name,
  kind: seller.kind,
  province: provinceRef(seller.provinceId),
});

// ---- quote ----------------------------------------------------------------------------------

/**
 * Prices a cart from what the database says now: prices, stock (per item, and what is short),
 * the split by seller with each seller's delivery options and fee, and totals in đồng. Anyone may
 * ask; a signed-in buyer also learns which items are their own seller's (not orderable).
 */
export async function quoteCart(
  deps: OrderDeps,
  viewer: SessionUser | null,
  input: CartQuoteRequest,
): Promise<CartQuote> {
  const ids = input.items.map((i) => i.listingId);
  const today = vnDate(deps.clock.now());
  const [rows, stock] = await Promise.all([
    repo.findCartListings(deps.db, ids, viewer?.userId ?? null),
    findStockOfListings(deps.db, ids, today),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));

  const items: QuotedItem[] = input.items.map((item) => {
    const row = byId.get(item.listingId);
    // Compared in thousandths: the stock view answers decimals, the arithmetic is on integers.
    const quantityMilli = toMilli(item.quantity);
    const availableMilli = toMilli(stock.get(item.listingId)?.availableStock ?? 0);
    if (!row) {
      return { ...item, listing: null, available: 0, shortBy: item.quantity, lineTotalVnd: 0, problem: 'not_found' };
    }
    const forSale = SELLABLE.has(row.status);
    const problem = !forSale
      ? 'not_for_sale'
      : row.isOwn
        ? 'own_listing'
        : ((quantityIssue(row, quantityMilli, '')?.code as 'below_minimum' | 'off_step' | undefined) ??
          (availableMilli < quantityMilli ? 'insufficient_stock' : null));
    return {
      ...item,
      listing: {
        title: row.title,
        unit: unitEntry(row.unit),
        priceVnd: row.priceVnd,
        soldBy: row.soldBy,
        minOrder: fromMilli(row.minOrderMilli),
        quantityStep: fromMilli(row.quantityStepMilli),
        estimatedWeightKg:
          row.pricedAtPacking && row.estimatedWeightMilli !== null ? fromMilli(row.estimatedWeightMilli) : null,
        status: row.status,
        sellerId: row.seller.id,
      },
      available: forSale ? fromMilli(availableMilli) : 0,
      shortBy: fromMilli(Math.max(0, quantityMilli - (forSale ? availableMilli : 0))),
      // Something not for sale has no price to pay.
      lineTotalVnd: forSale ? priceLine(row, quantityMilli).lineTotalVnd : 0,
      problem,
    };
  });

  const lines = items.flatMap((item) => {
    const row = byId.get(item.listingId);
    return row ? [{ item, row }] : [];
  });
  const groups = groupBySeller(lines);
  const { choices, issues } = resolveChoices(
    input,
    groups.map((g) => g.seller.id),
    'quote',
  );
  if (issues.length > 0) throw invalid(issues);
  const sellers = groups.map((group) => {
    const subtotalVnd = group.lines.reduce((sum, l) => sum + l.item.lineTotalVnd, 0);
    const method = choices.get(group.seller.id)?.method ?? 'pickup';
    const deliveryNotOffered = method === 'delivery' && !group.seller.offersDelivery;
    const deliveryFeeVnd = deliveryFeeFor(deliveryOffer(group.seller), method, subtotalVnd);
    return {
      seller: sellerRef(group.seller),
      listingIds: group.lines.map((l) => l.item.listingId),
      subtotalVnd,
      options: deliveryOptions(group.seller),
      method,
      deliveryFeeVnd,
      totalVnd: subtotalVnd + deliveryFeeVnd,
      problem: deliveryNotOffered ? ('delivery_not_offered' as const) : null,
    };
  });
  return {
    items,
    sellers,
    totals: sumTotals(sellers),
    isOrderable: items.every((i) => i.problem === null) && sellers.every((s) => s.problem === null),
    paymentMethods: [...deps.env.orders.paymentMethods],
  };
}
