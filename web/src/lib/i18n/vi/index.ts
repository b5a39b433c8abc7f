import { catalogue } from '../catalogue.ts';
import { account } from './account.ts';
import { addresses } from './addresses.ts';
import { auth } from './auth.ts';
import { cart } from './cart.ts';
import { common } from './common.ts';
import { coop } from './coop.ts';
import { home } from './home.ts';
import { listing } from './listing.ts';
import { listingStatus } from './listing-status.ts';
import { operatorPayments } from './operator-payments.ts';
import { orders } from './orders.ts';
import { payments } from './payments.ts';
import { search } from './search.ts';
import { sellListing } from './sell-listing.ts';
import { sellSignup } from './sell-signup.ts';
import { seller } from './seller.ts';
import { sellerOrders } from './seller-orders.ts';
import { sellerPayments } from './seller-payments.ts';

// Every word a person reads, in Vietnamese: the source of truth for the keys. One area per file;
// a new area is added here, in ../en/index.ts and in the route group that reads it
// (group-*.ts: pages download only their group's areas, decision 25). `{name}` marks a parameter.
// Plain words farmers use; short sentences; say what to do next when something fails.
// Only the server and the tests import this whole catalogue; pages import its type.
export const vi = catalogue(common)
  .add(home)
  .add(auth)
  .add(account)
  .add(addresses)
  .add(seller)
  .add(listing)
  .add(cart)
  .add(orders)
  .add(search)
  .add(payments)
  .add(sellSignup)
  .add(sellListing)
  .add(listingStatus)
  .add(sellerOrders)
  .add(sellerPayments)
  .add(coop)
  .add(operatorPayments)
  .done();

export type MessageKey = keyof typeof vi;
