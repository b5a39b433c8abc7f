import { fromMilli } from '@nongsan/contracts';
import type { DbOrTx, Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { vnDate } from '../../lib/dates.ts';
import { type ListingStock, setListingStatus } from '../listings/index.ts';
import { recordSearchChange } from '../search/index.ts';
import * as repo from './inventory.repo.ts';

// A listing's status follows its sellable stock (active ↔ sold_out); every stock change ends here.

export type StockState = { status: repo.ListingStatus; availableStock: number };

/** The status a listing takes for its stock: active ↔ sold_out; drafts and archived ones keep theirs. */
export function statusForStock(status: repo.ListingStatus, availableStock: number): repo.ListingStatus {
  if (status === 'active' && availableStock === 0) return 'sold_out';
  if (status === 'sold_out' && availableStock > 0) return 'active';
  return status;
}

/**
 * Where every stock change ends: given each changed listing's status (read under its lock) and its
 * sellable stock after the change, flips active ↔ sold_out. Anything that must follow every stock
 * change (the search outbox write) belongs here, so single and multi-listing changes both get it.
 */
export async function applyStockStates(
  tx: Tx,
  states: readonly ({ listingId: string } & StockState)[],
  now: Date,
): Promise<Map<string, StockState>> {
  const settled = new Map<string, StockState>();
  const flipped: string[] = [];
  for (const state of states) {
    const status = statusForStock(state.status, state.availableStock);
    if (status !== state.status) {
      await setListingStatus(tx, state.listingId, status, now);
      flipped.push(state.listingId);
    }
    settled.set(state.listingId, { status, availableStock: state.availableStock });
  }
  // In stock ↔ sold out is what search shows; quantityMilli changes that keep the status are not.
  if (flipped.length > 0) await recordSearchChange(tx, { listingIds: flipped }, now);
  return settled;
}

/**
 * After any stock change: an active listing with nothing sellable becomes sold_out, and a sold_out
 * one with stock again becomes active. Drafts and archived listings keep their status. The caller
 * holds the listing lock (every stock change takes it first).
 */
export async function syncListingStockStatus(tx: Tx, listingId: string, now: Date): Promise<StockState> {
  const listing = await repo.lockListing(tx, listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  const availableStock = await repo.sumOnHand(tx, listingId, vnDate(now));
  const settled = await applyStockStates(tx, [{ listingId, status: listing.status, availableStock }], now);
  return settled.get(listingId) as StockState;
}

/** Sellable stock of several listings at `today` (Vietnam date): on-hand of lots not past their last day. */
export async function findStockOfListings(
  db: DbOrTx,
  listingIds: readonly string[],
  today: string,
): Promise<Map<string, ListingStock>> {
  const stock = new Map<string, ListingStock>(listingIds.map((id) => [id, { availableStock: 0, lots: [] }]));
  for (const lot of await repo.findSellableLots(db, listingIds, today)) {
    const entry = stock.get(lot.listingId);
    if (!entry) continue;
    entry.availableStock += lot.onHandMilli;
    entry.lots.push({ harvestedAt: lot.harvestedAt, expiresAt: lot.expiresAt, available: lot.onHandMilli });
  }
  // Added up in thousandths, answered as decimals (the listing view's units).
  for (const entry of stock.values()) {
    entry.availableStock = fromMilli(entry.availableStock);
    for (const lot of entry.lots) lot.available = fromMilli(lot.available);
  }
  return stock;
}
