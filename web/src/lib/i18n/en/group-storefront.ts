import { catalogue, type Translation } from '../catalogue.ts';
import type { messages as vi } from '../vi/group-storefront.ts';
import { account } from './account.ts';
import { addresses } from './addresses.ts';
import { auth } from './auth.ts';
import { cart } from './cart.ts';
import { common } from './common.ts';
import { home } from './home.ts';
import { listing } from './listing.ts';
import { orders } from './orders.ts';
import { payments } from './payments.ts';
import { search } from './search.ts';
import { seller } from './seller.ts';

// The storefront's words in English: the chrome of every page (the root layout loads them) and the buyer's
// pages. Nothing only a seller, a cooperative or the operator reads (decision 25).
export const messages: Translation<typeof vi> = catalogue(common)
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
  .done();
