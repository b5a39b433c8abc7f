import { type Address, type PaymentMethod, PaymentMethodSchema } from '@nongsan/contracts';
import { formatVnPhone } from '@nongsan/vn';
import { error, fail, redirect } from '@sveltejs/kit';
import type { CartLine } from '$lib/cart/cart-cookie.ts';
import { type CartView, deliverySellersIn, toCartView } from '$lib/cart/cart-view.ts';
import type { Message } from '$lib/i18n/index.ts';
import { nameIn } from '$lib/listings/labels.ts';
import { parseWholeNumber } from '$lib/numbers.ts';
import { type CheckoutErrors, checkoutErrorsFor, type Issue } from '$lib/orders/checkout-errors.ts';
import { cardPaymentPath } from '$lib/payments/payment-view.ts';
import {
  addressFailureErrors,
  checkAddressForm,
  pickerOptions,
  readAddressForm,
  toCommuneOption,
} from '$lib/server/addresses.ts';
import { type Api, call } from '$lib/server/api.ts';
import {
  type AddressInput,
  chosenAddress,
  clearCart,
  quoteCart,
  readCart,
  readDeliveryChoices,
} from '$lib/server/cart.ts';
import { messageFor } from '$lib/server/failures.ts';
import { formText, requireSignedIn } from '$lib/server/form.ts';
import { ApiUnavailableError } from '$lib/server/session.ts';
import { signInActions } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

const CHECKOUT = '/thanh-toan';
/** `?diachi=<id>`: the address of the buyer's book the order goes to (else the default). */
const ADDRESS_PARAM = 'diachi';

const asDelivery = (a: Address): AddressInput => ({
  recipientName: a.recipientName,
  phone: a.phone,
  communeCode: a.commune.code,
  street: a.street,
});

/**
 * The cart priced for the chosen address: first every seller's delivery option for its commune (so
 * a seller that does not deliver there is shown as pickup, and says so), then the parts to be
 * delivered quoted with the address itself, which is exactly what the order will carry.
 */
async function priceFor(
  api: Api,
  lines: readonly CartLine[],
  choices: ReturnType<typeof readDeliveryChoices>,
  address: Address | null,
) {
  const first = await quoteCart(api, lines, undefined, address?.commune.code);
  if (!first.ok) return first;
  const deliverTo = deliverySellersIn(first.quote, choices);
  if (deliverTo.length === 0 || !address) return { ...first, deliverTo };
  const second = await quoteCart(api, lines, { sellerIds: deliverTo, address: asDelivery(address) });
  return second.ok ? { ...second, deliverTo } : second;
}

export const load: PageServerLoad = async ({ locals, cookies, url }) => {
  const lines = readCart(cookies);
  if (lines.length === 0) redirect(303, '/gio-hang');
  let me: Awaited<App.Locals['me']>;
  try {
    me = await locals.me;
  } catch (cause) {
    if (cause instanceof ApiUnavailableError) error(503, { message: 'the API is unavailable' });
    throw cause;
  }
  // An id that is not one of mine is ignored.
  const { addresses, chosen } = await chosenAddress(
    locals.api,
    cookies,
    Boolean(me),
    url.searchParams.get(ADDRESS_PARAM),
  );
  const choices = readDeliveryChoices(cookies);
  const [result, offered] = await Promise.all([
    priceFor(locals.api, lines, choices, chosen),
    call(() => locals.api.api.v1.payments.methods.$get()),
  ]);
  if (!result.ok) error(503, { message: 'the cart could not be priced' });
  const cart: CartView = toCartView(result.quote, choices);
  // A seller's part whose hand-over the buyer has not chosen yet (delivery for a fee, or pickup):
  // the cart asks, never checkout by guessing.
  if (cart.needsChoice) redirect(303, '/gio-hang');
  return {
    cart,
    // The ways to pay in the order the deployment lists them (GET /payments/methods); the quote
    // names the same configured methods, and is the fallback should that call fail.
    paymentMethods: offered.ok ? offered.data.methods : cart.paymentMethods,
    buyer: me ? { name: me.user.name ?? '', phone: formatVnPhone(me.user.phone) ?? me.user.phone } : null,
    addresses: addresses.map((a) => ({
      id: a.id,
      label: a.label,
      recipientName: a.recipientName,
      phone: formatVnPhone(a.phone) ?? a.phone,
      street: a.street,
      commune: toCommuneOption(a.commune),
      isDefault: a.isDefault,
    })),
    chosenAddressId: chosen?.id ?? null,
    // Sellers whose delivery the buyer wanted but that do not deliver this part to the chosen address.
    undeliverable: chosen
      ? cart.groups
          .filter((g) => g.options.unavailable !== null && choices.get(g.seller.id) === 'delivery')
          .map((g) => g.seller.id)
      : [],
    // One key per attempt at ordering, in the page: a double-tap or a resent form carries the same
    // key, so the API answers the second with the first order instead of placing another.
    idempotencyKey: crypto.randomUUID(),
  };
};

/** What a failed "Đặt hàng" answers: the messages, and what was chosen so nothing is lost. */
type OrderFailure = {
  step: 'order';
  errors: CheckoutErrors;
  values: { addressId: string; paymentMethod: string };
};

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,200}$/;

const ORDER_FIELDS = ['addressId', 'paymentMethod', 'idempotencyKey', 'expectedTotal'] as const;

function issuesOf(details: unknown): Issue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is Issue => typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.code === 'string',
  );
}

export const actions = {
  ...signInActions(CHECKOUT),

  /**
   * Places the order from the cart cookie. Before sending it: the address is checked with the
   * API's own schema, and the cart is quoted again (with the address, so delivery fees are the
   * order's): a total other than the one the buyer saw stops here and shows the new one. Stock is
   * left to POST /orders, which checks it in the transaction that takes it; and a resent form with
   * an order already placed under its key gets that order back, whatever the stock is now.
   */
  /** The new-address form's commune search without JavaScript: the form comes back as typed. */
  findCommune: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = readAddressForm(await request.formData());
    const communeOptions = await pickerOptions(locals.api, values.communeQuery, values.communeCode);
    return { step: 'address' as const, values, communeOptions, searched: true, errors: null };
  },

  /** A new address, added to the book from checkout and chosen for this order. */
  addAddress: async ({ request, locals, url }) => {
    requireSignedIn({ locals, url });
    const values = readAddressForm(await request.formData());
    const refuse = async (status: number, errors: ReturnType<typeof addressFailureErrors>) =>
      fail(status, {
        step: 'address' as const,
        values,
        errors,
        communeOptions: await pickerOptions(locals.api, values.communeQuery, values.communeCode),
        searched: values.communeQuery !== '',
      });
    const checked = checkAddressForm(values);
    if (!checked.ok) return refuse(422, checked.errors);
    const result = await call(() => locals.api.api.v1.me.addresses.$post({ json: checked.data }));
    if (!result.ok) return refuse(result.failure.status, addressFailureErrors(result.failure));
    redirect(303, `${CHECKOUT}?${ADDRESS_PARAM}=${encodeURIComponent(result.data.id)}`);
  },

  /**
   * Places the order from the cart cookie, to the chosen address of the buyer's book. Before
   * sending it, the cart is quoted again for that address (so delivery fees are the order's): a
   * total other than the one the buyer saw stops here and shows the new one. Stock is left to
   * POST /orders, which checks it in the transaction that takes it; and a resent form with an
   * order already placed under its key gets that order back, whatever the stock is now. The API
   * computes every fee again itself: nothing priced here is sent.
   */
  placeOrder: async ({ request, locals, cookies }) => {
    const typed = formText(await request.formData(), ORDER_FIELDS);
    const paymentText = typed.paymentMethod;
    const values = { addressId: typed.addressId, paymentMethod: paymentText };
    const refuse = (status: number, errors: Partial<CheckoutErrors>) =>
      fail(status, { step: 'order', errors: { form: null, fields: {}, ...errors }, values } satisfies OrderFailure);
    const refuseWith = (status: number, message: Message) => refuse(status, { form: message });

    if (!locals.token) return refuseWith(401, { key: 'err.unauthenticated' });
    const lines = readCart(cookies);
    if (lines.length === 0) redirect(303, '/gio-hang');
    const keyText = typed.idempotencyKey;
    // A form without its key (tampered with, or a very old page) gets a fresh one: it is a new attempt.
    const idempotencyKey = IDEMPOTENCY_KEY.test(keyText) ? keyText : crypto.randomUUID();
    const expectedTotal = parseWholeNumber(typed.expectedTotal);
    const payment = PaymentMethodSchema.safeParse(paymentText);
    if (!payment.success) {
      return refuse(422, { form: { key: 'err.form' }, fields: { paymentMethod: { key: 'checkout.choosePayment' } } });
    }
    const paymentMethod: PaymentMethod = payment.data;

    const { chosen: address } = await chosenAddress(locals.api, cookies, true, typed.addressId);
    if (address && address.id !== typed.addressId) return refuseWith(409, { key: 'checkout.priceChanged' });
    const choices = readDeliveryChoices(cookies);
    const priced = await priceFor(locals.api, lines, choices, address);
    if (!priced.ok) {
      const { failure } = priced;
      if (failure.code === 'VALIDATION_FAILED') return refuse(422, checkoutErrorsFor(issuesOf(failure.details)));
      return refuseWith(failure.status, messageFor(failure));
    }
    const { quote, deliverTo } = priced;
    if (toCartView(quote, choices).needsChoice) redirect(303, '/gio-hang');
    if (deliverTo.length > 0 && !address) return refuseWith(422, { key: 'checkout.chooseAddress' });

    // Items that cannot be bought at all; a shortage is for POST /orders to decide (see above).
    if (quote.items.some((i) => i.problem !== null && i.problem !== 'insufficient_stock')) {
      return refuseWith(409, { key: 'checkout.reviewCart' });
    }
    if (!quote.paymentMethods.includes(paymentMethod)) {
      return refuse(422, {
        form: { key: 'err.form' },
        fields: { paymentMethod: { key: 'checkout.paymentNotOffered' } },
      });
    }
    if (expectedTotal !== quote.totals.totalVnd) return refuseWith(409, { key: 'checkout.priceChanged' });

    const deliveries = Object.fromEntries(
      quote.sellers.map((s) => [
        s.seller.id,
        deliverTo.includes(s.seller.id) && address
          ? { method: 'delivery' as const, address: asDelivery(address) }
          : { method: 'pickup' as const },
      ]),
    );
    const placed = await call(() =>
      locals.api.api.v1.orders.$post({
        header: { 'idempotency-key': idempotencyKey },
        json: { items: lines.map(({ listingId, quantity }) => ({ listingId, quantity })), deliveries, paymentMethod },
      }),
    );
    if (!placed.ok) {
      const { failure } = placed;
      switch (failure.code) {
        case 'INSUFFICIENT_STOCK': {
          const titles = new Map(quote.items.map((i) => [i.listingId, i.listing]));
          const short = (Array.isArray(failure.details) ? failure.details : [])
            .map((d: { listingId?: string; available?: number }) => {
              const listing = d.listingId ? titles.get(d.listingId) : null;
              return listing ? `${listing.title} (${d.available ?? 0} ${nameIn(listing.unit, locals.locale)})` : null;
            })
            .filter((s): s is string => s !== null);
          return refuseWith(409, { key: 'checkout.insufficient', params: { items: short.join(', ') } });
        }
        case 'VALIDATION_FAILED':
          return refuse(422, checkoutErrorsFor(issuesOf(failure.details)));
        case 'IDEMPOTENCY_KEY_REUSED':
          return refuseWith(422, { key: 'checkout.keyReused' });
        default:
          return refuseWith(failure.status, messageFor(failure));
      }
    }

    clearCart(cookies);
    // A card payment continues on the card page (Stripe's Payment Element); a bank transfer on the
    // order page, which shows the QR code; cash on delivery has nothing left to do.
    const orderId = placed.data.order.id;
    if (placed.data.order.payment.method === 'stripe') redirect(303, cardPaymentPath(orderId));
    redirect(303, `/don-hang/${encodeURIComponent(orderId)}?moi=1`);
  },
} satisfies Actions;
