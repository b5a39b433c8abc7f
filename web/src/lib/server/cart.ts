// The cart cookie on the server: read on every page that needs it (the nav badge, the cart,
// checkout), written only by form actions, so there is one writer and one format. It holds no
// secret; it is HttpOnly because no browser code needs it (optimistic updates are page state).
import type { CartQuote } from '@nongsan/contracts';
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

/** A delivery address as the buyer typed it; the API parses the phone and matches the province. */
export type AddressInput = { recipientName: string; phone: string; province: string; commune: string; street: string };

export type QuoteResult = { ok: true; quote: CartQuote } | { ok: false; failure: ApiFailure };

/**
 * Prices the cart. Without an address every seller is quoted for pickup (the API quotes delivery
 * only with an address); with one, the sellers in `deliverTo` are quoted for delivery to it, so
 * checkout sees exactly the fees the order will carry.
 */
export async function quoteCart(
  api: Api,
  lines: readonly CartLine[],
  delivery?: { sellerIds: readonly string[]; address: AddressInput },
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
      },
    }),
  );
  return result.ok ? { ok: true, quote: result.data } : { ok: false, failure: result.failure };
}
