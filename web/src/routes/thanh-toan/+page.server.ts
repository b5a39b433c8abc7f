import { DeliveryAddressSchema, type PaymentMethod, PaymentMethodSchema } from '@nongsan/contracts';
import { formatVnPhone } from '@nongsan/vn';
import { PROVINCES } from '@nongsan/vn/provinces';
import { error, fail, redirect } from '@sveltejs/kit';
import { deliverySellersIn, toCartView } from '$lib/cart/cart-view.ts';
import type { Message } from '$lib/i18n/index.ts';
import { nameIn } from '$lib/listings/labels.ts';
import { parseWholeNumber } from '$lib/numbers.ts';
import { type CheckoutErrors, checkoutErrorsFor, type Issue } from '$lib/orders/checkout-errors.ts';
import { cardPaymentPath } from '$lib/payments/payment-view.ts';
import { call } from '$lib/server/api.ts';
import { type AddressInput, clearCart, quoteCart, readCart, readDeliveryChoices } from '$lib/server/cart.ts';
import { messageFor } from '$lib/server/failures.ts';
import { formText } from '$lib/server/form.ts';
import { ApiUnavailableError } from '$lib/server/session.ts';
import { signInActions } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

const CHECKOUT = '/thanh-toan';

// Sorted the Vietnamese way for the picker (Đ after D, tones ignored for order).
const PROVINCE_OPTIONS = [...PROVINCES]
  .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  .map(({ id, name }) => ({ id, name }));

export const load: PageServerLoad = async ({ locals, cookies }) => {
  const lines = readCart(cookies);
  if (lines.length === 0) redirect(303, '/gio-hang');
  let me: Awaited<App.Locals['me']>;
  try {
    me = await locals.me;
  } catch (cause) {
    if (cause instanceof ApiUnavailableError) error(503, { message: 'the API is unavailable' });
    throw cause;
  }
  const [result, offered] = await Promise.all([
    quoteCart(locals.api, lines),
    call(() => locals.api.api.v1.payments.methods.$get()),
  ]);
  if (!result.ok) error(503, { message: 'the cart could not be priced' });
  const cart = toCartView(result.quote, readDeliveryChoices(cookies));
  // A seller's part whose hand-over the buyer has not chosen yet (delivery for a fee, or pickup):
  // the cart asks, never checkout by guessing.
  if (cart.needsChoice) redirect(303, '/gio-hang');
  return {
    cart,
    // The ways to pay in the order the deployment lists them (GET /payments/methods); the quote
    // names the same configured methods, and is the fallback should that call fail.
    paymentMethods: offered.ok ? offered.data.methods : cart.paymentMethods,
    buyer: me ? { name: me.user.name ?? '', phone: formatVnPhone(me.user.phone) ?? me.user.phone } : null,
    provinces: PROVINCE_OPTIONS,
    // One key per attempt at ordering, in the page: a double-tap or a resent form carries the same
    // key, so the API answers the second with the first order instead of placing another.
    idempotencyKey: crypto.randomUUID(),
  };
};

/** What a failed "Đặt hàng" answers: the messages, and what was typed so nothing is lost. */
type OrderFailure = {
  step: 'order';
  errors: CheckoutErrors;
  values: AddressInput & { paymentMethod: string };
};

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,200}$/;

const ORDER_FIELDS = [
  'recipientName',
  'recipientPhone',
  'province',
  'commune',
  'street',
  'paymentMethod',
  'idempotencyKey',
  'expectedTotal',
] as const;

function addressOf(typed: Record<(typeof ORDER_FIELDS)[number], string>): AddressInput {
  const { recipientName, recipientPhone: phone, province, commune, street } = typed;
  return { recipientName, phone, province, commune, street };
}

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
  placeOrder: async ({ request, locals, cookies }) => {
    const typed = formText(await request.formData(), ORDER_FIELDS);
    const address = addressOf(typed);
    const paymentText = typed.paymentMethod;
    const values = { ...address, paymentMethod: paymentText };
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

    const first = await quoteCart(locals.api, lines);
    if (!first.ok) return refuseWith(first.failure.status, messageFor(first.failure));
    const choices = readDeliveryChoices(cookies);
    if (toCartView(first.quote, choices).needsChoice) redirect(303, '/gio-hang');
    const deliverTo = deliverySellersIn(first.quote, choices);
    let quote = first.quote;
    if (deliverTo.length > 0) {
      const parsed = DeliveryAddressSchema.safeParse(address);
      if (!parsed.success) {
        return refuse(
          422,
          checkoutErrorsFor(parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }))),
        );
      }
      const withAddress = await quoteCart(locals.api, lines, { sellerIds: deliverTo, address });
      if (!withAddress.ok) {
        const { failure } = withAddress;
        if (failure.code === 'VALIDATION_FAILED') return refuse(422, checkoutErrorsFor(issuesOf(failure.details)));
        return refuseWith(failure.status, messageFor(failure));
      }
      quote = withAddress.quote;
    }

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
        deliverTo.includes(s.seller.id) ? { method: 'delivery' as const, address } : { method: 'pickup' as const },
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
