import { CartItemSchema, fromMilli, parseQuantityMilli, quantityProblem, toMilli } from '@nongsan/contracts';
import { error, fail } from '@sveltejs/kit';
import { addToCart } from '$lib/cart/cart-cookie.ts';
import type { Message } from '$lib/i18n/index.ts';
import { nameIn } from '$lib/listings/labels.ts';
import { toPhotoView } from '$lib/listings/photo-view.ts';
import { call } from '$lib/server/api.ts';
import { readCart, writeCart } from '$lib/server/cart.ts';
import { messageFor } from '$lib/server/failures.ts';
import { checkForm, decimalQuantity, formText } from '$lib/server/form.ts';
import { writableSellers } from '$lib/server/sellers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
  const result = await call(() =>
    locals.api.api.v1.listings[':listingId'].$get({ param: { listingId: params.listingId } }),
  );
  if (!result.ok) {
    const { failure } = result;
    // Drafts and archived listings are 404 for everyone but the seller's team, like missing ones.
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED') {
      error(404, { message: 'listing not found' });
    }
    if (failure.code === 'NETWORK' || failure.code === 'SERVICE_UNAVAILABLE')
      error(503, { message: 'api unavailable' });
    throw new Error(`GET /listings/:id failed: ${failure.code} ${failure.message}`);
  }
  const listing = result.data;
  // The seller's own team sees drafts too, and a way back to managing the listing.
  const me = await locals.me.catch(() => null);
  const isTeam = me ? writableSellers(me).some((s) => s.sellerId === listing.seller.id) : false;
  return {
    listing: {
      id: listing.id,
      title: listing.title,
      description: listing.description,
      category: listing.category,
      unit: listing.unit,
      priceVnd: listing.priceVnd,
      minOrder: listing.minOrder,
      soldBy: listing.soldBy,
      quantityStep: listing.quantityStep,
      pricedAtPacking: listing.pricedAtPacking,
      estimatedWeightKg: listing.estimatedWeightKg,
      status: listing.status,
      harvestedAt: listing.harvestedAt,
      availableFrom: listing.availableFrom,
      shelfLifeDays: listing.shelfLifeDays,
      availableStock: listing.availableStock,
      lots: listing.lots,
      seller: listing.seller,
      photos: listing.photos.map(toPhotoView),
      // Only what an operator has checked earns a badge; the team also gets the others from the API.
      certifications: listing.certifications
        .filter((c) => c.isVerified)
        .map(({ id, type, stars, certificateNumber, issuer, validTo }) => ({
          id,
          type,
          stars,
          certificateNumber,
          issuer,
          validTo,
        })),
    },
    isTeam,
    /** Units of this listing already in the visitor's cart. */
    inCart: readCart(cookies).find((l) => l.listingId === listing.id)?.quantity ?? 0,
  };
};

/** What "Thêm vào giỏ" answers, shown next to the button. */
type AddResult = { added: boolean; quantity: number; message: Message };

const refuse = (status: number, quantity: number, message: Message) =>
  fail(status, { added: false, quantity, message } satisfies AddResult);

/** How much to add: the contract's cart quantity (a decimal such as 1,5 kg, within the maximum). */
const AddForm = CartItemSchema.pick({ quantity: true }).extend({
  quantity: decimalQuantity(CartItemSchema.shape.quantity),
});

export const actions = {
  /**
   * Puts units of this listing in the cart cookie (ids and quantities only). The listing is read
   * first, so only something on sale, in at least its minimum order, goes in; price and stock
   * are the cart page's business, from the API's quote.
   */
  addToCart: async ({ request, cookies, locals, params }) => {
    const values = formText(await request.formData(), ['quantity']);
    const checked = checkForm(AddForm, values);
    // The number shown back in the field: what was typed, if it was a number at all.
    if (!checked.ok) {
      const shown = parseQuantityMilli(values.quantity ?? '');
      return refuse(422, shown === null ? 1 : fromMilli(shown), { key: 'cart.errQuantity' });
    }
    const typed = checked.data.quantity;
    const result = await call(() =>
      locals.api.api.v1.listings[':listingId'].$get({ param: { listingId: params.listingId } }),
    );
    if (!result.ok) {
      if (result.failure.code === 'NOT_FOUND') return refuse(404, typed, { key: 'cart.problem.not_found' });
      return refuse(result.failure.status, typed, messageFor(result.failure));
    }
    const listing = result.data;
    if (listing.status !== 'active' && listing.status !== 'sold_out') {
      return refuse(409, typed, { key: 'cart.problem.not_for_sale' });
    }
    const unit = nameIn(listing.unit, locals.locale);
    const lines = readCart(cookies);
    const already = lines.find((l) => l.listingId === listing.id)?.quantity ?? 0;
    // In thousandths: 0,3 + 0,2 kg is exactly the 0,5 kg minimum.
    const problem = quantityProblem(
      { minOrderMilli: toMilli(listing.minOrder), stepMilli: toMilli(listing.quantityStep) },
      toMilli(already) + toMilli(typed),
    );
    if (problem === 'below_minimum') {
      return refuse(422, typed, {
        key: 'cart.problem.below_minimum',
        params: { n: listing.minOrder, unit },
      });
    }
    if (problem === 'off_step') return refuse(422, typed, { key: 'cart.problem.off_step' });
    const change = addToCart(lines, listing.id, typed);
    if (!change.ok) {
      return refuse(change.reason === 'full' ? 409 : 422, typed, {
        key: change.reason === 'full' ? 'cart.full' : 'cart.errQuantity',
        params: { n: lines.length },
      });
    }
    writeCart(cookies, change.lines);
    return {
      added: true,
      quantity: typed,
      message: { key: 'cart.added', params: { n: typed, unit } },
    } satisfies AddResult;
  },
} satisfies Actions;
