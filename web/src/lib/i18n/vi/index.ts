import { catalogue } from '../catalogue.ts';
import { account } from './account.ts';
import { addresses } from './addresses.ts';
import { auth } from './auth.ts';
import { cart } from './cart.ts';
import { common } from './common.ts';
import { coop } from './coop.ts';
import { home } from './home.ts';
import { listing } from './listing.ts';
import { orders } from './orders.ts';
import { payments } from './payments.ts';
import { search } from './search.ts';
import { sellListing } from './sell-listing.ts';
import { seller } from './seller.ts';

// Every word a person reads on the storefront, in Vietnamese: the source of truth for the keys.
// One area per file; a new area is added here and in ../en/index.ts. `{name}` marks a parameter.
// Plain words farmers use; short sentences; say what to do next when something fails.
export const vi = catalogue(common)
  .add(home)
  .add(auth)
  .add(account)
  .add(addresses)
  .add(seller)
  .add(sellListing)
  .add(listing)
  .add(coop)
  .add(cart)
  .add(orders)
  .add(search)
  .add(payments)
  .done();

export type MessageKey = keyof typeof vi;
