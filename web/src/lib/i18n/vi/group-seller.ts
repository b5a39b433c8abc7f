import { catalogue } from '../catalogue.ts';
import { listingStatus } from './listing-status.ts';
import { sellListing } from './sell-listing.ts';
import { sellSignup } from './sell-signup.ts';
import { sellerOrders } from './seller-orders.ts';
import { sellerPayments } from './seller-payments.ts';

// The seller pages' words (/ban-hang/*), loaded by their layout on top of the storefront's.
export const messages = catalogue(sellSignup)
  .add(sellListing)
  .add(listingStatus)
  .add(sellerOrders)
  .add(sellerPayments)
  .done();
