import { CartItemSchema, IdSchema } from '@nongsan/contracts';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { MAX_CART_LINES, removeFromCart, setQuantity } from '$lib/cart/cart-cookie.ts';
import { toCartView } from '$lib/cart/cart-view.ts';
import type { Message } from '$lib/i18n/index.ts';
import { quoteCart, readCart, readDeliverySellers, writeCart, writeDeliverySellers } from '$lib/server/cart.ts';
import { checkForm, formText, wholeNumber } from '$lib/server/form.ts';
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

/** A cart line's new quantity: the contract's cart item (whole units, within the maximum). */
const QuantityForm = CartItemSchema.extend({ quantity: wholeNumber(CartItemSchema.shape.quantity) });

/** Pickup or delivery for one seller (the seller id as the cookie keeps it). */
const DeliveryForm = z.object({
  sellerId: IdSchema.regex(/^[A-Za-z0-9_-]+$/),
  method: z.enum(['pickup', 'delivery']),
});

export const actions = {
  /** − and +, and "take what is left": the line's new quantity, as a whole number. */
  quantity: async ({ request, cookies }) => {
    const values = formText(await request.formData(), ['listingId', 'quantity']);
    const { listingId } = values;
    const checked = checkForm(QuantityForm, values);
    if (!checked.ok) return refuse(listingId, { key: 'cart.errQuantity' });
    // The line must be in the cart already: this form changes a line, it does not add one.
    const change = setQuantity(readCart(cookies), listingId, checked.data.quantity);
    if (!change.ok) return refuse(listingId, { key: 'cart.errQuantity' });
    writeCart(cookies, change.lines);
    return { listingId, message: null };
  },

  remove: async ({ request, cookies }) => {
    const { listingId } = formText(await request.formData(), ['listingId']);
    writeCart(cookies, removeFromCart(readCart(cookies), listingId));
    return { listingId, message: null };
  },

  /** Pickup or delivery for one seller's part; the address is asked for at checkout. */
  delivery: async ({ request, cookies }) => {
    const checked = checkForm(DeliveryForm, formText(await request.formData(), ['sellerId', 'method']));
    if (!checked.ok) return refuse(null, { key: 'err.invalid' });
    const { sellerId, method } = checked.data;
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
