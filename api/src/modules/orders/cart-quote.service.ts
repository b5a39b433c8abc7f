import {
  type CartQuote,
  type CartQuoteRequest,
  fromMilli,
  type QuotedItem,
  sumTotals,
  toMilli,
} from '@nongsan/contracts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { findStockOfListings } from '../inventory/index.ts';
import { findZonesOfSellers } from '../sellers/index.ts';
import {
  deliveryOption,
  destinationOf,
  groupBySeller,
  invalid,
  parcelOf,
  pickupPlace,
  priceLine,
  quantityIssue,
  resolveChoices,
  SELLABLE,
  unknownCommuneIssues,
} from './cart-lines.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import { provinceRef, unitEntry } from './order-views.ts';
import * as repo from './orders.repo.ts';

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
  const communeIssues = unknownCommuneIssues(input, input.destination);
  if (communeIssues.length > 0) throw invalid(communeIssues);
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
  const zones = await findZonesOfSellers(
    deps.db,
    groups.map((g) => g.seller.id),
  );
  const sellers = groups.map((group) => {
    const parcel = parcelOf(group.lines.map((l) => ({ row: l.row, ...l.item })));
    const choice = choices.get(group.seller.id);
    const method = choice?.method ?? 'pickup';
    // The choice's own address, else the quote's destination (the cart's default address), else none.
    const communeCode = choice?.address?.communeCode ?? input.destination?.communeCode;
    const destination = communeCode === undefined ? null : destinationOf(communeCode);
    const delivery = deliveryOption(zones.get(group.seller.id) ?? [], destination, parcel, group.seller);
    const problem =
      method !== 'delivery'
        ? null
        : delivery === null
          ? ('delivery_not_offered' as const)
          : delivery.unavailable !== null
            ? ('delivery_unavailable' as const)
            : null;
    const deliveryFeeVnd = method === 'delivery' && problem === null && delivery ? delivery.feeVnd : 0;
    return {
      seller: sellerRef(group.seller),
      listingIds: group.lines.map((l) => l.item.listingId),
      subtotalVnd: parcel.subtotalVnd,
      options: {
        pickup: { feeVnd: 0 as const, address: pickupPlace(group.seller), hours: group.seller.pickupHours },
        delivery,
      },
      method,
      deliveryFeeVnd,
      totalVnd: parcel.subtotalVnd + deliveryFeeVnd,
      problem,
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
