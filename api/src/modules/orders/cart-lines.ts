import {
  type DeliveryChoice,
  type DeliveryOffer,
  fromMilli,
  lineTotalVnd,
  MILLI,
  quantityProblem,
} from '@nongsan/contracts';
import { placeWithProvince } from '@nongsan/vn/provinces';
import { AppError } from '../../errors.ts';
import type { FieldIssue } from '../../lib/router.ts';
import type * as repo from './orders.repo.ts';

// What quoting a cart and placing an order both read off the cart's lines: which listings can be
// bought, each seller's delivery choice, and the lines grouped by seller.

/** Listings in these states can be bought (sold_out ones when stock came back since). */
export const SELLABLE = new Set(['active', 'sold_out']);

export const invalid = (issues: FieldIssue[], message = 'request failed validation') =>
  new AppError('VALIDATION_FAILED', { message, details: issues });

// ---- lines ----------------------------------------------------------------------------------

type PricedRow = Pick<
  repo.CartListingRow,
  'priceVnd' | 'pricedAtPacking' | 'estimatedWeightMilli' | 'weightTolerancePct' | 'minOrderMilli' | 'quantityStepMilli'
>;

/**
 * A line's price from `quantityMilli` thousandths. Priced at packing, the price per kg applies to
 * the estimated weight (pieces × the estimate per piece; pieces are whole, so this is exact) until
 * the seller weighs it.
 */
export function priceLine(row: PricedRow, quantityMilli: number) {
  if (row.pricedAtPacking && row.estimatedWeightMilli !== null) {
    const estimatedWeightMilli = (quantityMilli / MILLI) * row.estimatedWeightMilli;
    return {
      lineTotalVnd: lineTotalVnd(row.priceVnd, estimatedWeightMilli),
      estimatedWeightMilli,
      weightTolerancePct: row.weightTolerancePct,
    };
  }
  return {
    lineTotalVnd: lineTotalVnd(row.priceVnd, quantityMilli),
    estimatedWeightMilli: null,
    weightTolerancePct: null,
  };
}

/** The 422 detail for a quantity off the listing's minimum or step (null when it is fine). */
export function quantityIssue(row: PricedRow, quantityMilli: number, path: string): FieldIssue | null {
  const problem = quantityProblem(
    { minOrderMilli: row.minOrderMilli, stepMilli: row.quantityStepMilli },
    quantityMilli,
  );
  if (problem === 'below_minimum') {
    return { path, code: 'below_minimum', message: `the minimum order is ${fromMilli(row.minOrderMilli)}` };
  }
  if (problem === 'off_step') {
    return { path, code: 'off_step', message: `order in steps of ${fromMilli(row.quantityStepMilli)}` };
  }
  return null;
}

// ---- delivery choices -----------------------------------------------------------------------

export type ResolvedChoice = DeliveryChoice & { path: string };

/**
 * Each seller's delivery choice: `deliveries[sellerId]`, else `delivery`. A key of `deliveries`
 * that is not a seller in the cart is refused (it would silently do nothing). Without any choice,
 * a quote assumes pickup; an order is refused.
 */
export function resolveChoices(
  input: { delivery?: DeliveryChoice | undefined; deliveries?: Record<string, DeliveryChoice> | undefined },
  sellerIds: readonly string[],
  mode: 'quote' | 'order',
): { choices: Map<string, ResolvedChoice | null>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const inCart = new Set(sellerIds);
  for (const key of Object.keys(input.deliveries ?? {})) {
    if (!inCart.has(key)) {
      issues.push({ path: `deliveries.${key}`, code: 'not_in_cart', message: 'no item of this seller is in the cart' });
    }
  }
  const choices = new Map<string, ResolvedChoice | null>();
  for (const sellerId of sellerIds) {
    const own = input.deliveries?.[sellerId];
    if (own) choices.set(sellerId, { ...own, path: `deliveries.${sellerId}` });
    else if (input.delivery) choices.set(sellerId, { ...input.delivery, path: 'delivery' });
    else {
      choices.set(sellerId, null);
      if (mode === 'order') {
        issues.push({ path: `deliveries.${sellerId}`, code: 'required', message: 'choose pickup or delivery' });
      }
    }
  }
  return { choices, issues };
}

/** Items grouped by seller, sellers in the order they first appear in the cart. */
export function groupBySeller<T extends { row: repo.CartListingRow }>(lines: readonly T[]) {
  const groups = new Map<string, { seller: repo.CartListingRow['seller']; lines: T[] }>();
  for (const line of lines) {
    const group = groups.get(line.row.seller.id) ?? { seller: line.row.seller, lines: [] };
    group.lines.push(line);
    groups.set(line.row.seller.id, group);
  }
  return [...groups.values()];
}

/** The seller's delivery terms as the quote publishes them (and as pricing reads them). */
export const deliveryOffer = (seller: repo.CartListingRow['seller']): DeliveryOffer =>
  seller.offersDelivery ? { feeVnd: seller.deliveryFeeVnd, freeOverVnd: seller.freeDeliveryOverVnd } : null;

/** Where a pickup is collected, as the cart and the order show it: the seller's words and province. */
export function pickupPlace(
  seller: Pick<repo.CartListingRow['seller'], 'pickupAddress' | 'provinceId'>,
): string | null {
  return seller.pickupAddress === null ? null : placeWithProvince(seller.pickupAddress, seller.provinceId);
}
