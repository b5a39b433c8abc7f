// The cart cookie on the server: read on every page that needs it (the nav badge, the cart,
// checkout), written only by form actions, so there is one writer and one format. It holds no
// secret; it is HttpOnly because no browser code needs it (optimistic updates are page state).
import type { Address, CartQuote } from '@nongsan/contracts';
import type { Cookies } from '@sveltejs/kit';
import {
  CART_COOKIE,
  CART_MAX_AGE_SECONDS,
  type CartLine,
  DELIVERY_COOKIE,
  type DeliveryChoice,
  parseCart,
  parseDeliveryChoices,
  serializeCart,
  serializeDeliveryChoices,
} from '$lib/cart/cart-cookie.ts';
import { type Api, type ApiFailure, call } from './api.ts';
import { env } from './env.ts';

const cookieOptions = () => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: env.isProduction,
  maxAge: CART_MAX_AGE_SECONDS,
});

export function readCart(cookies: Cookies): CartLine[] {
  return parseCart(cookies.get(CART_COOKIE));
}

export function writeCart(cookies: Cookies, lines: readonly CartLine[]): void {
  if (lines.length === 0) {
    cookies.delete(CART_COOKIE, { path: '/' });
    return;
  }
  cookies.set(CART_COOKIE, serializeCart(lines), cookieOptions());
}

export function readDeliveryChoices(cookies: Cookies): Map<string, DeliveryChoice> {
  return parseDeliveryChoices(cookies.get(DELIVERY_COOKIE));
}

export function writeDeliveryChoices(cookies: Cookies, choices: ReadonlyMap<string, DeliveryChoice>): void {
  if (choices.size === 0) {
    cookies.delete(DELIVERY_COOKIE, { path: '/' });
    return;
  }
  cookies.set(DELIVERY_COOKIE, serializeDeliveryChoices(choices), cookieOptions());
}

/** After an order: the cart and its delivery choices are done with. */
export function clearCart(cookies: Cookies): void {
  cookies.delete(CART_COOKIE, { path: '/' });
  cookies.delete(DELIVERY_COOKIE, { path: '/' });
}

/** The address of the book the cart and checkout price delivery for: an id, in a cookie of its own. */
const ADDRESS_COOKIE = 'ns_address';

/**
 * The buyer's address book and the address chosen from it: `requested` (checkout's `?diachi=`, then
 * remembered) when it is one of the buyer's, else the one remembered, else the default (first in the
 * book). The cart and checkout both price for it, so the two never disagree on which sellers deliver.
 */
export async function chosenAddress(
  api: Api,
  cookies: Cookies,
  signedIn: boolean,
  requested?: string | null,
): Promise<{ addresses: Address[]; chosen: Address | null }> {
  if (!signedIn) return { addresses: [], chosen: null };
  const result = await call(() => api.api.v1.me.addresses.$get());
  const addresses = result.ok ? result.data.addresses : [];
  const asked = requested ? addresses.find((a) => a.id === requested) : undefined;
  if (asked) cookies.set(ADDRESS_COOKIE, asked.id, cookieOptions());
  const remembered = addresses.find((a) => a.id === cookies.get(ADDRESS_COOKIE));
  return { addresses, chosen: asked ?? remembered ?? addresses[0] ?? null };
}

/** A delivery address from the buyer's address book, as an order carries it. */
export type AddressInput = { recipientName: string; phone: string; communeCode: string; street: string };

export type QuoteResult = { ok: true; quote: CartQuote } | { ok: false; failure: ApiFailure };

/**
 * Prices the cart. Without an address every seller is quoted for pickup (the API quotes delivery
 * only with an address), its delivery option priced for `destination` (the buyer's chosen commune)
 * when given; with an address, the sellers in `deliverTo` are quoted for delivery to it, so
 * checkout sees exactly the fees the order will carry.
 */
export async function quoteCart(
  api: Api,
  lines: readonly CartLine[],
  delivery?: { sellerIds: readonly string[]; address: AddressInput },
  destination?: string,
): Promise<QuoteResult> {
  const deliveries = delivery?.sellerIds.length
    ? Object.fromEntries(
        delivery.sellerIds.map((id) => [id, { method: 'delivery' as const, address: delivery.address }]),
      )
    : undefined;
  const result = await call(() =>
    api.api.v1.cart.quote.$post({
      json: {
        items: lines.map(({ listingId, quantity }) => ({ listingId, quantity })),
        ...(deliveries ? { deliveries } : {}),
        ...(destination ? { destination: { communeCode: destination } } : {}),
      },
    }),
  );
  return result.ok ? { ok: true, quote: result.data } : { ok: false, failure: result.failure };
}
