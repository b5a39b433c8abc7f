import type { DbOrTx, Tx } from '@nongsan/db';

// What the listings module needs from the inventory module, declared here and wired by
// app-deps.ts. The listings module owns the listings table; the inventory module keeps a
// listing's stock and flips its status for it (through setListingStatus in this module's index),
// so listings reaches inventory only through this and neither imports the other both ways.

/** A listing's sellable stock at a date, with the lots it is in. */
export type ListingStock = {
  availableStock: number;
  lots: { harvestedAt: string | null; expiresAt: string | null; available: number }[];
};

export type ListingStockKeeper = {
  /** Sellable stock of several listings at `today` (Vietnam date). */
  findStockOfListings(db: DbOrTx, listingIds: readonly string[], today: string): Promise<Map<string, ListingStock>>;
  /** Receives a listing's first lot in the transaction that creates it. */
  receiveLotInTx(
    tx: Tx,
    options: { listingId: string; quantityMilli: number; harvestedAt?: string; authorUserId: string; now: Date },
  ): Promise<unknown>;
  /** After an edit: active ↔ sold_out as its sellable stock says. */
  syncListingStockStatus(tx: Tx, listingId: string, now: Date): Promise<unknown>;
};

export type ListingNeeds = { listingStock: ListingStockKeeper };
