import { fail } from '@sveltejs/kit';
import { MAX_CART_LINES, removeFromCart, setQuantity } from '$lib/cart/cart-cookie.ts';
import { toCartView } from '$lib/cart/cart-view.ts';
import type { Message } from '$lib/i18n/index.ts';
import { parseWholeNumber } from '$lib/numbers.ts';
import { quoteCart, readCart, readDeliverySellers, writeCart, writeDeliverySellers } from '$lib/server/cart.ts';
import { textOf } from '$lib/server/form-values.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => {
  const lines = readCart(cookies);
  if (lines.length === 0) return { cart: null, quoteFailed: false };
  // Prices, stock and sellers are the API's, asked afresh on every visit: the cookie has none.
  const result = await quoteCart(locals.api, lines);
  if (!result.ok) return { cart: null, quoteFailed: true };
  return { cart: toCartView(result.quote, readDeliverySellers(cookies)), quoteFailed: false };
};

/** What a small form of the cart answers when it cannot do what was asked. */
type CartFailure = { listingId: string | null; message: Message };

const refuse = (listingId: string | null, message: Message) => fail(422, { listingId, message } satisfies CartFailure);

export const actions = {
  /** − and +, and "take what is left": the line's new quantity, as a whole number. */
  quantity: async ({ request, cookies }) => {
    const form = await request.formData();
    const listingId = textOf(form, 'listingId');
    const quantity = parseWholeNumber(textOf(form, 'quantity'));
    const change = setQuantity(readCart(cookies), listingId, quantity ?? 0);
    if (!change.ok) return refuse(listingId, { key: 'cart.errQuantity' });
    writeCart(cookies, change.lines);
    return { listingId, message: null };
  },

  remove: async ({ request, cookies }) => {
    const form = await request.formData();
    const listingId = textOf(form, 'listingId');
    writeCart(cookies, removeFromCart(readCart(cookies), listingId));
    return { listingId, message: null };
  },

  /** Pickup or delivery for one seller's part; the address is asked for at checkout. */
  delivery: async ({ request, cookies }) => {
    const form = await request.formData();
    const sellerId = textOf(form, 'sellerId');
    const method = textOf(form, 'method');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(sellerId) || (method !== 'pickup' && method !== 'delivery')) {
      return refuse(null, { key: 'err.invalid' });
    }
    const sellers = readDeliverySellers(cookies);
    sellers.delete(sellerId);
    if (method === 'delivery') sellers.add(sellerId);
    // Choices for sellers long gone from the cart make room, oldest first: the cookie stays bounded.
    for (const old of sellers) {
      if (sellers.size <= MAX_CART_LINES) break;
      sellers.delete(old);
    }
    writeDeliverySellers(cookies, sellers);
    return { listingId: null, message: null };
  },
} satisfies Actions;
