import type { ListingStockKeeper } from '../listings/index.ts';
import { receiveLotInTx } from './lots.service.ts';
import { findStockOfListings, syncListingStockStatus } from './stock-status.service.ts';

/** What the listings module asks of inventory (ListingNeeds, wired in app-deps.ts). */
export const listingStock: ListingStockKeeper = { findStockOfListings, receiveLotInTx, syncListingStockStatus };
