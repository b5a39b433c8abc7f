import { catalogue } from '../catalogue.ts';
import type { MessageKey } from '../vi/index.ts';
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

// English, second language. Each area is typed against its Vietnamese file, and the whole against
// every Vietnamese key, so a forgotten area is a compile error too.
export const en: Readonly<Record<MessageKey, string>> = catalogue(common)
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
