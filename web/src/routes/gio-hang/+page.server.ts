import { CartItemSchema, IdSchema } from '@nongsan/contracts';
import type { Cookies } from '@sveltejs/kit';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { type DeliveryChoice, MAX_CART_LINES, removeFromCart, setQuantity } from '$lib/cart/cart-cookie.ts';
import { toCartView } from '$lib/cart/cart-view.ts';
import type { Message } from '$lib/i18n/index.ts';
import {
  chosenAddress,
  quoteCart,
  readCart,
  readDeliveryChoices,
  writeCart,
  writeDeliveryChoices,
} from '$lib/server/cart.ts';
import { checkForm, decimalQuantity, formText } from '$lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

/** The commune delivery is priced for: the buyer's chosen (else default) address, when signed in. */
async function destinationOf(locals: App.Locals, cookies: Cookies) {
  const { chosen } = await chosenAddress(locals.api, cookies, Boolean(locals.token));
  return chosen ? { code: chosen.commune.code, name: chosen.commune.name } : null;
}

export const load: PageServerLoad = async ({ locals, cookies }) => {
  const lines = readCart(cookies);
  if (lines.length === 0) return { cart: null, quoteFailed: false, destination: null };
  // Prices, stock and sellers are the API's, asked afresh on every visit: the cookie has none.
  const destination = await destinationOf(locals, cookies);
  const result = await quoteCart(locals.api, lines, undefined, destination?.code);
  if (!result.ok) return { cart: null, quoteFailed: true, destination };
  return { cart: toCartView(result.quote, readDeliveryChoices(cookies)), quoteFailed: false, destination };
};

/** What a small form of the cart answers when it cannot do what was asked. */
type CartFailure = { listingId: string | null; message: Message };

const refuse = (listingId: string | null, message: Message) => fail(422, { listingId, message } satisfies CartFailure);

/** A cart line's new quantity: the contract's cart item (a decimal such as 1,5 kg, within the maximum). */
const QuantityForm = CartItemSchema.extend({ quantity: decimalQuantity(CartItemSchema.shape.quantity) });

/** Pickup or delivery for one seller: a field `method-<sellerId>` (the seller id as the cookie keeps it). */
const METHOD_FIELD = 'method-';
const SellerIdSchema = IdSchema.regex(/^[A-Za-z0-9_-]+$/);
const MethodSchema = z.enum(['pickup', 'delivery']);

/**
 * Every seller's choice the form carries, saved at once: the cart's choices and its "Đặt hàng"
 * button are one form (issue 21), so what was ticked is what is ordered, with or without
 * JavaScript. Choices for sellers no longer named stay, so a part that comes back keeps its choice;
 * the oldest make room past the bound.
 */
function saveChoices(form: FormData, cookies: Cookies): boolean {
  const choices = readDeliveryChoices(cookies);
  for (const [name, value] of form) {
    if (!name.startsWith(METHOD_FIELD)) continue;
    const sellerId = SellerIdSchema.safeParse(name.slice(METHOD_FIELD.length));
    const method = MethodSchema.safeParse(value);
    if (!sellerId.success || !method.success) return false;
    choices.delete(sellerId.data);
    choices.set(sellerId.data, method.data satisfies DeliveryChoice);
  }
  for (const old of choices.keys()) {
    if (choices.size <= MAX_CART_LINES) break;
    choices.delete(old);
  }
  writeDeliveryChoices(cookies, choices);
  return true;
}

export const actions = {
  /** − and +, and "take what is left": the line's new quantity (a decimal by the listing's step). */
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

  /** A choice of pickup or delivery changed (with JavaScript, as it is tapped); the address is asked for at checkout. */
  delivery: async ({ request, cookies }) => {
    if (!saveChoices(await request.formData(), cookies)) return refuse(null, { key: 'err.invalid' });
    return { listingId: null, message: null };
  },

  /** "Đặt hàng": the choices as ticked, then checkout; a part whose hand-over is still open is asked about. */
  checkout: async ({ request, cookies, locals }) => {
    if (!saveChoices(await request.formData(), cookies)) return refuse(null, { key: 'err.invalid' });
    const lines = readCart(cookies);
    if (lines.length > 0) {
      const destination = await destinationOf(locals, cookies);
      const result = await quoteCart(locals.api, lines, undefined, destination?.code);
      if (result.ok && toCartView(result.quote, readDeliveryChoices(cookies)).needsChoice) {
        return refuse(null, { key: 'cart.chooseHandoverFirst' });
      }
    }
    redirect(303, '/thanh-toan');
  },
} satisfies Actions;
