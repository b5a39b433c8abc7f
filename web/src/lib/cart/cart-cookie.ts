// The cart as it lives in the browser: listing ids and whole quantities, nothing else. Prices,
// stock and sellers always come from the API's quote (POST /cart/quote); a price kept here could
// be edited by anyone, so none is kept. Pure (no SvelteKit): the server reads and writes the
// cookie through $lib/server/cart.ts, and tests/unit checks these rules.
import { fromMilli, MAX_CART_ITEMS, MAX_QUANTITY, parseQuantityMilli, toMilli } from '@nongsan/contracts';

/** Listing ids and quantities: `lst_abc~2.lst_def~1`. */
export const CART_COOKIE = 'ns_cart';
/** Sellers the buyer wants delivery from (pickup otherwise): `sel_abc.sel_def`. */
export const DELIVERY_COOKIE = 'ns_delivery';
/** A cart is kept a month: long enough to come back after payday, short enough to go stale. */
export const CART_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Different listings in one cart: the API's own bound, so a full cart is still orderable. */
export const MAX_CART_LINES = MAX_CART_ITEMS;
/**
 * Browsers keep cookies up to 4096 bytes with their name; 50 lines of 64-character ids would be
 * ~3.5 KB, real ids (24 characters) ~1.5 KB. A longer value is not ours: it is dropped, not parsed.
 */
export const MAX_COOKIE_CHARS = 3800;

export type CartLine = { listingId: string; quantity: number };

// Ids are opaque, but ours are short [a-z0-9_] strings; anything else in a cookie is tampering or
// an old format, and is left out rather than sent to the API (which would refuse the whole cart).
const ID = /^[A-Za-z0-9_-]{1,64}$/;
// A decimal with at most three places (1.5 kg, decision 0029), written `1_5`: `.` separates lines.
const QUANTITY = /^\d{1,7}(_\d{1,3})?$/;

function isQuantity(n: number): boolean {
  return parseQuantityMilli(n) !== null && n > 0 && n <= MAX_QUANTITY;
}

/** The cart in a cookie value; junk entries are skipped, a listing seen twice keeps its first quantity. */
export function parseCart(value: string | undefined | null): CartLine[] {
  if (!value || value.length > MAX_COOKIE_CHARS) return [];
  const lines: CartLine[] = [];
  const seen = new Set<string>();
  for (const entry of value.split('.')) {
    const [listingId, quantityText, ...rest] = entry.split('~');
    if (rest.length > 0 || !listingId || !quantityText || !ID.test(listingId) || !QUANTITY.test(quantityText)) continue;
    const quantity = Number(quantityText.replace('_', '.'));
    if (!isQuantity(quantity) || seen.has(listingId)) continue;
    seen.add(listingId);
    lines.push({ listingId, quantity });
    if (lines.length === MAX_CART_LINES) break;
  }
  return lines;
}

export function serializeCart(lines: readonly CartLine[]): string {
  return lines.map((l) => `${l.listingId}~${String(l.quantity).replace('.', '_')}`).join('.');
}

export type CartChange = { ok: true; lines: CartLine[] } | { ok: false; reason: 'full' | 'invalid' };

/** Adds units of a listing: to its line when it is already in the cart (capped at the maximum). */
export function addToCart(lines: readonly CartLine[], listingId: string, quantity: number): CartChange {
  if (!ID.test(listingId) || !isQuantity(quantity)) return { ok: false, reason: 'invalid' };
  const existing = lines.find((l) => l.listingId === listingId);
  if (existing) {
    const total = Math.min(MAX_QUANTITY, fromMilli(toMilli(existing.quantity) + toMilli(quantity)));
    return { ok: true, lines: lines.map((l) => (l === existing ? { listingId, quantity: total } : l)) };
  }
  if (lines.length >= MAX_CART_LINES) return { ok: false, reason: 'full' };
  return { ok: true, lines: [...lines, { listingId, quantity }] };
}

/** Sets a line's quantity; a listing not in the cart is not added (a stale form cannot add things). */
export function setQuantity(lines: readonly CartLine[], listingId: string, quantity: number): CartChange {
  if (!isQuantity(quantity)) return { ok: false, reason: 'invalid' };
  if (!lines.some((l) => l.listingId === listingId)) return { ok: false, reason: 'invalid' };
  return { ok: true, lines: lines.map((l) => (l.listingId === listingId ? { listingId, quantity } : l)) };
}

export function removeFromCart(lines: readonly CartLine[], listingId: string): CartLine[] {
  return lines.filter((l) => l.listingId !== listingId);
}

export type DeliveryChoice = 'pickup' | 'delivery';

/**
 * The hand-over each seller's part was given by the buyer, by seller id (`sel_a~d.sel_b~p`). Only
 * ids and the choice: the address is typed at checkout, never stored here. A seller not named has
 * no choice yet (the cart then offers its default, cart-view.ts). A bare id, as cookies written
 * before issue 21 hold them, was a delivery choice.
 */
export function parseDeliveryChoices(value: string | undefined | null): Map<string, DeliveryChoice> {
  const choices = new Map<string, DeliveryChoice>();
  if (!value || value.length > MAX_COOKIE_CHARS) return choices;
  for (const part of value.split('.')) {
    const [id = '', mark, ...rest] = part.split('~');
    if (!ID.test(id) || rest.length > 0) continue;
    if (mark === undefined || mark === 'd') choices.set(id, 'delivery');
    else if (mark === 'p') choices.set(id, 'pickup');
    if (choices.size === MAX_CART_LINES) break;
  }
  return choices;
}

export function serializeDeliveryChoices(choices: ReadonlyMap<string, DeliveryChoice>): string {
  return [...choices].map(([id, choice]) => `${id}~${choice === 'delivery' ? 'd' : 'p'}`).join('.');
}
