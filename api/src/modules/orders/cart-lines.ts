import {
  type DeliveryChoice,
  type DeliveryOptions,
  type DeliveryZone,
  type Destination,
  evaluateDelivery,
  fromMilli,
  lineTotalVnd,
  lineWeightGrams,
  MILLI,
  quantityProblem,
} from '@nongsan/contracts';
import { findCommuneByCode } from '@nongsan/vn/communes';
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

// ---- delivery fee ---------------------------------------------------------------------------

/** A commune code as a destination, with the commune's name for the order's snapshot; null when no unit has it. */
export function destinationOf(communeCode: string): (Destination & { communeName: string }) | null {
  const commune = findCommuneByCode(communeCode);
  return commune ? { provinceId: commune.provinceId, communeCode: commune.code, communeName: commune.name } : null;
}

/** Refuses an address whose commune code names no unit: 422 on the field, before anything is priced. */
export function unknownCommuneIssues(
  input: { delivery?: DeliveryChoice | undefined; deliveries?: Record<string, DeliveryChoice> | undefined },
  destination?: { communeCode: string } | undefined,
): FieldIssue[] {
  const issue = (path: string, code: string) => ({ path, code: 'not_found', message: `no commune with code ${code}` });
  const issues: FieldIssue[] = [];
  const check = (path: string, choice: DeliveryChoice | undefined) => {
    const code = choice?.address?.communeCode;
    if (code !== undefined && !findCommuneByCode(code)) issues.push(issue(`${path}.address.communeCode`, code));
  };
  check('delivery', input.delivery);
  for (const [sellerId, choice] of Object.entries(input.deliveries ?? {})) check(`deliveries.${sellerId}`, choice);
  if (destination && !findCommuneByCode(destination.communeCode)) {
    issues.push(issue('destination.communeCode', destination.communeCode));
  }
  return issues;
}

/** A seller's part of the cart as a parcel: its value and its shipping weight (`lineWeightGrams` per line). */
export function parcelOf(lines: readonly { row: repo.CartListingRow; quantity: number; lineTotalVnd: number }[]) {
  let subtotalVnd = 0;
  let weightGrams = 0;
  for (const line of lines) {
    subtotalVnd += line.lineTotalVnd;
    weightGrams += lineWeightGrams(line.row, line.quantity);
  }
  return { subtotalVnd, weightGrams };
}

/**
 * One seller's delivery option for a parcel, priced by its zones (`evaluateDelivery`, the one place a
 * fee is computed) for the destination; without a destination, the lowest fee a zone starts at.
 * Null when the seller has no zone at all (pickup only). Quote and order both price through this.
 */
export function deliveryOption(
  zones: readonly DeliveryZone[],
  destination: Destination | null,
  parcel: { subtotalVnd: number; weightGrams: number },
  summary: Pick<repo.CartListingRow['seller'], 'deliveryFeeVnd' | 'freeDeliveryOverVnd'>,
): DeliveryOptions['delivery'] {
  if (zones.length === 0) return null;
  const base = { weightGrams: parcel.weightGrams, minOrderVnd: null, unavailable: null, zoneName: null };
  if (!destination) {
    return { ...base, feeVnd: summary.deliveryFeeVnd, freeOverVnd: summary.freeDeliveryOverVnd, communeCode: null };
  }
  const verdict = evaluateDelivery(zones, destination, parcel);
  const communeCode = destination.communeCode;
  if (!verdict.ok) {
    return {
      ...base,
      feeVnd: 0,
      freeOverVnd: null,
      communeCode,
      unavailable: verdict.reason,
      minOrderVnd: verdict.minOrderVnd,
    };
  }
  return { ...base, feeVnd: verdict.feeVnd, freeOverVnd: verdict.freeOverVnd, communeCode, zoneName: verdict.zoneName };
}

/** Where a pickup is collected, as the cart and the order show it: the seller's words and province. */
export function pickupPlace(
  seller: Pick<repo.CartListingRow['seller'], 'pickupAddress' | 'provinceId'>,
): string | null {
  return seller.pickupAddress === null ? null : placeWithProvince(seller.pickupAddress, seller.provinceId);
}
