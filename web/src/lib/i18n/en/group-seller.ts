import { catalogue, type Translation } from '../catalogue.ts';
import type { messages as vi } from '../vi/group-seller.ts';
import { listingStatus } from './listing-status.ts';
import { sellListing } from './sell-listing.ts';
import { sellSignup } from './sell-signup.ts';
import { sellerOrders } from './seller-orders.ts';
import { sellerPayments } from './seller-payments.ts';

// The seller pages' words in English (/ban-hang/*), loaded by their layout on top of the storefront's.
export const messages: Translation<typeof vi> = catalogue(sellSignup)
  .add(sellListing)
  .add(listingStatus)
  .add(sellerOrders)
  .add(sellerPayments)
  .done();
